//! The built site as a browser and a validator see it: this repository's own site
//! (`content/`) is built with the real binary, then `tests/browser/check-site.mjs`
//! validates every page with the Nu Html Checker, opens the pages in headless
//! Chromium (console errors, failed or external requests, axe-core accessibility
//! violations) and fetches every local link — at `/` and under a project sub-path,
//! as GitHub project pages serve it. A deliberately broken page proves the checker
//! can fail.
//!
//! Needs node, java, /usr/bin/chromium and `tests/browser/node_modules`:
//! `scripts/browser-tests` installs them all. A missing one fails the test; it is
//! never skipped.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::browser::{Script, require_tools, run_script};
use common::repo;

/// How long the checker may take before it reports a timeout itself, and before the
/// test kills it.
const CHECKER_BUDGET: Duration = Duration::from_secs(180);
const KILL_AFTER: Duration = Duration::from_secs(210);

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
    assert!(
        run.status.success(),
        "building the repository's own site failed ({}):\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// Runs `node tests/browser/check-site.mjs <site> <args…>` with a time limit.
fn check_site(site: &Path, args: &[&str]) -> Script {
    require_tools(
        "the browser checks",
        &["playwright-core", "axe-core", "vnu-jar"],
    );
    let mut all = vec![site.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    let budget = CHECKER_BUDGET.as_millis().to_string();
    run_script(
        "check-site.mjs",
        &all,
        &[("CHECK_SITE_TIMEOUT_MS", &budget)],
        KILL_AFTER,
    )
}

fn assert_clean(report: &Script, what: &str) {
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

/// The list of phases in a real Chromium: a sidebar beside the page at 1280 px, and
/// at 390 px a menu the "Phases" button opens and Escape closes.
#[test]
fn the_phase_list_is_a_sidebar_on_wide_screens_and_a_menu_on_phones() {
    let dir = tempfile::tempdir().unwrap();
    let site = build_own_site(dir.path());
    require_tools("the navigation check", &["playwright-core"]);
    let page = OsStr::new("phases/phase-3-deep-learning.html");
    let report = run_script(
        "navigation.mjs",
        &[site.as_os_str(), page],
        &[],
        Duration::from_secs(120),
    );
    assert_clean(&report, "navigation");
}
