//! Rules 4–7 and 17 (tables, groups, tasks, ragged rows, tables without separator):
//! table rows → tasks.

use super::*;

#[test]
fn tables_columns_in_any_order_extra_columns_kept() {
    let (roadmap, _) =
        parse_str("## P\n| Status | Notes | **Task** |\n|-|-|-|\n| ✅ | see book | Read |\n");
    let Item::Task(task) = &roadmap.phases[0].items[0] else {
        panic!("expected a task");
    };
    assert_eq!(task.title.text, "Read");
    assert_eq!(task.attributes[0].0, "Notes");
    assert_eq!(task.attributes[0].1.text, "see book");
}

#[test]
fn tables_without_status_are_not_tasks() {
    let (roadmap, _) = parse_str("## P\n| Book | Link |\n|-|-|\n| a | b |\n");
    assert!(roadmap.phases.is_empty());
    let kinds: Vec<_> = roadmap
        .notes
        .iter()
        .map(|n| (n.kind, n.text.as_str()))
        .collect();
    assert!(
        kinds.contains(&("skipped", "table with no status column")),
        "{kinds:?}"
    );
}

#[test]
fn groups_continue_over_empty_cells() {
    let (roadmap, _) = parse_str(&format!(
        "## P\n{TABLE}| **📘 Math** | - Algebra | ✅ |\n| | - Calculus | :x: |\n| Py | - Loops | ✅ |\n"
    ));
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "📘 Math > Algebra = done",
            "📘 Math > Calculus = todo",
            "Py > Loops = done"
        ]
    );
}

#[test]
fn tasks_keep_inline_markdown_for_display_only() {
    let (roadmap, _) = parse_str(&format!(
        "## P\n{TABLE}| A | - Learn [Rust](https://r.org) `cargo` | ✅ |\n"
    ));
    let mut titles = Vec::new();
    roadmap.phases[0].items[0].for_each_task(&mut |t| titles.push(t.title.clone()));
    assert_eq!(titles[0].text, "Learn Rust cargo");
    assert_eq!(
        titles[0].html,
        "Learn <a href=\"https://r.org\">Rust</a> <code>cargo</code>"
    );
}

#[test]
fn line_separators_in_a_title_are_spaces_in_its_html_as_in_its_text() {
    let (roadmap, _) = parse_str(&format!(
        "## P\n{TABLE}| A | Rust\u{2028}traits and\u{2029}*more* | ✅ |\n"
    ));
    let mut titles = Vec::new();
    roadmap.phases[0].items[0].for_each_task(&mut |t| titles.push(t.title.clone()));
    assert_eq!(titles[0].text, "Rust traits and more");
    assert_eq!(titles[0].html, "Rust traits and <em>more</em>");
}

#[test]
fn tables_weaker_task_word_becomes_the_group() {
    let (roadmap, diagnostics) = parse_str(
        "## P\n| Course | Lesson | Status |\n|-|-|-|\n| ML 101 | Intro | ✅ |\n| | Regression | ✅ |\n| | Trees | ❌ |\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "ML 101 > Intro = done",
            "ML 101 > Regression = done",
            "ML 101 > Trees = todo"
        ]
    );
}

#[test]
fn ragged_rows_keep_extra_cells_and_warn_on_a_missing_status() {
    let (roadmap, diagnostics) =
        parse_str("## P\n| Task | Status |\n|-|-|\n| Short |\n| Long | ✅ | extra |\n");
    let mut tasks = Vec::new();
    roadmap.phases[0]
        .items
        .iter()
        .for_each(|i| i.for_each_task(&mut |t| tasks.push(t.clone())));
    assert_eq!(tasks.len(), 2);
    assert_eq!(
        tasks[1].attributes,
        [(
            "Column 3".to_string(),
            Inline {
                html: "extra".into(),
                text: "extra".into()
            }
        )]
    );
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0]
            .to_string()
            .starts_with("content/roadmap.md:4:10: warning: this row has no `Status` cell"),
        "{}",
        diagnostics[0]
    );
}

#[test]
fn ragged_rows_take_a_status_from_the_wrong_column_and_a_title_from_the_best_cell() {
    let (roadmap, diagnostics) = parse_str(
        "## P\n| Task | Resource | Notes | Status |\n|-|-|-|-|\n| Clippy | ✅ |\n| | Week 2 reading | | 🚧 |\n| | | | |\n",
    );
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["Clippy = done", "Week 2 reading = in_progress"]
    );
    let messages: Vec<String> = diagnostics.iter().map(|d| d.headline()).collect();
    assert_eq!(
        messages,
        [
            "content/roadmap.md:4:12: warning: this row's status is in the `Resource` column; read as its `Status`",
            "content/roadmap.md:5:5: warning: this row's `Task` cell is empty; titled from `Resource`",
        ]
    );
}

/// Under a group column, `| Clippy and rustfmt | ✅ |` left out the group cell, not
/// the task's: the words are the task, the sign its status, the group carries on.
#[test]
fn a_short_row_under_a_group_column_is_read_as_task_and_status() {
    let (roadmap, diagnostics) = parse_str(
        "## P\n| Area | Task | Notes | Status |\n|-|-|-|-|\n| Tools | Cargo basics | fine | ✅ |\n| Clippy and rustfmt | ✅ |\n| | Testing | | ❌ |\n",
    );
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "Tools > Cargo basics = done",
            "Tools > Clippy and rustfmt = done",
            "Tools > Testing = todo"
        ]
    );
    let messages: Vec<String> = diagnostics.iter().map(|d| d.headline()).collect();
    assert_eq!(
        messages,
        [
            "content/roadmap.md:5:3: warning: this row has no `Area` cell: read as its `Task` and `Status`"
        ]
    );
}

#[test]
fn tables_of_checkbox_columns_are_tasks_done_when_every_box_is() {
    let (roadmap, _) = parse_str(
        "## P\n| Topic | Read | Understood |\n|-|-|-|\n| Caching | [x] | [x] |\n| Queues | [x] | [ ] |\n| Sharding | [ ] | [ ] |\n",
    );
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["Caching = done", "Queues = in_progress", "Sharding = todo"]
    );
    // Columns of signs that are not boxes are a matrix (platforms, levels): no tasks.
    let (roadmap, _) = parse_str(
        "## P\n| Feature | Linux | Mac |\n|-|-|-|\n| Sync | ✅ | ❌ |\n| Share | ✅ | ✅ |\n\n- [ ] other\n",
    );
    assert_eq!(outline(&roadmap.phases[0]), ["other = todo"]);
}

#[test]
fn tables_without_separator_warn_only_when_they_hold_tasks() {
    let (roadmap, diagnostics) = parse_str("## Setup\n\n| Editor | VS Code |\n| Shell | zsh |\n");
    assert!(roadmap.phases.is_empty());
    let messages: Vec<String> = diagnostics.iter().map(|d| d.headline()).collect();
    assert_eq!(
        messages,
        ["content/roadmap.md:1:1: warning: no tasks found in the roadmap"]
    );
}

#[test]
fn tables_of_metrics_in_percent_are_not_tasks_but_metrics_to_tick_are() {
    let (roadmap, _) = parse_str(
        "## Stats\n| Metric | Target | Progress |\n|-|-|-|\n| Days | 30 | ▓░░ 13% |\n| Katas | 90 | ░░░ 0% |\n\n## Recall\n| Metric | Memorized |\n|-|-|\n| L1 latency | [x] |\n| Disk seek | [ ] |\n",
    );
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["Recall"]);
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["L1 latency = done", "Disk seek = todo"]
    );
}

#[test]
fn tables_counts_never_group_rows() {
    let (roadmap, _) = parse_str(
        "## P\n| Topic | Problems | Status |\n|-|-|-|\n| Arrays | 5 | 🔥 Today |\n| Lists | 5 | ⏳ Pending |\n| Trees | 3 | ⏳ Pending |\n",
    );
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["Arrays = in_progress", "Lists = todo", "Trees = todo"]
    );
}

#[test]
fn tables_prefer_a_status_column_to_a_progress_column() {
    let (roadmap, _) = parse_str(
        "## P\n| World | Progress | Status |\n|-|-|-|\n| Forest | ▓▓▓ 100% | 🚧 |\n| Cave | ░░░ 0% | ✅ |\n",
    );
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["Forest = in_progress", "Cave = done"]
    );
}

#[test]
fn week_columns_group_even_with_numbers_and_legends_of_pairs_without_heading() {
    let (roadmap, _) = parse_str(
        "## P\n| Week | Topic | Status |\n|-|-|-|\n| Week 1 | Arrays | ✅ |\n|  | Strings | ✅ |\n| Week 2 | Trees | 🚧 |\n\n## Notes\n- ✅ = Done\n- ❌ = Failed attempt, retry\n",
    );
    assert_eq!(roadmap.phases.len(), 1);
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "Week 1 > Arrays = done",
            "Week 1 > Strings = done",
            "Week 2 > Trees = in_progress"
        ]
    );
}
