//! The edit rules of the module doc, one shape of file at a time: the exact bytes
//! written, and what is refused.

use super::{Cannot, RawText, plan, read_tasks};
use crate::roadmap::{Rules, Status};

/// `source` with the task titled `title` set to `to`.
fn set(source: &[u8], title: &str, to: Status) -> Result<Vec<u8>, Cannot> {
    let rules = Rules::default();
    let text = RawText::new(source)
        .map_err(|_| Cannot::NotUtf8)?
        .text
        .clone();
    let tasks = read_tasks(&text, &rules);
    let index = tasks
        .iter()
        .position(|(t, _, _)| t == title)
        .unwrap_or_else(|| panic!("no task {title:?} in {tasks:?}"));
    plan(source, &rules, index, to, None)
}

fn set_str(source: &str, title: &str, to: Status) -> String {
    String::from_utf8(set(source.as_bytes(), title, to).unwrap()).unwrap()
}

#[test]
fn a_shortcode_table_stays_in_shortcodes_and_keeps_its_padding() {
    let file = "# Basics\n\n| Task | Status |\n|---|---|\n| Arrays | :white_check_mark: |\n| Lists  | :x:   |\n";
    assert_eq!(
        set_str(file, "Lists", Status::Done),
        file.replace("| :x:   |", "| :white_check_mark:   |")
    );
    let file = file.replace(":x:", ":construction:");
    assert_eq!(
        set_str(&file, "Lists", Status::Todo),
        file.replace(":construction:", ":x:")
    );
}

#[test]
fn an_emoji_table_takes_the_symbols_other_rows_use() {
    let file = "## Week 1\n\n| Topic | Done? |\n| :--- | :---: |\n| Loops | ✔️ |\n| Maps | ⏳ |\n| Sets | ❌ |\n";
    assert_eq!(
        set_str(file, "Sets", Status::Done),
        file.replace("| Sets | ❌ |", "| Sets | ✔️ |")
    );
    assert_eq!(
        set_str(file, "Loops", Status::InProgress),
        file.replace("| Loops | ✔️ |", "| Loops | ⏳ |")
    );
}

#[test]
fn an_emoji_table_without_an_example_gets_the_default_symbol() {
    let file = "## Week 1\n\n| Topic | Status |\n|---|---|\n| Loops | ✅ |\n| Maps | ❌ |\n";
    assert_eq!(
        set_str(file, "Maps", Status::InProgress),
        file.replace("| Maps | ❌ |", "| Maps | 🚧 |")
    );
}

#[test]
fn a_checklist_flips_its_box() {
    let file = "## Rust\n\n- [ ] Ownership\n- [x] Cargo\n";
    assert_eq!(
        set_str(file, "Ownership", Status::Done),
        file.replace("[ ] Ownership", "[x] Ownership")
    );
    assert_eq!(
        set_str(file, "Cargo", Status::Todo),
        file.replace("[x] Cargo", "[ ] Cargo")
    );
}

#[test]
fn a_checklist_says_in_progress_as_its_legend_does() {
    let file = "Legend: 🔄 = in progress\n\n## Rust\n\n- [ ] Ownership\n- [x] Cargo\n";
    let written = set_str(file, "Ownership", Status::InProgress);
    let text = RawText::new(written.as_bytes()).unwrap().text.clone();
    let tasks = read_tasks(&text, &Rules::default());
    assert_eq!(tasks[0].1, Status::InProgress, "{written}");
    assert_eq!(written.lines().count(), file.lines().count());
    assert!(written.contains("🔄"), "{written}");
}

#[test]
fn a_br_packed_status_cell_changes_only_its_own_slot() {
    let file = "## Cloud\n\n| Topic | Status |\n|---|---|\n| **Platforms:**<br>&emsp;S3<br>&emsp;EC2<br>&emsp;Lambda | <br>✅<br>❌<br>❌ |\n";
    assert_eq!(
        set_str(file, "EC2", Status::Done),
        file.replace("<br>✅<br>❌<br>❌", "<br>✅<br>✅<br>❌")
    );
}

#[test]
fn a_marker_in_a_title_changes_in_place() {
    let file =
        "## Reading\n\n- ✅ The Rust Book\n- 🚧 Rust for Rustaceans\n- ⬜ Zero to Production\n";
    assert_eq!(
        set_str(file, "Rust for Rustaceans", Status::Done),
        file.replace("🚧 Rust for", "✅ Rust for")
    );
    assert_eq!(
        set_str(file, "Zero to Production", Status::InProgress),
        file.replace("⬜ Zero", "🚧 Zero")
    );
    assert_eq!(
        set_str(file, "The Rust Book", Status::Todo),
        file.replace("✅ The Rust", "⬜ The Rust")
    );
}

#[test]
fn line_endings_and_the_bom_are_kept() {
    let file =
        "\u{feff}## A\r\n\r\n| Task | Status |\r\n|---|---|\r\n| One | ✅ |\r\n| Two | ❌ |\r\n";
    assert_eq!(
        set_str(file, "Two", Status::Done),
        file.replace("Two | ❌", "Two | ✅")
    );
}

#[test]
fn a_garbled_file_gets_its_new_symbol_garbled_the_same_way() {
    // ✅ and ❌ as UTF-8 read as Mac Roman, then saved as UTF-8.
    let garbled = |s: &str| {
        encoding_rs::MACINTOSH
            .decode_without_bom_handling(s.as_bytes())
            .0
            .into_owned()
    };
    let file = format!(
        "## A\n\n| Task | Status |\n|---|---|\n| One | {} |\n| Two | {} |\n",
        garbled("✅"),
        garbled("❌")
    );
    // An example in the file: copied as it is written.
    assert_eq!(
        set_str(&file, "Two", Status::Done),
        file.replace(&garbled("❌"), &garbled("✅"))
    );
    // No example: the default, garbled like the rest (never a clean 🚧 beside them).
    assert_eq!(
        set_str(&file, "Two", Status::InProgress),
        file.replace(&garbled("❌"), &garbled("🚧"))
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused() {
    let file = b"## A\n\n- [ ] caf\xe9\n";
    assert_eq!(set(file, "caf\u{e9}", Status::Done), Err(Cannot::NotUtf8));
}

#[test]
fn a_kanban_card_is_refused_with_its_place() {
    let file = "## To do\n\n- Write tests\n\n## Done\n\n- Read the book\n";
    match set(file.as_bytes(), "Write tests", Status::Done) {
        Err(Cannot::Column { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
}

#[test]
fn setting_the_status_a_task_has_writes_nothing_new() {
    let file = "## A\n\n- [x] Done already\n";
    assert_eq!(set_str(file, "Done already", Status::Done), file);
}

#[test]
fn an_example_in_a_packed_row_is_only_the_slot_of_its_own_task() {
    // The packed row's first slot (its group's, empty) is no example of "to do".
    let file = "## Go\n\n| Topic | Status |\n|---|---|\n| Maps | :white_check_mark: |\n| Goroutines | :construction: |\n\n## Packed\n\n| Area | Status |\n|---|---|\n| **Testing:**<br>&emsp;Table tests<br>&emsp;Fuzzing | <br>✅<br>❌ |\n";
    assert_eq!(
        set_str(file, "Goroutines", Status::Todo),
        file.replace(":construction:", ":x:")
    );
}
