//! `roadmap-site serve` over HTTP: the real binary on a fixture site, spoken to over
//! HTTP/1.1 on 127.0.0.1 with hand-written requests. Pages, types, HEAD, 404, every
//! path traversal form, and how it starts (port taken, other address, --open).
//! Rebuilds are in `serve_rebuild.rs`, the browser in `serve_browser.rs`.

mod common;

use std::net::TcpListener;

use common::TestSite;
use common::server::{REBUILD, SCRIPT, Server, append, serve_fixture};

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

/// `serve -q`, as a demanding user expects it: the URL once (without it the server
/// cannot be used), then errors only; no warnings, no "Changed:", "Rebuilt", "Build
/// failed" or "Stopped" lines.
#[test]
fn quiet_prints_the_url_once_and_errors_only() {
    let site = TestSite::fixture("serve");
    let note = "content/notes/ownership.md";
    append(&site, note, "\nSee [[No such task]].\n");
    let mut server = Server::start(site.path(), &["-q", "--bind", "0.0.0.0"]);
    let before = server.generation();
    append(&site, note, "\nRound two.\n");
    server.wait_for("the rebuild", REBUILD, || {
        (server.generation() > before).then_some(())
    });
    std::fs::write(site.path().join("roadmap.toml"), "themme = 1\n").unwrap();
    server.wait_for("the failed build's error", REBUILD, || {
        (server.output())
            .contains("roadmap.toml:1:1: error: unknown key `themme`")
            .then_some(())
    });
    assert!(server.interrupt().success());
    let output = server.output();
    assert_eq!(output.matches(" at http://").count(), 1, "{output}");
    for noise in [
        "warning",
        "Changed:",
        "Built",
        "Rebuilt",
        "Build failed",
        "Stopped",
    ] {
        assert!(!output.contains(noise), "{noise:?} with -q:\n{output}");
    }
}

/// The same run without `-q` prints what `-q` leaves out (so that the test above can
/// fail), and `-v` names every changed file.
#[test]
fn without_quiet_warnings_and_status_lines_are_printed() {
    let site = TestSite::fixture("serve");
    let note = "content/notes/ownership.md";
    append(&site, note, "\nSee [[No such task]].\n");
    let server = Server::start(site.path(), &["-v", "--bind", "0.0.0.0"]);
    let notes = site.path().join("content/notes");
    for name in ["a", "b", "c", "d"] {
        std::fs::write(notes.join(format!("{name}.md")), "x\n").unwrap();
    }
    let output = server.wait_for("the rebuild of all four", REBUILD, || {
        let output = server.output();
        let seen = output.matches("Rebuilt in").count();
        (seen > 0 && output.contains("content/notes/d.md")).then_some(output)
    });
    for line in [
        "warning: listening on 0.0.0.0",
        "warning: wiki link `[[No such task]]` names no task",
        "Built in ",
        "Changed: content/notes/a.md, ",
    ] {
        assert!(output.contains(line), "{line:?} missing:\n{output}");
    }
    assert!(!output.contains(" more"), "-v names every file:\n{output}");
}

/// A folder is redirected to its slash with its query, which the page may read.
#[test]
fn a_folder_is_redirected_to_its_slash_with_the_query() {
    let site = TestSite::fixture("serve").file("themes/live/static/docs/index.html", "docs");
    let server = Server::start(site.path(), &[]);
    let reply = server.get("/docs?tab=2&x=%20");
    assert_eq!(reply.status, 301, "{}", reply.text());
    assert_eq!(reply.header("location"), Some("/docs/?tab=2&x=%20"));
    assert!(server.get("/docs/?tab=2").text().starts_with("docs"));
}

#[test]
fn a_missing_site_folder_is_a_usage_error() {
    let site = TestSite::new();
    let run = site.run(&["serve", "--port", "0", "--root", "no-such-folder"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no site folder at /") && run.stderr.contains("/no-such-folder\n"),
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
