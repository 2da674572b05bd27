//! The built site as a browser and a validator see it: this repository's own site
//! (`content/`) is built with the real binary, then `tests/browser/check-site.mjs`
//! validates every page with the Nu Html Checker, opens the pages in headless
//! Chromium (console errors, failed or external requests, axe-core accessibility
//! violations) and fetches every local link — at `/` and under a project sub-path,
//! as GitHub project pages serve it. A deliberately broken page proves the checker
//! can fail.
//!
//! Needs node, java, /usr/bin/chromium and `tests/browser/node_modules`: `.ci/run`
//! installs them all. A missing one fails the test; it is never skipped.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One checker run at a time: each starts a JVM and a Chromium, and the machine may
/// have two cores.
static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::new(());

/// How long the checker may take before it reports a timeout itself, and before the
/// test kills it.
const CHECKER_BUDGET: Duration = Duration::from_secs(180);
const KILL_AFTER: Duration = Duration::from_secs(210);

const CHROMIUM: &str = "/usr/bin/chromium";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fails, naming every missing tool and how to install it.
fn require_tools() {
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let modules = repo().join("tests/browser/node_modules");
    let mut missing = Vec::new();
    if !runs("node", "--version") {
        missing.push("node (Node.js 20 or later)".to_string());
    }
    if !runs("java", "-version") {
        missing.push("java (apt-get install default-jre-headless)".to_string());
    }
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!("{CHROMIUM} (apt-get install chromium)"));
    }
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        if !modules.join(package).join("package.json").is_file() {
            missing.push(format!(
                "{} (npm ci --prefix tests/browser)",
                modules.join(package).display()
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "the browser checks need tools that are missing:\n  {}\nrun `bash .ci/run` (it installs them all), \
         or install them by hand: apt-get install -y chromium default-jre-headless && \
         npm ci --prefix tests/browser",
        missing.join("\n  ")
    );
}

/// Builds this repository's own site into `<dir>/site` and returns that folder.
fn build_own_site(dir: &Path) -> PathBuf {
    let out = dir.join("site");
    let run = Command::new(env!("CARGO_BIN_EXE_roadmap-site"))
        .arg("build")
        .arg("--root")
        .arg(repo())
        .arg("--output")
        .arg(&out)
        .env("NO_COLOR", "1")
        .output()
        .expect("cannot run roadmap-site");
    if run.status.success() {
        return out;
    }
    if run.status.code() != Some(2) {
        panic!(
            "building the repository's own site failed ({}):\n{}",
            run.status,
            String::from_utf8_lossy(&run.stderr)
        );
    }
    // An absolute --output refused: build a copy of the site in its own folder.
    let site = dir.join("copy");
    copy_dir(&repo().join("content"), &site.join("content"));
    if repo().join("roadmap.toml").is_file() {
        std::fs::copy(repo().join("roadmap.toml"), site.join("roadmap.toml")).unwrap();
    }
    let run = Command::new(env!("CARGO_BIN_EXE_roadmap-site"))
        .arg("build")
        .current_dir(&site)
        .env("NO_COLOR", "1")
        .output()
        .expect("cannot run roadmap-site");
    assert!(
        run.status.success(),
        "building a copy of the repository's own site failed ({}):\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    site.join("public")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What a checker run printed and how it ended.
struct Report {
    code: Option<i32>,
    output: String,
    seconds: f64,
}

impl Report {
    /// The closing "N passed, M failed" line as (N, M).
    fn totals(&self) -> Option<(u32, u32)> {
        let last = self.output.lines().rev().find(|l| !l.trim().is_empty())?;
        let (passed, failed) = last.trim().split_once(" passed, ")?;
        Some((
            passed.parse().ok()?,
            failed.strip_suffix(" failed")?.parse().ok()?,
        ))
    }
}

/// Runs `node tests/browser/check-site.mjs <site> <args…>` with a time limit.
fn check_site(site: &Path, args: &[&str]) -> Report {
    require_tools();
    let _one = ONE_BROWSER_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let started = Instant::now();
    let mut child = Command::new("node")
        .arg(repo().join("tests/browser/check-site.mjs"))
        .arg(site)
        .args(args)
        .current_dir(repo())
        .env(
            "CHECK_SITE_TIMEOUT_MS",
            CHECKER_BUDGET.as_millis().to_string(),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run node");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
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
    let mut output = stdout.join().unwrap();
    let errors = stderr.join().unwrap();
    if !errors.trim().is_empty() {
        output = format!("{errors}\n{output}");
    }
    if code.is_none() {
        output.push_str(&format!(
            "\n(killed after {} s without finishing)\n",
            KILL_AFTER.as_secs()
        ));
    }
    Report {
        code,
        output,
        seconds: started.elapsed().as_secs_f64(),
    }
}

fn assert_clean(report: &Report, what: &str) {
    println!("{}", report.output);
    println!("{what}: checked in {:.1} s", report.seconds);
    let totals = report.totals();
    assert!(
        report.code == Some(0) && matches!(totals, Some((passed, 0)) if passed > 0),
        "{what}: the browser and HTML checks failed (exit {:?}, totals {totals:?}).\n\
         Full report:\n{}",
        report.code,
        report.output
    );
}

#[test]
fn the_own_site_passes_html_browser_accessibility_and_link_checks_at_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let site = build_own_site(dir.path());
    let report = check_site(&site, &[]);
    assert_clean(&report, "site at /");
}

#[test]
fn the_own_site_passes_the_same_checks_under_a_project_sub_path() {
    let dir = tempfile::tempdir().unwrap();
    let site = build_own_site(dir.path());
    let report = check_site(&site, &["--base", "/sub/path/"]);
    assert_clean(&report, "site at /sub/path/");
}

/// A page with a duplicate id, an image without alt text, a broken link, an anchor to
/// no element, a script error and a request to another host.
const BROKEN_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Broken on purpose</title>
<script src="http://localhost:1/tracker.js"></script>
</head>
<body>
<main>
<h1 id="twice">Broken on purpose</h1>
<p id="twice">The same id again.</p>
<img src="../index.html.png">
<p><a href="../no-such-page.html">a broken link</a>,
<a href="#no-such-anchor">an anchor to nothing</a>,
<a href="../index.html">a good link</a>.</p>
<script>throw new Error("broken on purpose");</script>
</main>
</body>
</html>
"##;

#[test]
fn the_checker_fails_on_a_broken_page_and_names_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let site = build_own_site(dir.path());
    std::fs::create_dir_all(site.join("broken")).unwrap();
    std::fs::write(site.join("broken/page.html"), BROKEN_PAGE).unwrap();
    let report = check_site(&site, &["--base", "/my-project/"]);
    println!("{}", report.output);
    let (_, failed) = report
        .totals()
        .unwrap_or_else(|| panic!("no closing `N passed, M failed` line:\n{}", report.output));
    assert_eq!(report.code, Some(1), "exit code:\n{}", report.output);
    assert!(failed >= 8, "{failed} failures only:\n{}", report.output);
    for expected in [
        // Nu Html Checker
        "broken/page.html:11:1: Duplicate ID “twice”",
        "broken/page.html:12:1: An “img” element must have an “alt” attribute",
        // Chromium and axe-core
        "broken/page.html: axe image-alt (critical)",
        "broken/page.html: console error: uncaught Error: broken on purpose",
        "broken/page.html: failed request: /my-project/index.html.png: HTTP 404",
        "broken/page.html: external request (the site must load nothing from another host): script http://localhost:1/tracker.js",
        // links
        "broken/page.html:13 → ../no-such-page.html: /my-project/no-such-page.html answers HTTP 404",
        "broken/page.html:14 → #no-such-anchor: no element with id \"no-such-anchor\"",
        "broken/page.html:6 → http://localhost:1/tracker.js: external resource",
    ] {
        assert!(
            report.output.contains(expected),
            "the report does not say {expected:?}:\n{}",
            report.output
        );
    }
    // The good page and the good link are not blamed.
    assert!(
        !report.output.contains("FAIL  index.html"),
        "{}",
        report.output
    );
    assert!(
        report.output.contains("ok    /my-project/index.html ("),
        "{}",
        report.output
    );
}
