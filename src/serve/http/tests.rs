use std::sync::Arc;

use super::*;
use crate::output::SiteOutput;

fn now() -> Snapshot {
    let mut site = SiteOutput::default();
    for (path, text) in [
        ("index.html", "<html><body><p>home</p></body></html>"),
        ("404.html", "<html><body><p>lost</p></body></html>"),
        ("phases/index.html", "<html><body>phases</body></html>"),
        ("phases/one.html", "<html><body>one</body></html>"),
        ("style.css", "body{}"),
        ("notes/a b.svg", "<svg/>"),
        ("progress.json", "{}"),
        ("sitemap.xml", "<urlset/>"),
    ] {
        site.insert(path, text.as_bytes().to_vec());
    }
    Snapshot {
        site: Some(Arc::new(site)),
        generation: 5,
        error: None,
        pages: Default::default(),
        editable: None,
    }
}

fn get(target: &str) -> Response {
    get_with(target, &now())
}

fn get_with(target: &str, now: &Snapshot) -> Response {
    let request = Incoming {
        method: "GET",
        target,
        host: Some("127.0.0.1:1111"),
        last_event_id: None,
    };
    match answer(&request, now, true) {
        Reply::Response(response) => response,
        Reply::Events { .. } => panic!("{target}: an event stream"),
    }
}

fn body(response: &Response) -> &str {
    std::str::from_utf8(&response.body).unwrap()
}

#[test]
fn pages_are_served_with_the_script_and_their_type() {
    let home = get("/");
    assert_eq!((home.status, home.content_type), (200, HTML));
    assert!(
        body(&home).ends_with(
            r#"<p>home</p><script async src="/__roadmap-site/livereload.js" data-generation="5"></script></body></html>"#
        ),
        "{}",
        body(&home)
    );
    assert_eq!(get("/index.html").body, home.body);
    assert_eq!(get("/phases/").status, 200);
    assert_eq!(get("/style.css").content_type, "text/css; charset=utf-8");
    assert_eq!(
        get("/style.css").body,
        b"body{}",
        "only HTML gets the script"
    );
    assert_eq!(get("/notes/a%20b.svg").content_type, "image/svg+xml");
    assert_eq!(get("/progress.json").content_type, "application/json");
    assert_eq!(
        get("/sitemap.xml").content_type,
        "application/xml; charset=utf-8"
    );
}

#[test]
fn a_folder_without_its_slash_is_redirected_with_its_query() {
    for (target, location) in [
        ("/phases", "/phases/"),
        ("/phases?", "/phases/"),
        ("/phases?x=1", "/phases/?x=1"),
        ("/phases?x=1&y=%20#top", "/phases/?x=1&y=%20"),
    ] {
        let response = get(target);
        assert_eq!(response.status, 301, "{target}");
        assert_eq!(response.location.as_deref(), Some(location), "{target}");
    }
}

#[test]
fn missing_files_get_the_404_page_with_status_404() {
    let response = get("/no/such/page.html");
    assert_eq!(response.status, 404);
    assert!(
        body(&response).contains("<p>lost</p><script"),
        "{}",
        body(&response)
    );
    assert_eq!(get("/__roadmap-site/nothing").status, 404);
}

#[test]
fn traversal_and_malformed_paths_are_bad_requests() {
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/",
        "/%2E%2E%2F",
        "/..%2f..%2f",
        "/..\\..\\",
        "//etc/passwd",
        "/%00",
        "http://example.com/",
    ] {
        let response = get(target);
        assert_eq!(response.status, 400, "{target}: {}", body(&response));
    }
    assert_eq!(get(&format!("/{}", "a".repeat(10_000))).status, 400);
}

#[test]
fn other_methods_and_foreign_hosts_are_refused() {
    let post = Incoming {
        method: "POST",
        target: "/",
        ..Incoming::default()
    };
    assert!(matches!(answer(&post, &now(), true), Reply::Response(r) if r.status == 405));
    for (host, status) in [
        ("evil.example:1111", 400),
        ("localhost:1111", 200),
        ("app.localhost", 200),
        ("[::1]:1111", 200),
        ("127.0.0.2", 200),
    ] {
        let request = Incoming {
            method: "GET",
            target: "/",
            host: Some(host),
            last_event_id: None,
        };
        let Reply::Response(r) = answer(&request, &now(), true) else {
            panic!()
        };
        assert_eq!(r.status, status, "{host}");
    }
    let request = Incoming {
        method: "GET",
        target: "/",
        host: Some("192.168.1.2:1111"),
        last_event_id: None,
    };
    assert!(
        matches!(answer(&request, &now(), false), Reply::Response(r) if r.status == 200),
        "bound to another address: any host"
    );
}

#[test]
fn without_a_good_build_every_path_shows_the_errors() {
    let failed = Snapshot {
        site: None,
        generation: 1,
        error: Some("roadmap.toml:1:1: error: unknown key `themme`".into()),
        pages: Default::default(),
        editable: None,
    };
    let response = get_with("/tasks/x.html", &failed);
    assert_eq!((response.status, response.content_type), (503, HTML));
    assert!(body(&response).contains("roadmap.toml:1:1: error: unknown key `themme`"));
    assert!(body(&response).contains("livereload.js"));
}

#[test]
fn the_event_stream_resumes_from_the_last_event_id_or_the_page_generation() {
    let events = |target, last_event_id| {
        let request = Incoming {
            method: "GET",
            target,
            host: None,
            last_event_id,
        };
        answer(&request, &now(), true)
    };
    assert_eq!(
        events("/__roadmap-site/events?since=3", None),
        Reply::Events { since: 3 }
    );
    assert_eq!(
        events("/__roadmap-site/events?since=3", Some("4")),
        Reply::Events { since: 4 }
    );
    assert_eq!(
        events("/__roadmap-site/events?since=", None),
        Reply::Events { since: 5 },
        "no generation: the current one (a reload would loop)"
    );
    let status = get("/__roadmap-site/status");
    assert_eq!(
        body(&status),
        "{\"error\":null,\"generation\":5,\"ok\":true}\n"
    );
    assert!(body(&get("/__roadmap-site/livereload.js")).contains("EventSource"));
}
