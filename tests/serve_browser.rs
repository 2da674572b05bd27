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
