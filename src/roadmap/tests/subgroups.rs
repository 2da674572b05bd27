//! Rules 8 and 9 (subgroups, `<br>` cells): tasks nested inside a table.

use super::*;

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
