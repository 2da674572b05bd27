//! Rules 10, 13 and 14 (statuses, markers, status headings): text → a task's status.

use super::*;

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
fn statuses_negated_and_in_scripts_with_combining_marks() {
    let (roadmap, _) = parse_str(
        "## Задачи\n| Задача | Статус |\n|---|---|\n| Массивы | Не сделан |\n| Графы | Готово |\n\n## पूर्ण\n- HTML\n",
    );
    let all: Vec<String> = roadmap.phases.iter().flat_map(outline).collect();
    assert_eq!(all, ["Массивы = todo", "Графы = done", "HTML = done"]);
}
