//! Search in a real browser: `tests/browser/search.mjs` opens a task page of a built
//! site, served under a sub-path or opened from disk (`file://`, where browsers refuse
//! `fetch`), presses `/`, types a query and follows a result with the keyboard. Needs
//! node, /usr/bin/chromium and `tests/browser/node_modules` (`npm ci --prefix
//! tests/browser --ignore-scripts`): a missing one fails the test.

mod common;

use std::process::Command;

use common::{TestSite, repo};

/// A built site with three tasks in two phases.
fn site() -> TestSite {
    let modules = repo().join("tests/browser/node_modules/playwright-core");
    assert!(
        modules.is_dir() && std::path::Path::new("/usr/bin/chromium").exists(),
        "needs node, /usr/bin/chromium and {}: npm ci --prefix tests/browser --ignore-scripts",
        modules.display()
    );
    let site = TestSite::new().file(
        "content/roadmap.md",
        "# Study\n\n## Basics\n\n| Stream | Task | Status |\n|---|---|---|\n\
         | Math | Linear algebra | ✅ |\n|  | Calculus | 🚧 |\n\n## Deep learning\n\n\
         | Task | Status |\n|---|---|\n| Convolutional networks | ❌ |\n",
    );
    site.build();
    site
}

/// Runs search.mjs on the built site with `base` (a sub-path, or `file:`), and returns
/// its report, insisting that it passed.
fn search(site: &TestSite, base: &str, expected: &str) -> String {
    let out = Command::new("node")
        .arg(repo().join("tests/browser/search.mjs"))
        .arg(site.path().join("public"))
        .args([base, "tasks/linear-algebra.html", "convol", expected])
        .output()
        .expect("node runs (install Node.js 20 or later)");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(out.status.success(), "{report}");
    report
}

fn first_result_shows_task_phase_and_status(report: &str) {
    let first = report
        .lines()
        .find(|l| l.starts_with("ok first result: "))
        .unwrap_or_default();
    for shown in ["To do", "Convolutional networks", "Deep learning"] {
        assert!(first.contains(shown), "{shown:?} not in {first:?}");
    }
}

#[test]
fn typing_in_the_search_box_finds_a_task_and_enter_follows_it() {
    let site = site();
    let report = search(&site, "/my-project/", "tasks/convolutional-networks.html");
    first_result_shows_task_phase_and_status(&report);
    assert!(report.contains("ok followed to /my-project/tasks/convolutional-networks.html"));
}

/// `public/index.html` opened from disk: search.js loads `search-index.js` instead of
/// fetching the JSON, and finds and follows as when served (no console error either).
#[test]
fn search_works_on_pages_opened_from_disk() {
    let site = site();
    let report = search(&site, "file:", "tasks/convolutional-networks.html");
    first_result_shows_task_phase_and_status(&report);
    let public = site.path().join("public");
    let page = format!("{}/tasks/convolutional-networks.html", public.display());
    assert!(
        report.contains(&format!("ok followed to file://{page}")),
        "{report}"
    );
}

/// When the index cannot load at all, the results say so in the page.
#[test]
fn a_missing_index_is_said_in_the_page() {
    let site = site();
    std::fs::remove_file(site.path().join("public/search-index.js")).unwrap();
    let report = search(&site, "file:", "unavailable");
    assert!(
        report.contains("ok shown: Search is unavailable"),
        "{report}"
    );
}
