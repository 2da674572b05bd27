//! Roadmaps as people write them: one fixture per format, with the counts a person
//! reading it would give.

mod common;

use common::{TestSite, repo};
use roadmap_site::SourceFile;
use roadmap_site::roadmap::{Rules, Status, parse};

/// What a person counts in a fixture: `<name>.toml` beside `<name>.md`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    phases: usize,
    tasks: usize,
    done: usize,
    in_progress: usize,
    skipped: usize,
    #[serde(default)]
    titles: Vec<String>,
}

fn fixtures_dir() -> std::path::PathBuf {
    repo().join("tests/fixtures/formats")
}

fn statuses(path: &str) -> (usize, Vec<(String, Status)>, Vec<String>) {
    let text = std::fs::read_to_string(fixtures_dir().join(format!("{path}.md"))).unwrap();
    let source = SourceFile::new(format!("{path}.md"), text);
    let mut diagnostics = Vec::new();
    let roadmap = parse(&source, &Rules::default(), &mut diagnostics);
    let mut tasks = Vec::new();
    for phase in &roadmap.phases {
        for item in &phase.items {
            item.for_each_task(&mut |t| tasks.push((t.title.text.clone(), t.status)));
        }
    }
    let messages = diagnostics.iter().map(|d| d.headline()).collect();
    (roadmap.phases.len(), tasks, messages)
}

/// Every fixture with a `.toml` of counts: the counts, and the titles it names.
#[test]
fn every_format_is_counted_as_a_person_would() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 45, "fixtures missing: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let toml = std::fs::read_to_string(fixtures_dir().join(format!("{name}.toml"))).unwrap();
        let expected: Expected =
            toml::from_str(&toml).unwrap_or_else(|e| panic!("{name}.toml: {e}"));
        let (phases, got, _) = statuses(name);
        let count = |s: Status| got.iter().filter(|(_, x)| *x == s).count();
        let want = (
            expected.phases,
            expected.tasks,
            expected.done,
            expected.in_progress,
            expected.skipped,
        );
        let actual = (
            phases,
            got.len(),
            count(Status::Done),
            count(Status::InProgress),
            count(Status::Skipped),
        );
        if want != actual {
            failures.push(format!(
                "{name}: (phases, tasks, done, in progress, skipped) expected {want:?}, got {actual:?}"
            ));
        }
        for title in &expected.titles {
            if !got.iter().any(|(t, _)| t == title) {
                let titles: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
                failures.push(format!("{name}: no task titled {title:?} in {titles:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures read differently:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
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
    let site = TestSite::new().file(
        "content/roadmap.md",
        std::fs::read(fixtures_dir().join("scripts.md")).unwrap(),
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

#[test]
fn inputs_the_fuzzer_found_no_longer_panic() {
    let dir = repo().join("tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok((source, _)) = roadmap_site::decode(std::path::Path::new("roadmap.md"), &bytes) {
            let _ = parse(&source, &Rules::default(), &mut Vec::new());
        }
        count += 1;
    }
    assert!(count > 0, "the fuzz fixtures are missing");
}
