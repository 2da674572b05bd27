//! This repository's own site (`content/`) built with the real binary → Lighthouse's
//! performance, accessibility, best-practices and SEO scores for a few pages, mobile and
//! desktop, through `tests/browser/lighthouse.mjs`: every score must be 100. A
//! deliberately poor page proves the script can fail and names the audits that cost it.
//!
//! Needs node, /usr/bin/chromium and `tests/browser/node_modules` (`lighthouse`):
//! `scripts/browser-tests` installs them. A missing one fails the test; it is never
//! skipped.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::browser::{Script, require_tools, run_script};
use common::repo;

/// The pages audited, and whether the built site must have them (all four must).
const PAGES: &[(&str, bool)] = &[
    ("index.html", true),
    ("phases/phase-1-core-foundations.html", true),
    // A task with a note: the note's Markdown, code and maths render on it.
    (
        "tasks/basics-of-neural-networks-backpropagation-and-activation-functions.html",
        true,
    ),
    ("map.html", true),
];

/// Lighthouse takes 10 to 30 s a page on a busy 2-core machine; 4 pages, 2 presets.
const KILL_AFTER: Duration = Duration::from_secs(600);

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

fn lighthouse(site: &Path, args: &[&str]) -> Script {
    require_tools("the Lighthouse test", &["lighthouse", "chrome-launcher"]);
    let mut all = vec![site.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    let script = run_script("lighthouse.mjs", &all, &[], KILL_AFTER);
    println!("{}", script.output);
    println!("Lighthouse: {:.1} s", script.seconds);
    script
}

#[test]
fn the_own_site_scores_100_in_every_lighthouse_category_on_mobile_and_desktop() {
    let dir = tempfile::tempdir().unwrap();
    let site = build_own_site(dir.path());
    let mut pages = Vec::new();
    for &(page, required) in PAGES {
        if site.join(page).is_file() {
            pages.push(page);
        } else {
            assert!(!required, "the built site has no {page}");
            println!("note: the built site has no {page}; it is not audited");
        }
    }
    let report = lighthouse(&site, &pages);
    let totals = report.totals();
    // 4 categories × 2 presets for every page.
    let expected = (pages.len() * 8) as u32;
    assert!(
        report.code == Some(0) && totals == Some((expected, 0)),
        "Lighthouse scores below 100 (exit {:?}, totals {totals:?}, {expected} expected):\n{}",
        report.code,
        report.output
    );
}

/// A page without a description, with grey-on-grey text, an unlabelled link, no
/// viewport and a render-blocking script that keeps the main thread busy for 2 s.
const POOR_PAGE: &str = r##"<!DOCTYPE html>
<html>
<head>
<title>Poor on purpose</title>
<script>const end = Date.now() + 2000; while (Date.now() < end) {}</script>
</head>
<body style="color:#bbb;background:#ccc">
<h1>Poor on purpose</h1>
<p>Hard to read.</p>
<a href="../index.html"></a>
</body>
</html>
"##;

#[test]
fn a_poor_page_fails_and_the_report_names_the_audits_that_cost_points() {
    let dir = tempfile::tempdir().unwrap();
    let site = build_own_site(dir.path());
    std::fs::create_dir_all(site.join("poor")).unwrap();
    std::fs::write(site.join("poor/page.html"), POOR_PAGE).unwrap();
    let report = lighthouse(&site, &["poor/page.html", "--presets", "mobile"]);
    assert_eq!(report.code, Some(1), "exit code:\n{}", report.output);
    for expected in [
        "FAIL  mobile poor/page.html: performance ",
        "FAIL  mobile poor/page.html: accessibility ",
        "FAIL  mobile poor/page.html: seo ",
        "html-has-lang (score 0)",
        "color-contrast (score 0)",
        "link-name (score 0)",
        "meta-description (score 0)",
        "viewport (score 0)",
        "| mobile | poor/page.html |",
    ] {
        assert!(
            report.output.contains(expected),
            "the report does not say {expected:?}:\n{}",
            report.output
        );
    }
    let (_, failed) = report
        .totals()
        .unwrap_or_else(|| panic!("no closing `N passed, M failed` line:\n{}", report.output));
    assert!(failed >= 3, "{failed} failures only:\n{}", report.output);
}
