//! `roadmap-site serve` in a real browser: the server runs on a copy of
//! `tests/fixtures/serve`, and `tests/browser/live-reload.mjs` drives headless Chromium
//! (playwright-core) while editing the site's files: a note edit shows up in the open
//! page, a CSS-only edit applies without a reload, a broken `roadmap.toml` shows an
//! overlay with `roadmap.toml:1` that goes away once it is fixed.
//!
//! Needs node, /usr/bin/chromium and `tests/browser/node_modules`:
//! `scripts/browser-tests` installs them. A missing one fails the test; it is never
//! skipped.

mod common;

use std::ffi::OsStr;
use std::time::Duration;

use common::TestSite;
use common::browser::{require_tools, run_script};
use common::server::Server;

/// The script stops itself after 120 s; this is the last resort.
const KILL_AFTER: Duration = Duration::from_secs(180);

#[test]
fn the_open_page_follows_edits_css_changes_and_build_errors() {
    require_tools(
        "the live-reload browser test",
        &["playwright-core", "axe-core"],
    );
    let site = TestSite::fixture("serve");
    let server = Server::start(site.path(), &[]);
    let url = format!("http://{}/", server.address);
    let args = [
        OsStr::new("--url"),
        OsStr::new(&url),
        OsStr::new("--site"),
        site.path().as_os_str(),
    ];
    let script = run_script("live-reload.mjs", &args, &[], KILL_AFTER);
    println!("{}", script.output);
    let totals = script.totals();
    assert!(
        script.code == Some(0) && matches!(totals, Some((passed, 0)) if passed >= 10),
        "live reload failed in the browser (exit {:?}, totals {totals:?}):\n{}\n\
         server output:\n{}",
        script.code,
        script.output,
        server.output()
    );
}

/// A roadmap with one phase per way of writing a status.
const FORMATS: &str = "# Learning Go

## Shortcodes

| Topic | Status |
|-------|--------|
| Slices | :white_check_mark: |
| Maps   | :x:                |
| Goroutines | :construction: |

## Emoji

| Topic | Status | Notes |
|:------|:------:|-------|
| Interfaces | ✅ | read twice |
| Generics   | ❌ |  |

## Checklist

- [x] Install the toolchain
- [ ] Write a CLI   
- [ ] Publish a module

## Packed

| Area | Status |
|------|--------|
| **Testing:**<br>&emsp;Table tests<br>&emsp;Fuzzing<br>&emsp;Benchmarks | <br>✅<br>❌<br>❌ |

## Reading

- ✅ Effective Go
- 🚧 The Go Memory Model
- ⬜ Go Proverbs
";

/// One step of `tests/browser/status-edit.mjs`: on `page`, set `task` to `to` by
/// `how`, after which the file must be `expect` byte for byte.
fn step(page: &str, task: &str, how: &str, to: &str, expect: &str) -> serde_json::Value {
    serde_json::json!({ "page": page, "task": task, "how": how, "to": to, "expect": expect })
}

/// Runs the status-edit script on a served copy of `roadmap` with `steps`.
fn run_status_steps(roadmap: &[u8], steps: &[serde_json::Value]) {
    require_tools("the status controls browser test", &["playwright-core"]);
    let site = TestSite::new().file("content/roadmap.md", roadmap);
    let server = Server::start(site.path(), &[]);
    let steps_file = site.path().join("steps.json");
    std::fs::write(&steps_file, serde_json::to_string(steps).unwrap()).unwrap();
    let url = format!("http://{}/", server.address);
    let args = [
        OsStr::new("--url"),
        OsStr::new(&url),
        OsStr::new("--site"),
        site.path().as_os_str(),
        OsStr::new("--steps"),
        steps_file.as_os_str(),
    ];
    let script = run_script("status-edit.mjs", &args, &[], KILL_AFTER);
    println!("{}", script.output);
    let totals = script.totals();
    assert!(
        script.code == Some(0)
            && matches!(totals, Some((passed, 0)) if passed as usize >= steps.len()),
        "status controls failed in the browser (exit {:?}, totals {totals:?}):\n{}\n\
         server output:\n{}",
        script.code,
        script.output,
        server.output()
    );
}

#[test]
fn clicks_and_keys_write_each_format_of_status_into_the_file() {
    let mut file = FORMATS.to_string();
    let mut steps = Vec::new();
    let mut next = |page: &str, task: &str, how: &str, to: &str, from: &str, into: &str| {
        assert!(file.contains(from), "{from}");
        file = file.replacen(from, into, 1);
        steps.push(step(page, task, how, to, &file));
        file.clone()
    };
    let shortcodes = "phases/shortcodes.html";
    next(
        shortcodes,
        "maps",
        "click",
        "done",
        "| Maps   | :x:",
        "| Maps   | :white_check_mark:",
    );
    next(
        shortcodes,
        "goroutines",
        "key",
        "todo",
        ":construction:",
        ":x:",
    );
    next(
        "phases/emoji.html",
        "generics",
        "click",
        "in_progress",
        "| ❌ |",
        "| 🚧 |",
    );
    next(
        "phases/checklist.html",
        "write-a-cli",
        "key",
        "done",
        "[ ] Write",
        "[x] Write",
    );
    next(
        "phases/packed.html",
        "fuzzing",
        "click",
        "done",
        "<br>✅<br>❌<br>❌",
        "<br>✅<br>✅<br>❌",
    );
    let before_map = next(
        "phases/reading.html",
        "go-proverbs",
        "click",
        "in_progress",
        "⬜ Go",
        "🚧 Go",
    );
    next(
        "map.html",
        "publish-a-module",
        "map",
        "skipped",
        "[ ] Publish",
        "[-] Publish",
    );
    steps.push(serde_json::json!({ "page": "map.html", "how": "undo", "expect": before_map }));
    let mut file = before_map;
    file = file.replacen(
        "| Slices | :white_check_mark:",
        "| Slices | :fast_forward:",
        1,
    );
    steps.push(step(
        "tasks/slices.html",
        "slices",
        "click",
        "skipped",
        &file,
    ));
    // The learner types in the file after the page was built: the click is refused.
    let typed = file.replace("read twice", "read twice, then once more");
    steps.push(serde_json::json!({
        "page": shortcodes, "task": "maps", "how": "stale", "to": "todo", "write": typed,
    }));
    run_status_steps(FORMATS.as_bytes(), &steps);
}

#[test]
fn the_first_users_garbled_roadmap_is_edited_in_its_own_words() {
    let roadmap = std::fs::read(
        common::site::repo().join("tests/fixtures/user-roadmap-original/content/roadmap.md"),
    )
    .unwrap();
    let text = String::from_utf8(roadmap.clone()).unwrap();
    let phase = "phases/phase-1-core-foundations.html";
    let linked = "| - Linked List                                          | :x:";
    assert!(text.contains(linked));
    let first = text.replacen(linked, &linked.replace(":x:", ":construction:"), 1);
    let libraries = "| - Libraries: NumPy, Pandas, Matplotlib, Seaborn        | :x:";
    let second = first.replacen(
        libraries,
        &libraries.replace(":x:", ":white_check_mark:"),
        1,
    );
    run_status_steps(
        &roadmap,
        &[
            step(phase, "linked-list", "click", "in_progress", &first),
            step(
                phase,
                "libraries-numpy-pandas-matplotlib-seaborn",
                "key",
                "done",
                &second,
            ),
        ],
    );
}
