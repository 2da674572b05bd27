//! Numbers that agree (issue 17, point 4): the `init` example → `status`, the home
//! page, the phase cards and pages, the badges and progress.json, which must all
//! count by one rule: skipped tasks leave the denominator and are shown beside it.

mod common;

use common::TestSite;

/// A site made by `roadmap-site init`: 2 done, 1 in progress, 4 to do, 1 skipped;
/// its first phase 2 done of 5 that count, and the skipped one.
fn init_example() -> TestSite {
    let site = TestSite::new();
    let run = site.run(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn status_counts_skipped_tasks_beside_the_total() {
    let site = init_example();
    let run = site.run(&["status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let phase = run
        .stdout
        .lines()
        .find(|l| l.contains("Phase 1"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    // Before: `2/6     40%` (40% of 5, next to 6).
    assert!(phase.ends_with("2/5     40%  1 skipped"), "{phase}");
    assert!(
        run.stdout
            .contains("2/7 done (28.6%) · 1 in progress · 4 to do · 1 skipped"),
        "before: 2/8 done (28.6%):\n{}",
        run.stdout
    );
}

#[test]
fn pages_cards_badges_and_progress_json_say_the_same_numbers() {
    let site = init_example();
    site.build();
    let home = site.read("public/index.html");
    // Before: "28.6% done · 2 of 8 tasks", and the card "40% · 2 of 6 done".
    for expected in [
        "<span class=\"figure-number\">28.6%</span> <span class=\"figure-text\">done · 2 of 7 tasks · 1 skipped</span>",
        "<strong>40%</strong> · 2 of 5 done · 1 in progress · 1 skipped</p>",
        "aria-valuetext=\"2 of 7 done · 1 skipped · 28.6%\"",
        "<p>2 of 7 done · 1 skipped · 28.6% · <a href=\"share.html\">Share</a>",
        "<meta name=\"description\" content=\"2 of 7 done · 1 skipped · 28.6%\">",
    ] {
        assert!(home.contains(expected), "{expected}\nnot in:\n{home}");
    }
    // The bar is the percent: 2 of 7 done, 1 of 7 in progress, nothing for skipped.
    assert!(home.contains(
        "<span class=\"bar-done\" style=\"width: 28.57%\"></span><span class=\"bar-in_progress\" style=\"width: 14.29%\"></span></div>"
    ));
    let phase = site.read("public/phases/phase-1-foundations.html");
    assert!(
        phase.contains("done · 2 of 5 tasks · 1 skipped</span>"),
        "{phase}"
    );
    assert!(
        phase.contains("All <span class=\"muted\">6</span>"),
        "every listed task"
    );
    assert!(
        site.read("public/badges/progress.svg")
            .contains("<title>progress: 28.6%</title>")
    );
    assert!(
        site.read("public/badges/phase-1-foundations.svg")
            .contains(": 40%</title>")
    );
    let json = site.progress();
    assert_eq!(
        json["progress"],
        serde_json::json!({"total": 7, "done": 2, "in_progress": 1, "skipped": 1, "todo": 4, "percent": 28.6})
    );
    assert_eq!(json["phases"][0]["progress"]["total"], 5);
    assert_eq!(json["phases"][0]["progress"]["percent"], 40.0);
    for page in site.files("public").iter().filter(|f| f.ends_with(".html")) {
        let text = site.read(&format!("public/{page}"));
        for wrong in ["2 of 8", "2 of 6", "2/8", "2/6"] {
            assert!(!text.contains(wrong), "{page} says {wrong}");
        }
    }
}

#[test]
fn the_users_roadmap_without_skipped_tasks_reads_as_before() {
    let site = TestSite::fixture("user-roadmap-original");
    let run = site.run(&["status"]);
    assert!(run.stdout.contains("31/76 done (40.8%)"), "{}", run.stdout);
    let phases = run.stdout.lines().take_while(|l| !l.contains(" done ("));
    assert!(
        phases.filter(|l| l.contains("skipped")).count() == 0,
        "{}",
        run.stdout
    );
    site.build();
    let json = site.progress();
    assert_eq!(json["progress"]["skipped"], 0);
    assert_eq!(json["progress"]["total"], 76);
    assert_eq!(json["phases"].as_array().unwrap().len(), 6);
    assert!(
        site.read("public/index.html")
            .contains("<span class=\"figure-text\">done · 31 of 76 tasks</span>")
    );
}
