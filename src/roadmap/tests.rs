//! One test (or a few) per grammar rule of the module doc, by rule name.

use super::*;
use crate::diagnostic::Diagnostic;

fn parse_str(markdown: &str) -> (Roadmap, Vec<Diagnostic>) {
    let source = SourceFile::new("content/roadmap.md", markdown);
    let mut diagnostics = Vec::new();
    let roadmap = parse(&source, &Rules::default(), &mut diagnostics);
    (roadmap, diagnostics)
}

/// Each task as `group > subgroup > title = status`.
fn outline(phase: &Phase) -> Vec<String> {
    fn walk(items: &[Item], trail: &mut Vec<String>, out: &mut Vec<String>) {
        for item in items {
            match item {
                Item::Task(task) => {
                    let mut path = trail.clone();
                    path.push(task.title.text.clone());
                    out.push(format!("{} = {}", path.join(" > "), task.status.key()));
                }
                Item::Group(group) => {
                    trail.push(group.title.text.clone());
                    walk(&group.items, trail, out);
                    trail.pop();
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&phase.items, &mut Vec::new(), &mut out);
    out
}

const TABLE: &str = "| Stream | Tasks | Status |\n|---|---|---|\n";

#[test]
fn title_keeps_emoji_and_drops_emphasis() {
    let (roadmap, _) = parse_str("# 🚀 **My** Roadmap\n\n## P\n");
    assert_eq!(roadmap.title.unwrap().text, "🚀 My Roadmap");
}

#[test]
fn phases_are_h2_and_keep_emoji_without_bold() {
    let (roadmap, _) = parse_str(&format!(
        "# T\n\n## 📂 **Phase 1: Core**\n\n{TABLE}| A | x | ✅ |\n\n## Empty phase\n"
    ));
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(
        titles,
        ["📂 Phase 1: Core"],
        "a heading with no tasks is not a phase"
    );
    assert_eq!(roadmap.phases[0].title.html, "📂 Phase 1: Core");
}

#[test]
fn phases_are_h1_when_there_is_no_h2() {
    let (roadmap, _) = parse_str(
        "# One\n\n| Task | Status |\n|-|-|\n| a | ✅ |\n\n# Two\n\n| Task | Status |\n|-|-|\n| b | ❌ |\n",
    );
    assert!(roadmap.title.is_none());
    assert_eq!(roadmap.phases.len(), 2);
}

#[test]
fn labels_are_not_phases_and_name_ungrouped_tables() {
    let (roadmap, _) = parse_str(&format!(
        "# T\n## P\n### Streams and Tasks\n{TABLE}| A | x | ✅ |\n\n### Reading\n| Task | Status |\n|-|-|\n| b | ❌ |\n## Q\n- [ ] c\n"
    ));
    assert_eq!(roadmap.phases.len(), 2);
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["A > x = done", "Reading > b = todo"]
    );
}

#[test]
fn phases_are_the_shallowest_level_that_splits_the_tasks() {
    // One `##` over `###` sections: the `###` split the tasks, so they are the phases.
    let (roadmap, _) = parse_str("# T\n## Only\n### A\n- [x] a\n### B\n- [ ] b\n");
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["A", "B"]);
    // `# 1.` holding only `##` subsections beside `# 2.` holding tasks: the `#` parts.
    let (roadmap, _) = parse_str(
        "# Plan\n\nIntro.\n\n# 1. Review\n## 1.1 Syntax\n- [x] a\n## 1.2 Tools\n- [ ] b\n# 2. Learning\n- [ ] c\n",
    );
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["1. Review", "2. Learning"]);
    assert_eq!(roadmap.title.unwrap().text, "Plan");
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["1.1 Syntax > a = done", "1.2 Tools > b = todo"]
    );
}

#[test]
fn phases_force_the_level_from_roadmap_toml() {
    let source = SourceFile::new(
        "content/roadmap.md",
        "# T\n## Only\n### A\n- [x] a\n### B\n- [ ] b\n",
    );
    let rules = Rules {
        phase_level: Some(2),
        ..Rules::default()
    };
    let roadmap = parse(&source, &rules, &mut Vec::new());
    assert_eq!(roadmap.phases.len(), 1);
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["A > a = done", "B > b = todo"]
    );
}

#[test]
fn implicit_phase_for_tasks_before_the_first_phase_heading() {
    let (roadmap, _) = parse_str("- [x] setup\n\n## Week 1\n- [ ] a\n## Week 2\n- [ ] b\n");
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["Roadmap", "Week 1", "Week 2"]);
}

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
fn subgroups_from_bold_colon_rows_and_indented_rows() {
    let (roadmap, diagnostics) = parse_str(&format!(
        "## P\n{TABLE}| A | - **CNNs:** | ✅ |\n| | &emsp;Classification | ✅ |\n| | &emsp;Detection | ✅ |\n| | - RNNs | ❌ |\n"
    ));
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "A > CNNs > Classification = done",
            "A > CNNs > Detection = done",
            "A > RNNs = todo"
        ]
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let Item::Group(a) = &roadmap.phases[0].items[0] else {
        panic!()
    };
    let Item::Group(cnn) = &a.items[0] else {
        panic!()
    };
    assert_eq!(cnn.declared, Some(Status::Done));
}

#[test]
fn subgroups_declared_status_disagreeing_is_a_warning() {
    let (_, diagnostics) = parse_str(&format!(
        "## P\n{TABLE}| A | **CNNs:** | ✅ |\n| | &emsp;One | ❌ |\n"
    ));
    assert_eq!(diagnostics.len(), 1);
    let d = diagnostics[0].to_string();
    assert!(
        d.starts_with(
            "content/roadmap.md:4:7: warning: `CNNs` is marked done but 0 of its 1 task is done"
        ),
        "{d}"
    );
}

#[test]
fn subgroups_bold_colon_without_children_is_a_task() {
    let (roadmap, _) = parse_str(&format!("## P\n{TABLE}| A | **Cloud:** | ✅ |\n"));
    assert_eq!(outline(&roadmap.phases[0]), ["A > Cloud = done"]);
}

#[test]
fn br_cells_hold_a_subgroup_and_its_tasks() {
    let (roadmap, diagnostics) = parse_str(&format!(
        "## P\n{TABLE}| S | - **Cloud:** <br>&emsp;AWS<br> &emsp;GCP<br/>&emsp;Azure |<br>:white_check_mark: <br>:white_check_mark:<BR />:x: |\n"
    ));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "S > Cloud > AWS = done",
            "S > Cloud > GCP = done",
            "S > Cloud > Azure = todo"
        ]
    );
}

#[test]
fn br_cells_without_header_are_tasks_and_counts_are_checked() {
    let (roadmap, diagnostics) = parse_str(&format!(
        "## P\n{TABLE}| S | One<br>Two<br>Three | ✅<br>❌ |\n"
    ));
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["S > One = done", "S > Two = todo", "S > Three = todo"]
    );
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0]
            .message
            .contains("3 lines in the task cell but 2"),
        "{:?}",
        diagnostics[0]
    );
    assert_eq!(diagnostics[0].location.unwrap().line, 4);
}

#[test]
fn statuses_unknown_word_is_a_warning_at_the_cell() {
    let (roadmap, diagnostics) = parse_str(&format!("## P\n{TABLE}| S | One | maybe |\n"));
    assert_eq!(outline(&roadmap.phases[0]), ["S > One = todo"]);
    let d = diagnostics[0].to_string();
    assert!(
        d.starts_with("content/roadmap.md:4:13: warning: unknown status `maybe`"),
        "{d}"
    );
    assert!(d.contains("^^^^^"), "{d}");
}

#[test]
fn statuses_empty_is_todo_without_warning() {
    let (roadmap, diagnostics) = parse_str(&format!("## P\n{TABLE}| S | One |  |\n"));
    assert_eq!(outline(&roadmap.phases[0]), ["S > One = todo"]);
    assert!(diagnostics.is_empty());
}

#[test]
fn implicit_phase_takes_the_title() {
    let (roadmap, _) = parse_str("# Plan\n\n| Task | Status |\n|-|-|\n| a | ✅ |\n");
    assert_eq!(roadmap.phases.len(), 1);
    assert_eq!(roadmap.phases[0].title.text, "Plan");
}

#[test]
fn implicit_phase_without_title_is_named_roadmap() {
    let (roadmap, _) = parse_str("| Task | Status |\n|-|-|\n| a | ✅ |\n");
    assert_eq!(roadmap.phases[0].title.text, "Roadmap");
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
fn phases_stay_h2_when_a_later_h1_appears() {
    let table = "| Task | Status |\n|-|-|\n| a | ✅ |\n";
    let (roadmap, _) = parse_str(&format!(
        "# My Roadmap\n\n## P1\n{table}\n## P2\n{table}\n# References\n\nSome links.\n"
    ));
    assert_eq!(roadmap.title.unwrap().text, "My Roadmap");
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["P1", "P2"]);
    let (roadmap, _) = parse_str(&format!(
        "# T\n## P1\n{table}\n## P2\n{table}\n# Appendix\n{table}"
    ));
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["P1", "P2", "Appendix"]);
}

#[test]
fn implicit_phase_before_h2_phases_takes_the_title() {
    let table = "| Task | Status |\n|-|-|\n| a | ✅ |\n";
    let (roadmap, _) = parse_str(&format!("# Plan\n{table}\n## P1\n{table}"));
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["Plan", "P1"]);
}

#[test]
fn subgroups_need_a_plain_row_above_indented_rows() {
    let (roadmap, diagnostics) = parse_str(&format!(
        "## P\n{TABLE}| S | &emsp;a | ✅ |\n| | &emsp;b | ❌ |\n"
    ));
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["S > a = done", "S > b = todo"]
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn br_cells_one_status_applies_to_every_line() {
    let (roadmap, diagnostics) = parse_str(&format!("## P\n{TABLE}| S | **G**<br>a<br>b | ✅ |\n"));
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["S > G > a = done", "S > G > b = done"]
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
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
fn checklists_nest_and_a_checked_parent_is_a_task() {
    let (roadmap, _) =
        parse_str("## P\n- [x] Parent\n  - [ ] Child\n- Group\n  - [x] Inner\n- Just a note\n");
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["Parent > Child = todo", "Group > Inner = done"]
    );
    let Item::Group(parent) = &roadmap.phases[0].items[0] else {
        panic!()
    };
    assert_eq!(parent.own.as_ref().map(|t| t.status), Some(Status::Done));
}

#[test]
fn legends_teach_symbols_and_are_not_tasks() {
    let (roadmap, diagnostics) = parse_str(
        "| Icon | Meaning |\n|-|-|\n| 🟩 | Done |\n| 🟥 | Not started |\n\n## P\n| Task | Status |\n|-|-|\n| a | 🟩 |\n| b | 🟥 |\n",
    );
    assert_eq!(outline(&roadmap.phases[0]), ["a = done", "b = todo"]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn kanban_columns_give_their_status_to_plain_bullets() {
    let (roadmap, _) = parse_str(
        "# Board\n\n## ✅ Recently completed\n\n- ~~Fix the login~~ - shipped\n- Dark mode\n\n## Doing\n\n- [ ] Search\n- Export\n  - a detail, not a task\n\n## Backlog (2)\n\n- Sync\n- [x] Done early\n\n## Learning\n\n- not a column: a plain section\n",
    );
    assert_eq!(roadmap.title.unwrap().text, "Board");
    assert_eq!(roadmap.phases.len(), 1);
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "Fix the login = done",
            "Dark mode = done",
            "Search = in_progress",
            "Export = in_progress",
            "Sync = todo",
            "Done early = done",
        ]
    );
}

#[test]
fn markers_in_capitals_and_odd_checkboxes() {
    let (roadmap, _) = parse_str(
        "## P\n- DONE Read the book\n- DOING Write notes\n- LATER Review\n- [/] Half way\n- [-] Dropped\n- [>] Moved to next week\n- API design notes\n- - [x] Doubled bullet\n",
    );
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "Read the book = done",
            "Write notes = in_progress",
            "Review = todo",
            "Half way = in_progress",
            "Dropped = skipped",
            "Moved to next week = todo",
            "Doubled bullet = done",
        ]
    );
}

#[test]
fn checklists_headings_in_items_group_what_follows() {
    let (roadmap, diagnostics) = parse_str(
        "## P\n- ### Arrays\n  - [x] Two sum\n  - [ ] Rotate\n- ### Trees\n- [ ] Depth\n- [x] Balance\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "Arrays > Two sum = done",
            "Arrays > Rotate = todo",
            "Trees > Depth = todo",
            "Trees > Balance = done"
        ]
    );
}

#[test]
fn status_headings_over_plain_bullets_are_decoration() {
    let (roadmap, _) = parse_str(
        "# T\n## ✅ Overall Stats\n- 30 days\n## Phase 1\n- [x] a\n## Phase 2\n- [ ] b\n### ✅ Sockets\n",
    );
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["Phase 1", "Phase 2"]);
    assert_eq!(outline(&roadmap.phases[1]), ["b = todo", "Sockets = done"]);
}

#[test]
fn legends_in_lists_and_lines_teach_and_are_not_tasks() {
    let (roadmap, _) = parse_str(
        "Legend: ✅ Complete | ⏳ Planned | 🔄 In Progress\n\n## P\n| Task | Status |\n|-|-|\n| a | ⏳ |\n| b | 🔄 |\n\n## Key\n- 🟣 = finished\n\n## Q\n- 🟣 c\n",
    );
    let all: Vec<String> = roadmap.phases.iter().flat_map(outline).collect();
    assert_eq!(all, ["a = todo", "b = in_progress", "c = done"]);
}

#[test]
fn statuses_phrases_and_remarks_in_cells() {
    let (roadmap, diagnostics) = parse_str(
        "## P\n| Topic | Status |\n|-|-|\n| a | 🚧 In Progress |\n| b | In Progress 🚧 |\n| c | ❌ Not Started |\n| d | :heavy_check_mark: practised twice |\n| e | ⏳ Planned |\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "a = in_progress",
            "b = in_progress",
            "c = todo",
            "d = done",
            "e = todo"
        ]
    );
    let Item::Task(d) = &roadmap.phases[0].items[3] else {
        panic!()
    };
    assert_eq!(d.attributes[0].0, "Status");
    assert_eq!(d.attributes[0].1.text, "practised twice");
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
fn markers_in_a_table_title_count_when_the_status_cell_is_empty() {
    let (roadmap, _) = parse_str(
        "## P\n| Task | Status |\n|-|-|\n| [IN PROGRESS] Parser | |\n| ✅ Lexer | |\n| ✅ Old | ❌ |\n| Plain | |\n",
    );
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "Parser = in_progress",
            "Lexer = done",
            "✅ Old = todo",
            "Plain = todo"
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
fn kanban_a_ticked_box_is_done_in_any_column() {
    let (roadmap, _) = parse_str("## In Progress\n- [x] Write the parser\n- [ ] Write the lexer\n");
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["Write the parser = done", "Write the lexer = in_progress"]
    );
}

#[test]
fn status_headings_sit_in_the_group_of_their_label() {
    let (roadmap, _) = parse_str(
        "## Week 1\n### Networking\n#### ✅ Sockets\n#### HTTP\n- [ ] Hyper\n## Week 2\n- [ ] b\n",
    );
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["Networking > Sockets = done", "HTTP > Hyper = todo"]
    );
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
fn rules_from_roadmap_toml_that_match_nothing_are_warnings() {
    let source = SourceFile::new(
        "content/roadmap.md",
        "## P\n| Summary | Status |\n|-|-|\n| a | ✅ |\n",
    );
    let rules = Rules {
        phase_level: Some(3),
        columns: ColumnNames {
            title: vec!["Summry".into()],
            ..ColumnNames::default()
        },
        ..Rules::default()
    };
    let mut diagnostics = Vec::new();
    parse(&source, &rules, &mut diagnostics);
    let messages: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        messages[0].starts_with(
            "content/roadmap.md:1:1: warning: `[reader] phase_level = 3` but the roadmap has no `###` heading"
        ),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("`[reader.columns] title = [\"Summry\"]` matches no table header")
            && messages[1].contains("did you mean `Summary`?"),
        "{messages:?}"
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
fn kanban_cards_keep_their_checkbox_subtasks_and_glued_signs_name_columns() {
    let (roadmap, _) = parse_str(
        "## 👷in progress\n- [ ] Paint the fence\n  - [x] Buy paint\n  - [ ] Sand boards\n  - note: ask about colours\n## ✅done\n- Fix the gate\n",
    );
    let mut tasks = Vec::new();
    for item in &roadmap.phases[0].items {
        item.for_each_task(&mut |t| tasks.push(format!("{} = {}", t.title.text, t.status.key())));
    }
    assert_eq!(
        tasks,
        [
            "Paint the fence = in_progress",
            "Buy paint = done",
            "Sand boards = todo",
            "Fix the gate = done"
        ]
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
fn numbered_series_only_where_items_are_marked_or_sections_numbered_alike() {
    let (roadmap, _) = parse_str(
        "## 1. Arrays\n1. Two Sum ✅\n2. Three Sum\n## 2. Graphs\n1. Islands\n2. Clone graph\n## How to study\n1. Read the problem\n2. Think of edge cases\n",
    );
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["1. Arrays", "2. Graphs"]);
    assert_eq!(
        outline(&roadmap.phases[1]),
        ["Islands = todo", "Clone graph = todo"]
    );
    // Leaves are tasks at any depth; an unmarked parent is a group, not a task.
    let (roadmap, _) =
        parse_str("## P\n1. Basics\n   1. Variables ✅\n   2. Closures\n2. Ownership ✅\n");
    assert_eq!(
        outline(&roadmap.phases[0]),
        [
            "Basics > Variables = done",
            "Basics > Closures = todo",
            "Ownership = done"
        ]
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

#[test]
fn statuses_negated_and_in_scripts_with_combining_marks() {
    let (roadmap, _) = parse_str(
        "## Задачи\n| Задача | Статус |\n|---|---|\n| Массивы | Не сделан |\n| Графы | Готово |\n\n## पूर्ण\n- HTML\n",
    );
    let all: Vec<String> = roadmap.phases.iter().flat_map(outline).collect();
    assert_eq!(all, ["Массивы = todo", "Графы = done", "HTML = done"]);
}
