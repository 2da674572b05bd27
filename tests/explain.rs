//! `roadmap-site explain`: how each block of a roadmap was read, on the format
//! fixtures, as text (snapshots) and as JSON.

mod common;

use common::TestSite;

fn explained(fixture: &str, args: &[&str]) -> common::site::Run {
    let text = std::fs::read(format!(
        "{}/tests/fixtures/formats/{fixture}.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let site = TestSite::new().file("content/roadmap.md", text);
    let mut all = vec!["explain"];
    all.extend(args);
    site.run(&all)
}

/// One snapshot per fixture that shows a rule of the reader at work.
#[test]
fn explain_shows_each_block_with_its_line_and_reading() {
    for fixture in [
        "table-day-date-summary",
        "legend-shortcode-table",
        "legend-one-line",
        "list-heading-groups",
        "kanban-h3-columns",
        "heading-levels-mixed",
        "heading-emoji-decoration",
        "table-ragged-rows",
        "i18n-zh-table",
    ] {
        let run = explained(fixture, &[]);
        assert_eq!(run.code, 0, "{fixture}: {}", run.stderr);
        insta::assert_snapshot!(fixture, run.stdout);
    }
}

#[test]
fn explain_json_has_blocks_with_positions_and_phase_counts() {
    let run = explained("kanban-emoji-columns", &["--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["file"], "content/roadmap.md");
    assert_eq!(json["title"], "🚀 My Roadmap");
    let blocks = json["blocks"].as_array().unwrap();
    let column = blocks.iter().find(|b| b["kind"] == "kanban").unwrap();
    assert_eq!(column["line"], 5);
    assert_eq!(column["column"], 4);
    assert_eq!(column["text"], "\"✅ Completed\" → done");
    assert_eq!(
        json["totals"],
        serde_json::json!({"phases": 1, "tasks": 8, "done": 3, "in_progress": 2, "todo": 2, "skipped": 1})
    );
    assert_eq!(
        json["phases"],
        serde_json::json!([{
            "title": "🚀 My Roadmap", "line": null, "tasks": 8,
            "done": 3, "in_progress": 2, "skipped": 1
        }])
    );
}

#[test]
fn explain_on_a_file_with_no_tasks_says_what_the_reader_looks_for() {
    let site = TestSite::new().file(
        "content/roadmap.md",
        "# Plans\n\nSome prose.\n\n- a bullet\n",
    );
    let run = site.run(&["explain"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Read 0 phases, 0 tasks"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .starts_with("content/roadmap.md:1:1: warning: no tasks found in the roadmap"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("run `roadmap-site explain`"),
        "{}",
        run.stderr
    );
    let build = site.run(&["build"]);
    assert!(
        build.stderr.contains("warning: no tasks found"),
        "{}",
        build.stderr
    );
    assert!(
        run.stdout.contains("No tasks found: the reader looks for"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("skipped  list with no checkboxes or statuses"),
        "{}",
        run.stdout
    );
}
