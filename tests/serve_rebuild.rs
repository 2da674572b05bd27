//! `roadmap-site serve` rebuilding: edits make new generations, failed builds keep
//! the last good site and report where, event streams tell every page (reload, css,
//! failed), and the output folder is left alone unless --write.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::TestSite;
use common::git::commit;
use common::server::{Events, REBUILD, SCRIPT, Server, append, serve_fixture};

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
    // Only the caches' own folder (pictures, highlighted code) may appear beside them.
    let mut after = names(site.path());
    after.retain(|name| name != ".roadmap-site-cache");
    assert_eq!(after, root_before, "serve left files in the site folder");
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
fn write_also_writes_the_site_atomically_without_the_script_or_author_tools() {
    let site = TestSite::fixture("serve").file("public/CNAME", "roadmap.example.com\n");
    let server = Server::start(site.path(), &["--write"]);
    assert!(server.output().contains("→ public/"), "{}", server.output());
    let index = site.read("public/index.html");
    assert!(!index.contains("__roadmap-site"), "{index}");
    // What is written is what gets published: no author's tools, on disk or served.
    let task = site.read("public/tasks/ownership.html");
    assert!(!task.contains("author-hint"), "{task}");
    assert!(
        !server
            .get("/tasks/ownership.html")
            .text()
            .contains("author-hint")
    );
    assert_eq!(site.read("public/CNAME"), "roadmap.example.com\n");
    append(&site, "content/notes/ownership.md", "\nWritten too.\n");
    server.wait_for("the written rebuild", REBUILD, || {
        site.read("public/tasks/ownership.html")
            .contains("Written too.")
            .then_some(())
    });
    // Writing the output folder is not a change of the inputs: no rebuild loop. The
    // watcher reports changes in order, so once a second edit is written, a rebuild
    // the first write caused would have been announced before it.
    append(&site, "content/notes/ownership.md", "\nWritten again.\n");
    server.wait_for("the second written rebuild", REBUILD, || {
        site.read("public/tasks/ownership.html")
            .contains("Written again.")
            .then_some(())
    });
    let output = server.stop();
    let changes: Vec<&str> = output
        .lines()
        .filter(|l| l.starts_with("Changed:"))
        .collect();
    assert!(!changes.is_empty(), "{output}");
    for change in changes {
        assert_eq!(change, "Changed: content/notes/ownership.md", "{output}");
    }
    assert_eq!(site.read("public/CNAME"), "roadmap.example.com\n");
}

#[test]
fn open_event_streams_do_not_hold_up_pages_and_all_hear_the_change() {
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
        // A note edit changes only the pages' <main>: swapped in, no reload, and only
        // by the pages that changed.
        assert_eq!(name, "main", "{data}");
        assert!(
            data.contains("\"pages\":[\"tasks/ownership.html\"]"),
            "{data}"
        );
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
    assert_eq!(events.next().0, "main", "the one change it missed");

    // Two builds missed: nothing short of a reload brings the page up to date.
    let old = server.generation();
    append(&site, "content/notes/ownership.md", "\nMissed once.\n");
    server.wait_for("a rebuild", REBUILD, || {
        (server.generation() > old).then_some(())
    });
    append(&site, "content/notes/ownership.md", "\nMissed twice.\n");
    server.wait_for("another rebuild", REBUILD, || {
        (server.generation() > old + 1).then_some(())
    });
    let mut events = Events::open(&server, old);
    assert_eq!(events.next().0, "reload");
}

/// Without `--write`, the served pages carry the author's tools: where each task is
/// written in the roadmap.
#[test]
fn served_pages_say_where_each_task_is_written() {
    let site = TestSite::fixture("serve");
    let server = Server::start(site.path(), &[]);
    let page = server.get("/tasks/ownership.html").text();
    assert!(page.contains("author-hint"), "{page}");
    assert!(page.contains("content/roadmap.md</code>"), "{page}");
    server.stop();
}

/// A history of one day has no chart: why, and what it takes, is the author's to read
/// (the public site shows nothing there).
#[test]
fn served_home_says_why_there_is_no_chart_yet() {
    let site = TestSite::fixture("serve");
    let roadmap = site.read("content/roadmap.md");
    commit(&site, "content/roadmap.md", &roadmap, "2026-11-24");
    let server = Server::start(site.path(), &[]);
    let home = server.get("/index.html").text();
    assert!(
        home.contains("has one day so far (24 November 2026): the chart and the pace need two"),
        "{home}"
    );
    server.stop();
}
