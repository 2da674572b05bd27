//! Search in a real browser: `tests/browser/search.mjs` opens a task page of a built
//! site, served under a sub-path or opened from disk (`file://`, where browsers refuse
//! `fetch`), presses `/`, types a query and follows a result with the keyboard. Needs
//! node, /usr/bin/chromium and `tests/browser/node_modules` (`npm ci --prefix
//! tests/browser --ignore-scripts`): a missing one fails the test.

mod common;

use std::ffi::OsStr;
use std::time::Duration;

use common::TestSite;
use common::browser::{require_tools, run_script};

/// search.mjs gives up on each step well before this; this is the last resort.
const KILL_AFTER: Duration = Duration::from_secs(120);

/// A built site with three tasks in two phases.
fn site() -> TestSite {
    require_tools("the search browser test", &["playwright-core"]);
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
    let public = site.path().join("public");
    let args = [public.as_os_str()]
        .into_iter()
        .chain([base, "tasks/linear-algebra.html", "convol", expected].map(OsStr::new))
        .collect::<Vec<_>>();
    let script = run_script("search.mjs", &args, &[], KILL_AFTER);
    println!("{}", script.output);
    assert_eq!(script.code, Some(0), "{}", script.output);
    script.output
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
fn search_finds_and_follows_a_task_on_pages_opened_from_disk() {
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

/// A French site: the results' status labels are French. They come with the search
/// index (pages no longer carry the strings), so this fails if search.js does not
/// take them from there.
#[test]
fn a_site_in_another_language_shows_its_results_in_that_language() {
    require_tools("the search browser test", &["playwright-core"]);
    let site = TestSite::new()
        .file("roadmap.toml", "language = \"fr\"\n")
        .file(
            "content/roadmap.md",
            "# Study\n\n## Basics\n\n| Task | Status |\n|---|---|\n| Linear algebra | ✅ |\n\n\
             ## Deep learning\n\n| Task | Status |\n|---|---|\n| Convolutional networks | ❌ |\n",
        );
    site.build();
    let page = site.read("public/tasks/linear-algebra.html");
    assert!(
        !page.contains("data-strings"),
        "the strings are in the index"
    );
    assert!(page.contains("data-unavailable=\"La recherche est indisponible"));
    let report = search(&site, "/", "tasks/convolutional-networks.html");
    let first = report
        .lines()
        .find(|l| l.starts_with("ok first result: "))
        .unwrap_or_default();
    assert!(first.contains("À faire"), "{first:?}");
}

/// When the index cannot load at all, the results say so in the page.
#[test]
fn a_search_index_that_cannot_load_is_said_in_the_page() {
    let site = site();
    std::fs::remove_file(site.path().join("public/search-index.js")).unwrap();
    let report = search(&site, "file:", "unavailable");
    assert!(
        report.contains("ok shown: Search is unavailable"),
        "{report}"
    );
}

/// Tasks whose titles hold "tr" at a word's start, later, or inside a word; a note
/// whose text names "pooling" only well past its start.
fn ranking_site() -> TestSite {
    require_tools("the search browser test", &["playwright-core"]);
    let filler = "Kernels slide over the image and sum what they cover. ".repeat(6);
    let site = TestSite::new()
        .file(
            "content/roadmap.md",
            "# Study\n\n## Rust\n\n| Task | Status |\n|---|---|\n| Structs | ✅ |\n\
             | Extra tree | ❌ |\n| Trait objects | ❌ |\n| Traits | 🚧 |\n\n\
             ## Vision\n\n| Task | Status |\n|---|---|\n| Convolutional networks | ❌ |\n",
        )
        .file(
            "content/notes/convolutional-networks.md",
            format!(
                "+++\ntask = \"Convolutional networks\"\n+++\n\n{filler}\n\nMax pooling keeps \
                 the largest value of each window.\n"
            ),
        );
    site.build();
    site
}

fn ranked(site: &TestSite, query: &str, titles: &str) -> String {
    let public = site.path().join("public");
    let args = [public.as_os_str()]
        .into_iter()
        .chain([OsStr::new("/"), OsStr::new("index.html")])
        .chain([query, "ranked", titles].map(OsStr::new))
        .collect::<Vec<_>>();
    let script = run_script("search.mjs", &args, &[], KILL_AFTER);
    println!("{}", script.output);
    assert_eq!(script.code, Some(0), "{}", script.output);
    script.output
}

/// Before: every title match ranked in roadmap order, so "Structs" came first.
#[test]
fn word_starts_rank_first_then_earlier_matches_then_shorter_titles() {
    let site = ranking_site();
    let report = ranked(&site, "tr", "Traits|Trait objects|Extra tree|Structs");
    assert!(
        report.contains("ok result: Traits · marked [\"Tr\"]"),
        "{report}"
    );
}

/// Before: results showed no note text and marked nothing.
#[test]
fn a_match_in_a_note_shows_its_snippet_with_the_words_marked() {
    let site = ranking_site();
    let report = ranked(&site, "pooling", "Convolutional networks");
    let line = report
        .lines()
        .find(|l| l.starts_with("ok result: Convolutional networks"))
        .unwrap_or_default();
    assert!(
        line.contains("snippet …") && line.contains("Max <mark>pooling</mark> keeps"),
        "{line}"
    );
}
