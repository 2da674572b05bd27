//! Rules 12, 15 and 16 (checklists, kanban, legends): lists → tasks, board columns
//! and the symbols a file teaches.

use super::*;

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
fn legends_in_lists_and_lines_teach_and_are_not_tasks() {
    let (roadmap, _) = parse_str(
        "Legend: ✅ Complete | ⏳ Planned | 🔄 In Progress\n\n## P\n| Task | Status |\n|-|-|\n| a | ⏳ |\n| b | 🔄 |\n\n## Key\n- 🟣 = finished\n\n## Q\n- 🟣 c\n",
    );
    let all: Vec<String> = roadmap.phases.iter().flat_map(outline).collect();
    assert_eq!(all, ["a = todo", "b = in_progress", "c = done"]);
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
