//! Status changes over real HTTP on loopback: the served page's token and
//! fingerprint, a change written into the roadmap and undone, and every request that
//! must change nothing (no token, another origin, a file edited since the page was
//! built, a kanban card). The browser side is in `tests/serve_browser.rs`.

mod common;

use common::TestSite;
use common::server::{Reply, Server};

const ROADMAP: &str =
    "# Rust\n\n## Basics\n\n- [x] Ownership\n- [ ] Borrowing\r\n- [ ] Lifetimes   \n";

fn site() -> TestSite {
    TestSite::new().file("content/roadmap.md", ROADMAP).file(
        "content/notes/lifetimes.md",
        "---\ntask: Lifetimes\nstatus: \"in progress\"\n---\nElision rules.\n",
    )
}

/// `data-<name>="…"` in a served page.
fn attribute(page: &str, name: &str) -> String {
    let start = page
        .find(&format!("data-{name}=\""))
        .unwrap_or_else(|| panic!("no data-{name} in {page}"))
        + name.len()
        + 7;
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

struct Page {
    token: String,
    fingerprint: String,
}

fn load(server: &Server, target: &str) -> Page {
    let page = server.get(target).text();
    Page {
        token: attribute(&page, "token"),
        fingerprint: attribute(&page, "fingerprint"),
    }
}

fn post(server: &Server, path: &str, origin: Option<&str>, body: &str) -> Reply {
    let origin = origin.map_or(String::new(), |o| format!("Origin: {o}\r\n"));
    let request = format!(
        "POST /__roadmap-site/{path} HTTP/1.1\r\nHost: {host}\r\n{origin}Content-Type: \
         application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len(),
        host = server.address,
    );
    server.raw(request.as_bytes())
}

fn own(server: &Server) -> String {
    format!("http://{}", server.address)
}

fn set(server: &Server, page: &Page, task: &str, from: &str, to: &str) -> Reply {
    let body = serde_json::json!({
        "token": page.token, "task": task, "from": from, "to": to,
        "fingerprint": page.fingerprint,
    });
    post(server, "set-status", Some(&own(server)), &body.to_string())
}

fn roadmap(site: &TestSite) -> String {
    std::fs::read_to_string(site.path().join("content/roadmap.md")).unwrap()
}

#[test]
fn a_change_is_written_in_place_shown_after_the_rebuild_and_undone() {
    let site = site();
    let server = Server::start(site.path(), &[]);
    let page = load(&server, "/tasks/borrowing.html");
    assert_eq!(page.token.len(), 32, "{}", page.token);
    let script = server.get("/__roadmap-site/edit.js");
    assert_eq!(script.status, 200);
    assert!(script.text().contains("set-status"));

    let generation = server.generation();
    let reply = set(&server, &page, "borrowing", "todo", "done");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(
        reply.text().contains("Borrowing → done"),
        "{}",
        reply.text()
    );
    assert_eq!(
        roadmap(&site),
        ROADMAP.replace("[ ] Borrowing", "[x] Borrowing")
    );
    server.wait_for_generation_after(generation);
    let shown = server.get("/tasks/borrowing.html").text();
    assert!(shown.contains("task-page status-done"), "{shown}");
    assert!(
        server.output().contains("Borrowing → done"),
        "{}",
        server.output()
    );

    let undo = post(
        &server,
        "undo",
        Some(&own(&server)),
        &format!(r#"{{"token":"{}"}}"#, page.token),
    );
    assert_eq!(undo.status, 200, "{}", undo.text());
    assert_eq!(
        roadmap(&site),
        ROADMAP,
        "undo restores the file byte for byte"
    );
}

#[test]
fn a_status_from_a_notes_front_matter_is_changed_there() {
    let site = site();
    let server = Server::start(site.path(), &[]);
    let page = load(&server, "/tasks/lifetimes.html");
    let reply = set(&server, &page, "lifetimes", "in_progress", "done");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(roadmap(&site), ROADMAP, "the roadmap is not touched");
    let note = std::fs::read_to_string(site.path().join("content/notes/lifetimes.md")).unwrap();
    assert_eq!(
        note,
        "---\ntask: Lifetimes\nstatus: \"done\"\n---\nElision rules.\n"
    );
}

#[test]
fn forged_requests_change_nothing() {
    let site = site();
    let server = Server::start(site.path(), &[]);
    let page = load(&server, "/");
    let valid = serde_json::json!({
        "token": page.token, "task": "borrowing", "from": "todo", "to": "done",
        "fingerprint": page.fingerprint,
    });
    let no_token = serde_json::json!({
        "task": "borrowing", "from": "todo", "to": "done", "fingerprint": page.fingerprint,
    });
    let wrong_token = valid.to_string().replace(&page.token, &"0".repeat(32));
    let cases: [(&str, Option<&str>, String); 4] = [
        ("no token", Some(&own(&server)), no_token.to_string()),
        ("a wrong token", Some(&own(&server)), wrong_token),
        (
            "another origin",
            Some("http://evil.example"),
            valid.to_string(),
        ),
        ("no origin", None, valid.to_string()),
    ];
    for (what, origin, body) in &cases {
        let reply = post(&server, "set-status", *origin, body);
        assert!(
            reply.status == 403 || reply.status == 400,
            "{what}: {} {}",
            reply.status,
            reply.text()
        );
        assert_eq!(roadmap(&site), ROADMAP, "{what}");
    }
    // A foreign Host (DNS rebinding) with a matching Origin.
    let body = valid.to_string();
    let request = format!(
        "POST /__roadmap-site/set-status HTTP/1.1\r\nHost: evil.example\r\nOrigin: \
         http://evil.example\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    assert_eq!(server.raw(request.as_bytes()).status, 403);
    assert_eq!(roadmap(&site), ROADMAP);
    // The valid request still works afterwards: the refusals were not for other reasons.
    assert_eq!(set(&server, &page, "borrowing", "todo", "done").status, 200);
}

#[test]
fn a_file_edited_since_the_page_was_built_is_not_overwritten() {
    let site = site();
    let server = Server::start(site.path(), &[]);
    let page = load(&server, "/");
    // The learner types in the file; the page is still the old one.
    let typed = ROADMAP.replace("Lifetimes", "Lifetimes and variance");
    std::fs::write(site.path().join("content/roadmap.md"), &typed).unwrap();
    let reply = set(&server, &page, "borrowing", "todo", "done");
    assert_eq!(reply.status, 409, "{}", reply.text());
    assert!(reply.text().contains("changed on disk"), "{}", reply.text());
    assert_eq!(roadmap(&site), typed);
}

#[test]
fn a_kanban_card_is_refused_with_the_line_to_edit() {
    let kanban = "# Board\n\n## To do\n\n- Write tests\n\n## Doing\n\n- Read the book\n\n## Done\n\n- Install Rust\n";
    let site = TestSite::new().file("content/roadmap.md", kanban);
    let server = Server::start(site.path(), &[]);
    let page = load(&server, "/");
    let reply = set(&server, &page, "write-tests", "todo", "done");
    assert_eq!(reply.status, 422, "{}", reply.text());
    assert!(reply.text().contains("roadmap.md:5:"), "{}", reply.text());
    assert_eq!(roadmap(&site), kanban);
}

#[test]
fn a_server_on_another_address_takes_no_changes_and_its_pages_carry_no_token() {
    let site = site();
    let server = Server::start(site.path(), &["--bind", "0.0.0.0"]);
    let page = server.get("/").text();
    assert!(!page.contains("data-token"), "{page}");
    assert!(!page.contains("edit.js"), "{page}");
}

#[test]
fn built_pages_carry_no_controls() {
    let site = site();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for entry in walkdir::WalkDir::new(site.path().join("public")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!html.contains("data-token") && !html.contains("edit.js"));
        }
    }
}
