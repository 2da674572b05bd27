//! `roadmap-site serve` end to end: the real binary on a fixture site, spoken to over
//! HTTP/1.1 on 127.0.0.1 with hand-written requests. Pages, types, HEAD, 404, every
//! path traversal form, rebuilds on edits, failed builds, event streams, and the
//! output folder left alone.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use common::TestSite;
use common::server::Server;

/// A rebuild must show within this (debug builds, tests running side by side).
const REBUILD: Duration = Duration::from_secs(20);
const SCRIPT: &str = r#"<script src="/__roadmap-site/livereload.js" data-generation=""#;

fn serve_fixture() -> (TestSite, Server) {
    let site = TestSite::fixture("serve");
    let server = Server::start(site.path(), &[]);
    (site, server)
}

fn append(site: &TestSite, path: &str, text: &str) {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(site.path().join(path))
        .unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

#[test]
fn pages_are_served_from_memory_with_the_live_reload_script_and_no_store() {
    let (site, server) = serve_fixture();
    for target in ["/", "/index.html", "/tasks/ownership.html"] {
        let page = server.get(target);
        assert_eq!(page.status, 200, "{target}: {}", page.text());
        assert_eq!(
            page.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(page.header("cache-control"), Some("no-store"), "{target}");
        assert!(page.text().contains(SCRIPT), "{target}: {}", page.text());
        assert!(
            page.text().trim_end().ends_with("</body>\n</html>"),
            "{target}"
        );
    }
    let script = server.get("/__roadmap-site/livereload.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        script.text().contains("new EventSource"),
        "{}",
        script.text()
    );
    assert!(!site.path().join("public").exists(), "serve wrote public/");

    // A real build of the same site never contains the script.
    drop(server);
    site.build();
    let files = site.files("public");
    assert!(files.len() > 5, "{files:?}");
    for file in files {
        let bytes = std::fs::read(site.path().join("public").join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__roadmap-site"),
            "public/{file} has the script"
        );
    }
}

#[test]
fn every_file_kind_has_its_content_type_and_head_sends_no_body() {
    let site = TestSite::fixture("serve").file(
        "roadmap.toml",
        "theme = \"live\"\nbase_url = \"https://example.com/rust/\"\n",
    );
    let server = Server::start(site.path(), &[]);
    for (target, kind) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/notes/img/diagram.svg", "image/svg+xml"),
        ("/badges/progress.svg", "image/svg+xml"),
        ("/progress.json", "application/json"),
        ("/badges/progress.json", "application/json"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/phases/phase-1-basics.html", "text/html; charset=utf-8"),
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 200, "{target}: {}", reply.text());
        assert_eq!(reply.header("content-type"), Some(kind), "{target}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert!(!reply.body.is_empty(), "{target}");

        let head = server.request("HEAD", target);
        assert_eq!(head.status, 200, "HEAD {target}");
        assert_eq!(head.header("content-type"), Some(kind), "HEAD {target}");
        assert_eq!(
            head.header("content-length"),
            Some(reply.body.len().to_string().as_str()),
            "HEAD {target}"
        );
        assert!(head.body.is_empty(), "HEAD {target} sent a body");
    }
    assert_eq!(server.request("POST", "/").status, 405);
}

#[test]
fn missing_files_get_the_404_page_with_status_404() {
    let (_site, server) = serve_fixture();
    for target in ["/no-such-page.html", "/tasks/nope.html", "/deep/er/x.css"] {
        let reply = server.get(target);
        assert_eq!(reply.status, 404, "{target}");
        assert_eq!(
            reply.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        assert!(
            reply.text().contains("<h1"),
            "not the 404 page: {}",
            reply.text()
        );
        assert!(reply.text().contains(SCRIPT), "{target}");
    }
    let folder = server.get("/phases");
    assert!(
        folder.status == 404 || folder.status == 301,
        "{}",
        folder.status
    );
}

#[test]
fn no_path_escapes_the_site() {
    let site = TestSite::fixture("serve")
        .file("secret.txt", "SECRET-IN-THE-SITE-FOLDER")
        .file("content/secret.txt", "SECRET-IN-CONTENT");
    let server = Server::start(site.path(), &[]);
    let long = format!("/{}", "a/".repeat(5_000));
    let targets = [
        "/../Cargo.toml",
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/%2e%2e/",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2F",
        "/%2E%2E%2Fsecret.txt",
        "/..%2f..%2f",
        "/..%2f..%2fetc%2fpasswd",
        "/..%5c..%5csecret.txt",
        "/..\\..\\",
        "/..\\secret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/%00",
        "/index.html%00.css",
        "/secret.txt",
        "/content/secret.txt",
        "/content/roadmap.md",
        "/roadmap.toml",
        "/tasks/../../secret.txt",
        "/./index.html",
        "/%",
        "/%c0%ae%c0%ae/secret.txt",
        "http://127.0.0.1/../secret.txt",
        &long,
    ];
    for target in targets {
        let reply = server.get(target);
        let shown = &target[..target.len().min(60)];
        assert!(
            reply.status == 400 || reply.status == 404,
            "{shown}: {} {}",
            reply.status,
            reply.text()
        );
        let text = reply.text();
        for leak in [
            "SECRET-",
            "root:",
            "[package]",
            "# 🦀 Learn Rust",
            "theme =",
        ] {
            assert!(
                !text.contains(leak),
                "{shown} answered with {leak:?}: {text}"
            );
        }
    }
    assert!(long.len() >= 10_000);
}

#[test]
fn a_failing_first_build_serves_the_errors_and_then_the_site_once_fixed() {
    let site = TestSite::fixture("serve").file("roadmap.toml", "themme = 1\n");
    let mut server = Server::start(site.path(), &[]);
    let page = server.get("/tasks/ownership.html");
    assert_eq!(page.status, 503, "{}", page.text());
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.text()
            .contains("roadmap.toml:1:1: error: unknown key `themme`"),
        "{}",
        page.text()
    );
    assert!(page.text().contains(SCRIPT));
    assert!(
        server
            .output()
            .contains("roadmap.toml:1:1: error: unknown key `themme`")
    );
    assert!(server.is_running());

    std::fs::write(site.path().join("roadmap.toml"), "theme = \"live\"\n").unwrap();
    let page = server.wait_for("the fixed site is served", REBUILD, || {
        let page = server.get("/tasks/ownership.html");
        (page.status == 200).then_some(page)
    });
    assert!(
        page.text().contains("Moves and borrows."),
        "{}",
        page.text()
    );
}

#[test]
fn an_edit_makes_a_new_generation_with_the_new_text() {
    let (site, server) = serve_fixture();
    let before = server.generation();
    append(
        &site,
        "content/notes/ownership.md",
        "\nBorrow checker, round two.\n",
    );
    server.wait_for("the new text", REBUILD, || {
        let page = server.get("/tasks/ownership.html");
        page.text()
            .contains("Borrow checker, round two.")
            .then_some(())
    });
    assert!(server.generation() > before);
    assert!(
        server
            .output()
            .contains("Changed: content/notes/ownership.md"),
        "{}",
        server.output()
    );
    assert!(
        server.output().contains("Rebuilt in "),
        "{}",
        server.output()
    );

    // A new note for another task, in a new folder.
    std::fs::create_dir_all(site.path().join("content/notes/async")).unwrap();
    std::fs::write(
        site.path().join("content/notes/async/futures.md"),
        "+++\ntask = \"Futures\"\n+++\n\nPolled, not pushed.\n",
    )
    .unwrap();
    server.wait_for("the new note", REBUILD, || {
        let page = server.get("/tasks/futures.html");
        page.text().contains("Polled, not pushed.").then_some(())
    });
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_reports_where() {
    let (site, server) = serve_fixture();
    let good = server.get("/index.html").text();
    std::fs::write(site.path().join("roadmap.toml"), "themme = 1\n").unwrap();
    let status = server.wait_for("the failed build", REBUILD, || {
        let text = server.get("/__roadmap-site/status").text();
        let status: serde_json::Value = serde_json::from_str(&text).unwrap();
        (status["ok"] == false).then_some(status)
    });
    let error = status["error"].as_str().unwrap();
    assert!(
        error.contains("roadmap.toml:1:1: error: unknown key `themme`"),
        "{error}"
    );
    assert!(
        error.contains("1 | themme = 1"),
        "the source excerpt: {error}"
    );
    assert!(!error.contains('\u{1b}'), "no terminal colours: {error:?}");
    // The terminal says the same.
    let output = server.output();
    assert!(output.contains(error.lines().next().unwrap()), "{output}");
    assert!(
        output.contains("the last good site is still served"),
        "{output}"
    );
    // The last good site is still served (its generation aside).
    let served = server.get("/index.html");
    assert_eq!(served.status, 200);
    assert_eq!(
        without_generation(&served.text()),
        without_generation(&good)
    );

    std::fs::write(site.path().join("roadmap.toml"), "theme = \"live\"\n").unwrap();
    server.wait_for("the good build", REBUILD, || {
        server
            .get("/__roadmap-site/status")
            .text()
            .contains("\"ok\":true")
            .then_some(())
    });
}

fn without_generation(html: &str) -> String {
    let at = html.find(SCRIPT).expect("script");
    html[..at].to_string()
}

#[test]
fn the_output_folder_with_a_user_file_is_untouched() {
    let site = TestSite::fixture("serve")
        .file("public/CNAME", "roadmap.example.com\n")
        .file("public/index.html", "an old build\n");
    let before = snapshot(&site.path().join("public"));
    let root_before = names(site.path());
    let mut server = Server::start(site.path(), &[]);
    append(&site, "content/notes/ownership.md", "\nMore.\n");
    server.wait_for("the rebuild", REBUILD, || {
        server
            .get("/tasks/ownership.html")
            .text()
            .contains("More.")
            .then_some(())
    });
    server.interrupt(); // Ctrl-C
    assert_eq!(snapshot(&site.path().join("public")), before);
    assert_eq!(
        names(site.path()),
        root_before,
        "serve left files in the site folder"
    );
}

/// Every file under `dir` with its contents and modification time.
fn snapshot(dir: &std::path::Path) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| {
            let meta = e.metadata().unwrap();
            let bytes = if meta.is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (
                e.path().display().to_string(),
                (bytes, meta.modified().unwrap()),
            )
        })
        .collect()
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn write_also_writes_the_site_atomically_without_the_script() {
    let site = TestSite::fixture("serve").file("public/CNAME", "roadmap.example.com\n");
    let server = Server::start(site.path(), &["--write"]);
    assert!(server.output().contains("→ public/"), "{}", server.output());
    let index = site.read("public/index.html");
    assert!(!index.contains("__roadmap-site"), "{index}");
    assert_eq!(site.read("public/CNAME"), "roadmap.example.com\n");
    append(&site, "content/notes/ownership.md", "\nWritten too.\n");
    server.wait_for("the written rebuild", REBUILD, || {
        site.read("public/tasks/ownership.html")
            .contains("Written too.")
            .then_some(())
    });
    // Writing the output folder is not a change of the inputs: no rebuild loop.
    std::thread::sleep(Duration::from_millis(300));
    let before = server.output().matches("Changed:").count();
    std::thread::sleep(Duration::from_millis(700));
    let output = server.output();
    assert_eq!(output.matches("Changed:").count(), before, "{output}");
    assert!(!output.contains("Changed: public"), "{output}");
    assert_eq!(site.read("public/CNAME"), "roadmap.example.com\n");
}

/// An open event stream: the response head is read, events are read line by line.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(server: &Server, since: u64) -> Events {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        stream.set_read_timeout(Some(REBUILD)).unwrap();
        write!(
            stream,
            "GET /__roadmap-site/events?since={since} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            server.address
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line:?}");
        let mut head = String::new();
        while line.trim() != "" || head.is_empty() {
            line.clear();
            reader.read_line(&mut line).unwrap();
            head.push_str(&line);
        }
        assert!(head.contains("Content-Type: text/event-stream"), "{head}");
        Events { reader }
    }

    /// The next event's name and data (comments and `retry` skipped).
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).expect("no event in time");
            assert!(n > 0, "the stream ended");
            let line = line.trim_end();
            if line.is_empty() && !name.is_empty() {
                return (name, data);
            }
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = v.to_string();
            }
        }
    }
}

#[test]
fn open_event_streams_do_not_hold_up_pages_and_all_hear_the_reload() {
    let (site, server) = serve_fixture();
    let generation = server.generation();
    let mut streams: Vec<Events> = (0..20).map(|_| Events::open(&server, generation)).collect();
    let started = Instant::now();
    for _ in 0..10 {
        assert_eq!(server.get("/index.html").status, 200);
        assert_eq!(server.get("/style.css").status, 200);
    }
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(5),
        "20 requests took {took:?} with 20 streams open"
    );

    append(
        &site,
        "content/notes/ownership.md",
        "\nEveryone hears this.\n",
    );
    for stream in &mut streams {
        let (name, data) = stream.next();
        assert_eq!(name, "reload", "{data}");
        assert!(
            data.contains(&format!("\"generation\":{}", generation + 1)),
            "{data}"
        );
    }
    // By then the new page is complete.
    assert!(
        server
            .get("/tasks/ownership.html")
            .text()
            .contains("Everyone hears this.")
    );
}

#[test]
fn a_css_only_change_is_a_css_event_and_a_failure_a_failed_event() {
    let (site, server) = serve_fixture();
    let mut events = Events::open(&server, server.generation());
    append(
        &site,
        "themes/live/static/style.css",
        "\nh1 { color: rgb(1, 2, 3); }\n",
    );
    assert_eq!(events.next().0, "css");
    assert!(server.get("/style.css").text().contains("rgb(1, 2, 3)"));

    std::fs::write(site.path().join("roadmap.toml"), "themme = 1\n").unwrap();
    let (name, data) = events.next();
    assert_eq!(name, "failed");
    assert!(
        data.contains("roadmap.toml:1:1: error: unknown key"),
        "{data}"
    );
    std::fs::write(site.path().join("roadmap.toml"), "theme = \"live\"\n").unwrap();
    assert_eq!(events.next().0, "reload");
}

#[test]
fn a_page_that_missed_a_build_is_told_at_once() {
    let (site, server) = serve_fixture();
    let old = server.generation();
    append(&site, "content/notes/ownership.md", "\nMissed.\n");
    server.wait_for("the rebuild", REBUILD, || {
        (server.generation() > old).then_some(())
    });
    let mut events = Events::open(&server, old);
    assert_eq!(events.next().0, "reload");
}

#[test]
fn a_port_in_use_is_an_error_naming_the_port() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = TestSite::fixture("serve");
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "error: port {port} is already in use on 127.0.0.1"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--port 0"), "{}", run.stderr);
}

#[test]
fn listening_beyond_loopback_prints_a_warning() {
    let site = TestSite::fixture("serve");
    let server = Server::start(site.path(), &["--bind", "0.0.0.0"]);
    let output = server.output();
    assert!(
        output.contains("warning: listening on 0.0.0.0: any machine that can reach this address can read the site"),
        "{output}"
    );
    assert!(output.contains("at http://127.0.0.1:"), "{output}");
}

#[test]
fn a_missing_site_folder_is_a_usage_error() {
    let site = TestSite::new();
    let run = site.run(&["serve", "--port", "0", "--root", "no-such-folder"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no site folder at no-such-folder"),
        "{}",
        run.stderr
    );
}

#[cfg(target_os = "linux")]
#[test]
fn open_starts_the_systems_browser_command_with_the_url() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::fixture("serve");
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened");
    let fake = bin.path().join("xdg-open");
    std::fs::write(
        &fake,
        format!("#!/bin/sh\necho \"$@\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let server = Server::start_with_env(site.path(), &["--open"], &[("PATH", &path)]);
    let url = server.wait_for("xdg-open to run", REBUILD, || {
        std::fs::read_to_string(&opened)
            .ok()
            .filter(|s| s.ends_with('\n'))
    });
    assert_eq!(url.trim(), format!("http://{}/", server.address));
}
