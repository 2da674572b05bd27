//! Dates from git that tell the truth (issue 17, points 5 and 6), on scripted
//! histories: a new note never rewrites a task's dates and is no note until written
//! in.

mod common;

use common::TestSite;
use common::git::commit;

fn rust(statuses: [&str; 2]) -> String {
    format!(
        "# Rust\n\n## Basics\n\n| Task | Status |\n|---|---|\n| Structs and enums | {} |\n| Traits | {} |\n",
        statuses[0], statuses[1]
    )
}

/// "Structs and enums": to do on 2025-01-10, started 2025-01-20, done 2025-02-03.
fn done_on_february_3() -> TestSite {
    let site = TestSite::new().file("roadmap.toml", "base_url = \"https://x.io/r/\"\n");
    commit(
        &site,
        "content/roadmap.md",
        &rust(["❌", "❌"]),
        "2025-01-10",
    );
    commit(
        &site,
        "content/roadmap.md",
        &rust(["🚧", "❌"]),
        "2025-01-20",
    );
    commit(
        &site,
        "content/roadmap.md",
        &rust(["✅", "❌"]),
        "2025-02-03",
    );
    site
}

/// The `<p class="task-status">` line of a task page.
fn status_line(site: &TestSite, slug: &str) -> String {
    let page = site.read(&format!("public/tasks/{slug}.html"));
    let start = page
        .find("<p class=\"task-status\">")
        .expect("a status line");
    let end = start + page[start..].find("</p>").unwrap();
    page[start..end].to_string()
}

fn task_dates(site: &TestSite, slug: &str) -> (serde_json::Value, serde_json::Value) {
    let progress = site.progress();
    let tasks = progress["phases"][0]["tasks"].as_array().unwrap();
    let task = tasks.iter().find(|t| t["slug"] == slug).unwrap();
    (task["started"].clone(), task["completed"].clone())
}

#[test]
fn a_new_note_never_changes_a_tasks_dates_and_is_no_note_until_written_in() {
    let site = done_on_february_3();
    site.build();
    let line = status_line(&site, "structs-and-enums");
    assert!(
        line.contains("Started on <time datetime=\"2025-01-20\">")
            && line.contains("Done on <time datetime=\"2025-02-03\">"),
        "{line}"
    );
    let (feed, home) = (site.read("public/feed.xml"), site.read("public/index.html"));
    let run = site.run(&["new", "note", "Structs and enums"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stub = site.read("content/notes/structs-and-enums.md");
    // The dates the site shows, to copy, never set: a note's dates win over git.
    assert!(stub.contains("\n# started = 2025-01-20"), "{stub}");
    assert!(stub.contains("\n# completed = 2025-02-03"), "{stub}");

    let built = site.build();
    assert!(built.stderr.contains("0 notes"), "{}", built.stderr);
    // Before: "Started on 2026-12-03 · Done on 2026-12-03" (the day of `new note`).
    assert_eq!(status_line(&site, "structs-and-enums"), line);
    assert_eq!(site.read("public/feed.xml"), feed);
    assert_eq!(
        task_dates(&site, "structs-and-enums"),
        ("2025-01-20".into(), "2025-02-03".into())
    );
    // The untouched stub is no note: home page as before, no 📝, no empty headings.
    assert_eq!(site.read("public/index.html"), home);
    assert!(!home.contains("Recently noted"));
    assert!(!site.read("public/phases/basics.html").contains("📝"));
    let page = site.read("public/tasks/structs-and-enums.html");
    assert!(!page.contains("What I learned") && page.contains("No notes yet"));

    // Written in, it is a note; the dates are still the history's.
    let written = format!("{stub}Structs group fields; an enum is one of its variants.\n");
    std::fs::write(
        site.path().join("content/notes/structs-and-enums.md"),
        written,
    )
    .unwrap();
    site.build();
    let page = site.read("public/tasks/structs-and-enums.html");
    assert!(page.contains("What I learned") && page.contains("one of its variants"));
    assert!(site.read("public/phases/basics.html").contains("📝"));
    assert!(site.read("public/index.html").contains("Recently noted"));
    assert_eq!(status_line(&site, "structs-and-enums"), line);
    assert_eq!(site.read("public/feed.xml"), feed);
}
