//! Rule 19, **prose**: the blocks that are not tasks, where they stand.

use std::ops::Range;

use super::*;

/// A phase's tree as lines: `task`, `[group]`, `prose: first words`, indented by depth.
fn tree(markdown: &str, phase: &Phase) -> Vec<String> {
    fn walk(markdown: &str, items: &[Item], depth: usize, out: &mut Vec<String>) {
        let pad = "  ".repeat(depth);
        for item in items {
            match item {
                Item::Task(task) => out.push(format!("{pad}{}", task.title.text)),
                Item::Group(group) => {
                    out.push(format!("{pad}[{}]", group.title.text));
                    walk(markdown, &group.items, depth + 1, out);
                }
                Item::Prose(span) => {
                    out.push(format!("{pad}prose: {}", first_line(markdown, span)))
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(markdown, &phase.items, 0, &mut out);
    out
}

fn first_line(markdown: &str, span: &std::ops::Range<usize>) -> String {
    markdown[span.clone()]
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

fn lines(markdown: &str, spans: &[std::ops::Range<usize>]) -> Vec<String> {
    spans.iter().map(|s| first_line(markdown, s)).collect()
}

#[test]
fn prose_before_the_first_phase_is_the_intro_without_title_or_rules() {
    let md = "# Title\n\nWhy I learn.\n\n- Pace: weekly\n- Book: X\n\n---\n\n## P\n\n- [ ] A\n";
    let (roadmap, _) = parse_str(md);
    assert_eq!(
        lines(md, &roadmap.intro),
        ["Why I learn.", "- Pace: weekly"]
    );
    // The whole list, not only its first item's text.
    assert_eq!(
        md[roadmap.intro[1].clone()].trim_end(),
        "- Pace: weekly\n- Book: X"
    );
    assert!(roadmap.outside.is_empty());
}

#[test]
fn prose_between_tables_stands_between_their_tasks() {
    let md = "# T\n\n## P\n\nFirst this.\n\n| Task | Status |\n|---|---|\n| A | ✅ |\n\nThen that.\n\n| Task | Status |\n|---|---|\n| B | ❌ |\n";
    let (roadmap, _) = parse_str(md);
    assert_eq!(
        tree(md, &roadmap.phases[0]),
        ["prose: First this.", "A", "prose: Then that.", "B"]
    );
}

#[test]
fn a_heading_with_no_tasks_under_it_goes_with_its_text() {
    let md = "# T\n\n## P\n\n- [ ] A\n\n### Resources\n\n- A book\n- A video\n\n### Empty\n\n## Q\n\n- [ ] B\n";
    let (roadmap, _) = parse_str(md);
    // `### Empty` has nothing under it: shown nowhere.
    assert_eq!(
        tree(md, &roadmap.phases[0]),
        ["A", "prose: ### Resources", "prose: - A book"]
    );
}

#[test]
fn prose_under_a_label_opens_its_group_or_follows_its_tasks() {
    let md = "# T\n\n## P\n\n### Arrays\n\nStart easy.\n\n- [ ] Two sum\n\nRead: chapter 1.\n\n### Trees\n\n- [ ] DFS\n\n## Q\n\n- [ ] X\n";
    let (roadmap, _) = parse_str(md);
    assert_eq!(
        tree(md, &roadmap.phases[0]),
        [
            "[Arrays]",
            "  prose: Start easy.",
            "  Two sum",
            "  prose: Read: chapter 1.",
            "[Trees]",
            "  DFS"
        ]
    );
}

#[test]
fn a_phase_heading_with_only_prose_is_text_outside_phases() {
    let md = "# T\n\n## P\n\n- [ ] A\n\n## Books\n\nSome books.\n";
    let (roadmap, _) = parse_str(md);
    assert_eq!(roadmap.phases.len(), 1);
    assert_eq!(tree(md, &roadmap.phases[0]), ["A"]);
    assert_eq!(lines(md, &roadmap.outside), ["## Books", "Some books."]);
    // Before the first phase, the same heading is the intro.
    let md = "# T\n\n## About\n\nWho I am.\n\n## P\n\n- [ ] A\n";
    let (roadmap, _) = parse_str(md);
    assert_eq!(lines(md, &roadmap.intro), ["## About", "Who I am."]);
}

#[test]
fn legends_raw_html_and_kanban_card_details_are_not_prose() {
    let md = "# T\n\n| Symbol | Meaning |\n|---|---|\n| ✅ | Done |\n\n<!-- a comment -->\n\n## P\n\n- [ ] A\n";
    let (roadmap, _) = parse_str(md);
    assert!(roadmap.intro.is_empty(), "{:?}", lines(md, &roadmap.intro));
    let md = "# Board\n\n## Doing\n\n### ✅ Card\n\n- detail one\n\n## Done\n\n- Other\n";
    let (roadmap, _) = parse_str(md);
    let shown: Vec<String> = roadmap.phases.iter().flat_map(|p| tree(md, p)).collect();
    assert!(
        shown.iter().all(|line| !line.contains("detail")),
        "{shown:?}"
    );
}

#[test]
fn no_task_is_also_prose() {
    // Every fixture: no prose block holds a task's title span.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let md = std::fs::read_to_string(&path).unwrap();
        let (roadmap, _) = parse_str(&md);
        let mut prose = roadmap.intro.clone();
        prose.extend(roadmap.outside.iter().cloned());
        let mut tasks = Vec::new();
        fn walk(items: &[Item], prose: &mut Vec<Range<usize>>, tasks: &mut Vec<Range<usize>>) {
            for item in items {
                match item {
                    Item::Task(task) => tasks.push(task.span.clone()),
                    Item::Group(group) => {
                        tasks.extend(group.own.iter().map(|t| t.span.clone()));
                        walk(&group.items, prose, tasks);
                    }
                    Item::Prose(span) => prose.push(span.clone()),
                }
            }
        }
        for phase in &roadmap.phases {
            walk(&phase.items, &mut prose, &mut tasks);
        }
        for task in &tasks {
            let inside = prose
                .iter()
                .find(|p| p.start <= task.start && task.end <= p.end && !task.is_empty());
            assert!(
                inside.is_none(),
                "{}: task at {task:?} is inside prose {:?}",
                path.display(),
                inside.map(|p| &md[p.clone()])
            );
        }
    }
}
