//! Property: random roadmaps in the formats people use (tables, checklists, status
//! markers), with known statuses, parse to exactly the statuses they were made with.

use proptest::prelude::*;
use roadmap_site::SourceFile;
use roadmap_site::roadmap::{Rules, Status, parse};

#[derive(Debug, Clone, Copy)]
enum Format {
    Table,
    Checklist,
    Markers,
    /// A kanban board: one `###` column per status, plain bullets under it.
    Kanban,
    /// Status cells written as phrases with a remark: `🚧 In Progress (half way)`.
    Phrases,
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Done),
        Just(Status::InProgress),
        Just(Status::Todo),
        Just(Status::Skipped)
    ]
}

fn title() -> impl Strategy<Value = String> {
    proptest::collection::vec("[a-z]{3,8}", 1..4).prop_map(|words| words.join(" "))
}

/// A phase: its format and its tasks (title, status, which spelling of the status).
type PhaseSpec = (Format, Vec<(String, Status, usize)>);

fn phase() -> impl Strategy<Value = PhaseSpec> {
    let format = prop_oneof![
        Just(Format::Table),
        Just(Format::Checklist),
        Just(Format::Markers),
        Just(Format::Kanban),
        Just(Format::Phrases),
    ];
    (
        format,
        proptest::collection::vec((title(), status(), 0usize..4), 1..12),
    )
}

/// A status cell, in one of the spellings people use.
fn cell(status: Status, variant: usize) -> &'static str {
    let spellings: &[&str] = match status {
        Status::Done => &["✅", ":white_check_mark:", "✔️", "Done"],
        Status::InProgress => &["🚧", ":construction:", "⏳", "In progress"],
        Status::Todo => &["❌", ":x:", "", "Not started"],
        Status::Skipped => &["⏭️", "Skipped", "skipped", "⏭"],
    };
    spellings[variant % spellings.len()]
}

fn render(phases: &[PhaseSpec]) -> String {
    let mut text = String::from("# Random roadmap\n\nSome prose first.\n");
    for (p, (format, tasks)) in phases.iter().enumerate() {
        text.push_str(&format!("\n## Phase {p}\n\n"));
        match format {
            Format::Table => {
                text.push_str("| Task | Status |\n|---|---|\n");
                for (i, (title, status, variant)) in tasks.iter().enumerate() {
                    text.push_str(&format!("| T{i} {title} | {} |\n", cell(*status, *variant)));
                }
            }
            Format::Checklist => {
                for (i, (title, status, _)) in tasks.iter().enumerate() {
                    let line = match status {
                        Status::Done => format!("- [x] T{i} {title}"),
                        Status::Todo => format!("- [ ] T{i} {title}"),
                        Status::InProgress => format!("- [ ] 🚧 T{i} {title}"),
                        Status::Skipped => format!("- [ ] ~~T{i} {title}~~"),
                    };
                    text.push_str(&line);
                    text.push('\n');
                }
            }
            Format::Markers => {
                for (i, (title, status, variant)) in tasks.iter().enumerate() {
                    let marker = match status {
                        Status::Done => "✅",
                        Status::InProgress => "🚧",
                        Status::Todo => "❌",
                        Status::Skipped => "⏭️",
                    };
                    if variant % 2 == 0 {
                        text.push_str(&format!("- {marker} T{i} {title}\n"));
                    } else {
                        text.push_str(&format!("- T{i} {title} {marker}\n"));
                    }
                }
            }
            Format::Kanban => {
                // Columns in a fixed order; the tasks keep their order within each.
                for status in [
                    Status::Done,
                    Status::InProgress,
                    Status::Todo,
                    Status::Skipped,
                ] {
                    let column = match status {
                        Status::Done => "✅ Done",
                        Status::InProgress => "Doing",
                        Status::Todo => "Backlog",
                        Status::Skipped => "Won't do",
                    };
                    text.push_str(&format!("### {column}\n\n"));
                    for (i, (title, s, _)) in tasks.iter().enumerate() {
                        if *s == status {
                            text.push_str(&format!("- T{i} {title}\n"));
                        }
                    }
                    text.push('\n');
                }
            }
            Format::Phrases => {
                text.push_str("| Topic | Status |\n|---|---|\n");
                for (i, (title, status, variant)) in tasks.iter().enumerate() {
                    let phrase = match (status, variant % 2) {
                        (Status::Done, 0) => "✅ Done",
                        (Status::Done, _) => ":heavy_check_mark: practised twice",
                        (Status::InProgress, 0) => "🚧 In Progress",
                        (Status::InProgress, _) => "In progress 🔄 (half way)",
                        (Status::Todo, 0) => "❌ Not Started",
                        (Status::Todo, _) => "⏳ Planned",
                        (Status::Skipped, 0) => "⏭️ Skipped",
                        (Status::Skipped, _) => "🚫 Dropped, not needed",
                    };
                    text.push_str(&format!("| T{i} {title} | {phrase} |\n"));
                }
            }
        }
    }
    text
}

/// The tasks a phase was made with, in the order the reader meets them.
fn in_reading_order(format: Format, tasks: &[(String, Status, usize)]) -> Vec<(String, Status)> {
    let mut want: Vec<(usize, String, Status)> = tasks
        .iter()
        .enumerate()
        .map(|(i, (title, status, _))| (i, format!("T{i} {title}"), *status))
        .collect();
    if let Format::Kanban = format {
        let column = |s: Status| Status::ALL.iter().position(|&x| x == s);
        want.sort_by_key(|(i, _, s)| (column(*s), *i));
    }
    want.into_iter().map(|(_, t, s)| (t, s)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn parsed_statuses_equal_generated_ones(phases in proptest::collection::vec(phase(), 1..5)) {
        let text = render(&phases);
        let source = SourceFile::new("roadmap.md", text.clone());
        let mut diagnostics = Vec::new();
        let roadmap = parse(&source, &Rules::default(), &mut diagnostics);
        prop_assert_eq!(roadmap.phases.len(), phases.len(), "{}", text);
        for (phase, expected) in roadmap.phases.iter().zip(&phases) {
            let mut got = Vec::new();
            phase.items.iter().for_each(|item| item.for_each_task(&mut |t| got.push((t.title.text.clone(), t.status))));
            let want = in_reading_order(expected.0, &expected.1);
            prop_assert_eq!(got, want, "{}", text);
        }
        prop_assert!(diagnostics.is_empty(), "{:?}", diagnostics);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let source = SourceFile::new("roadmap.md", text);
        let mut diagnostics = Vec::new();
        let _ = parse(&source, &Rules::default(), &mut diagnostics);
    }
}

/// Nesting as deep as pulldown-cmark accepts, read without recursion: `- ` 1,800 times
/// on one line, and a checklist indented 2,000 levels, each one task deep down.
#[test]
fn any_depth_of_nesting_reads_without_overflowing_the_stack() {
    let one_line = format!("## P\n\n{}[x] deep task\n", "- ".repeat(1_800));
    let indented: String = (0..2_000)
        .map(|depth| format!("{}- [ ] level {depth}\n", "  ".repeat(depth)))
        .collect();
    for (text, tasks) in [(one_line, 1), (format!("## P\n\n{indented}"), 2_000)] {
        // A small stack: recursion per level would overflow it long before the end.
        let handle = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || {
                let source = SourceFile::new("roadmap.md", text);
                let roadmap = parse(&source, &Rules::default(), &mut Vec::new());
                let mut count = 0;
                roadmap
                    .phases
                    .iter()
                    .flat_map(|p| &p.items)
                    .for_each(|item| {
                        item.for_each_task(&mut |_| count += 1);
                    });
                count
            })
            .unwrap();
        let count = handle.join().expect("the reader overflowed its stack");
        assert_eq!(count, tasks);
    }
}

/// A 1 MB line of pipes, brackets and status words, and a table of 20,000 rows.
#[test]
fn long_lines_and_long_tables_are_read_whole() {
    let line = "| ✅ [x] done ~~a~~ **b** ".repeat(40_000);
    let source = SourceFile::new("roadmap.md", format!("## P\n\n{line}\n"));
    let roadmap = parse(&source, &Rules::default(), &mut Vec::new());
    assert!(
        roadmap.phases.is_empty(),
        "one line of pipes is prose, not tasks"
    );
    let rows: String = (0..20_000)
        .map(|i| format!("| task {i} | ✅ Done |\n"))
        .collect();
    let text = format!("## P\n\n| Task | Status |\n|---|---|\n{rows}");
    let roadmap = parse(
        &SourceFile::new("roadmap.md", text),
        &Rules::default(),
        &mut Vec::new(),
    );
    assert_eq!(roadmap.phases[0].items.len(), 20_000);
}
