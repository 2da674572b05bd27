//! `roadmap-site serve` in a real browser: the server runs on a copy of
//! `tests/fixtures/serve`, and `tests/browser/live-reload.mjs` drives headless Chromium
//! (playwright-core) while editing the site's files: a note edit shows up in the open
//! page, a CSS-only edit applies without a reload, a broken `roadmap.toml` shows an
//! overlay with `roadmap.toml:1` that goes away once it is fixed.
//!
//! Needs node, /usr/bin/chromium and `tests/browser/node_modules`: `.ci/run` installs
//! them. A missing one fails the test; it is never skipped.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::server::Server;
use common::{TestSite, repo};

const CHROMIUM: &str = "/usr/bin/chromium";
/// The script stops itself after 120 s; this is the last resort.
const KILL_AFTER: Duration = Duration::from_secs(180);

/// Fails, naming every missing tool and how to install it.
fn require_tools() {
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let modules = repo().join("tests/browser/node_modules");
    let mut missing = Vec::new();
    if !node {
        missing.push("node (Node.js 20 or later)".to_string());
    }
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!("{CHROMIUM} (apt-get install chromium)"));
    }
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").is_file() {
            missing.push(format!(
                "{} (npm ci --prefix tests/browser)",
                modules.join(package).display()
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "the live-reload browser test needs tools that are missing:\n  {}\nrun `bash .ci/run` \
         (it installs them all), or: apt-get install -y chromium && npm ci --prefix tests/browser",
        missing.join("\n  ")
    );
}

/// Runs `node tests/browser/live-reload.mjs --url … --site …`; returns its exit code
/// and everything it printed.
fn live_reload(url: &str, site: &Path) -> (Option<i32>, String) {
    let mut child = Command::new("node")
        .arg(repo().join("tests/browser/live-reload.mjs"))
        .args(["--url", url, "--site"])
        .arg(site)
        .current_dir(repo())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run node");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > KILL_AFTER {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = format!("{}{}", stderr.join().unwrap(), stdout.join().unwrap());
    (code, output)
}

#[test]
fn the_open_page_follows_edits_css_changes_and_build_errors() {
    require_tools();
    let site = TestSite::fixture("serve");
    let server = Server::start(site.path(), &[]);
    let url = format!("http://{}/", server.address);
    let (code, output) = live_reload(&url, site.path());
    println!("{output}");
    let last = output
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let totals = last.split_once(" passed, ").and_then(|(p, f)| {
        Some((
            p.parse::<u32>().ok()?,
            f.strip_suffix(" failed")?.parse::<u32>().ok()?,
        ))
    });
    assert!(
        code == Some(0) && matches!(totals, Some((passed, 0)) if passed >= 10),
        "live reload failed in the browser (exit {code:?}, totals {totals:?}):\n{output}\n\
         server output:\n{}",
        server.output()
    );
}
