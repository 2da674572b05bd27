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
        Just(Format::Markers)
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
        }
    }
    text
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
        for (phase, (_, expected)) in roadmap.phases.iter().zip(&phases) {
            let mut got = Vec::new();
            phase.items.iter().for_each(|item| item.for_each_task(&mut |t| got.push((t.title.text.clone(), t.status))));
            let want: Vec<(String, Status)> = expected
                .iter()
                .enumerate()
                .map(|(i, (title, status, _))| (format!("T{i} {title}"), *status))
                .collect();
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
