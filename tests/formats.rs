//! Roadmaps as people write them: one fixture per format, with the counts a person
//! reading it would give.

use roadmap_site::SourceFile;
use roadmap_site::roadmap::{Status, Vocabulary, parse};

/// (fixture, phases, tasks, done, in progress, skipped)
const CASES: &[(&str, usize, usize, usize, usize, usize)] = &[
    ("checklist-basic", 2, 8, 5, 0, 0),
    ("checklist-nested", 1, 6, 3, 0, 0),
    ("h1-phases", 2, 4, 1, 0, 0),
    ("h3-under-h2", 2, 4, 2, 0, 0),
    ("setext", 2, 3, 1, 0, 0),
    ("status-heading", 1, 4, 2, 0, 0),
    ("no-heading", 1, 3, 1, 0, 0),
    ("mixed", 1, 4, 2, 0, 0),
    ("table-variants", 3, 6, 3, 1, 0),
    ("emoji-markers", 1, 13, 5, 5, 2),
    ("legend", 1, 3, 1, 1, 0),
    ("not-tasks", 1, 2, 1, 0, 0),
    ("scripts", 1, 4, 2, 0, 0),
    ("no-separator", 1, 2, 1, 0, 0),
];

fn statuses(path: &str) -> (usize, Vec<(String, Status)>, Vec<String>) {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/formats/{path}.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let source = SourceFile::new(format!("{path}.md"), text);
    let mut diagnostics = Vec::new();
    let roadmap = parse(&source, &Vocabulary::default(), &mut diagnostics);
    let mut tasks = Vec::new();
    for phase in &roadmap.phases {
        for item in &phase.items {
            item.for_each_task(&mut |t| tasks.push((t.title.text.clone(), t.status)));
        }
    }
    let messages = diagnostics.iter().map(|d| d.headline()).collect();
    (roadmap.phases.len(), tasks, messages)
}

#[test]
fn every_format_is_counted_as_a_person_would() {
    let mut failures = Vec::new();
    for &(name, phases, tasks, done, in_progress, skipped) in CASES {
        let (got_phases, got, _) = statuses(name);
        let count = |s: Status| got.iter().filter(|(_, x)| *x == s).count();
        let expected = (phases, tasks, done, in_progress, skipped);
        let actual = (
            got_phases,
            got.len(),
            count(Status::Done),
            count(Status::InProgress),
            count(Status::Skipped),
        );
        if expected != actual {
            failures.push(format!(
                "{name}: expected {expected:?}, got {actual:?}: {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn markers_leave_clean_titles() {
    let (_, tasks, _) = statuses("emoji-markers");
    let titles: Vec<&str> = tasks.iter().map(|(t, _)| t.as_str()).take(9).collect();
    assert_eq!(
        titles,
        [
            "Learn Git",
            "Learn Docker",
            "Learn Kubernetes",
            "Learn Helm",
            "Learn Terraform",
            "Learn Ansible",
            "Learn Puppet",
            "Learn Nomad",
            "Learn Consul"
        ]
    );
}

#[test]
fn a_table_without_separator_row_is_read_with_a_warning() {
    let (_, _, messages) = statuses("no-separator");
    assert_eq!(
        messages,
        ["no-separator.md:5:1: warning: this table has no separator row under its header"]
    );
}

#[test]
fn non_latin_titles_get_usable_unique_slugs() {
    let site = common::TestSite::new().file(
        "content/roadmap.md",
        std::fs::read(format!(
            "{}/tests/fixtures/formats/scripts.md",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    );
    site.build();
    let progress = site.progress();
    let slugs: Vec<&str> = progress["phases"][0]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["学习-rust", "学习-rust-2", "التعلم-الآلي", "café-crème"]
    );
    assert!(
        site.read("public/tasks/学习-rust-2.html")
            .contains("<h1>学习 Rust!</h1>")
    );
}

mod common;

#[test]
fn inputs_the_fuzzer_found_no_longer_panic() {
    let dir = format!("{}/tests/fixtures/fuzz", env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok((source, _)) = roadmap_site::decode(std::path::Path::new("roadmap.md"), &bytes) {
            let _ = parse(&source, &Vocabulary::default(), &mut Vec::new());
        }
        count += 1;
    }
    assert!(count > 0, "the fuzz fixtures are missing");
}
