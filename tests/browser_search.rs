//! Search in a real browser: `tests/browser/search.mjs` opens a task page of a built
//! site served under a sub-path, presses `/`, types a query and follows a result with
//! the keyboard. Needs node, /usr/bin/chromium and `tests/browser/node_modules`
//! (`npm ci --prefix tests/browser --ignore-scripts`): a missing one fails the test.

mod common;

use std::process::Command;

use common::{TestSite, repo};

#[test]
fn typing_in_the_search_box_finds_a_task_and_enter_follows_it() {
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
    let out = Command::new("node")
        .arg(repo().join("tests/browser/search.mjs"))
        .arg(site.path().join("public"))
        .args([
            "/my-project/",
            "tasks/linear-algebra.html",
            "convol",
            "tasks/convolutional-networks.html",
        ])
        .output()
        .expect("node runs (install Node.js 20 or later)");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(out.status.success(), "{report}");
    let first = report
        .lines()
        .find(|l| l.starts_with("ok first result: "))
        .unwrap_or_default();
    for shown in ["To do", "Convolutional networks", "Deep learning"] {
        assert!(first.contains(shown), "{shown:?} not in {first:?}");
    }
    assert!(report.contains("ok followed to /my-project/tasks/convolutional-networks.html"));
}
