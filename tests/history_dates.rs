//! Dates from git that tell the truth (issue 17, points 5 and 6), on scripted
//! histories: a new note never rewrites a task's dates and is no note until written
//! in; work done before the history began has no day, only "before"; a note's date
//! wins; one day of history draws no chart; a forecast is never before today.

mod common;

use common::TestSite;
use common::git::{build_on, commit};

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
    assert!(!page.contains("What I learned") && !page.contains(r#"class="notes""#));

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

/// Three tasks: "Ownership" done and "Lifetimes" skipped before the first commit
/// (2026-11-24), "Traits" done on 2026-11-30.
fn started_late() -> TestSite {
    let roadmap = |traits: &str| {
        format!(
            "# Rust\n\n## Basics\n\n| Task | Status |\n|---|---|\n| Ownership | ✅ |\n| Lifetimes | ⏭️ |\n| Traits | {traits} |\n"
        )
    };
    let site = TestSite::new().file("roadmap.toml", "base_url = \"https://x.io/r/\"\n");
    commit(&site, "content/roadmap.md", &roadmap("❌"), "2026-11-24");
    commit(&site, "content/roadmap.md", &roadmap("✅"), "2026-11-30");
    site
}

fn task(progress: &serde_json::Value, slug: &str) -> serde_json::Value {
    let tasks = progress["phases"][0]["tasks"].as_array().unwrap();
    tasks.iter().find(|t| t["slug"] == slug).unwrap().clone()
}

/// The home page's "Recently completed" section.
fn recently_completed(home: &str) -> &str {
    let start = home.find("Recently completed").expect("recently completed");
    &home[start..start + home[start..].find("</section>").unwrap()]
}

#[test]
fn a_task_done_before_the_history_began_has_no_date_only_before() {
    let site = started_late();
    build_on(&site, "2026-12-03");
    let progress = site.progress();
    let ownership = task(&progress, "ownership");
    // Before: completed 2026-11-24, the first commit's day, for work done long before.
    assert!(ownership["completed"].is_null(), "{ownership}");
    assert_eq!(ownership["completed_before"], "2026-11-24");
    assert_eq!(task(&progress, "traits")["completed"], "2026-11-30");
    assert!(task(&progress, "traits")["completed_before"].is_null());
    let line = status_line(&site, "ownership");
    assert!(
        line.contains("Done before <time datetime=\"2026-11-24\">") && !line.contains("Done on"),
        "{line}"
    );
    let home = site.read("public/index.html");
    let recent = recently_completed(&home);
    assert!(
        recent.contains(">Traits</a>") && !recent.contains("Ownership"),
        "{recent}"
    );
    let feed = site.read("public/feed.xml");
    assert!(feed.contains("tasks/traits.html") && !feed.contains("tasks/ownership.html"));
    // The history counts by the site's rule: the skipped task is outside the total.
    assert_eq!(progress["history"][1]["total"], 2);
    assert_eq!(progress["history"][1]["skipped"], 1);
    assert!(home.contains("to 2 of 2 on 30 November 2026"), "{home}");
}

#[test]
fn a_notes_completed_date_wins_over_git_and_over_before() {
    let site = started_late()
        .file(
            "content/notes/ownership.md",
            "+++\ncompleted = 2025-02-03\n+++\nMoves and borrows.\n",
        )
        .file(
            "content/notes/traits.md",
            "+++\ncompleted = 2026-11-28\n+++\nLike interfaces.\n",
        );
    build_on(&site, "2026-12-03");
    let progress = site.progress();
    assert_eq!(task(&progress, "ownership")["completed"], "2025-02-03");
    assert!(task(&progress, "ownership")["completed_before"].is_null());
    assert_eq!(
        task(&progress, "traits")["completed"],
        "2026-11-28",
        "not git's 11-30"
    );
    assert!(status_line(&site, "ownership").contains("Done on <time datetime=\"2025-02-03\">"));
    let home = site.read("public/index.html");
    let recent = recently_completed(&home);
    let (traits, ownership) = (
        recent.find("Traits").unwrap(),
        recent.find("Ownership").unwrap(),
    );
    assert!(traits < ownership, "newest first: {recent}");
}

#[test]
fn one_day_of_history_draws_no_chart_and_no_pace() {
    let site = TestSite::new();
    commit(
        &site,
        "content/roadmap.md",
        &rust(["✅", "❌"]),
        "2026-11-24",
    );
    build_on(&site, "2026-12-03");
    let home = site.read("public/index.html");
    // Before: a flat chart and "Pace: 0 tasks a week"; then a section telling
    // visitors that "the chart and the pace need two" days (serve tells the author).
    assert!(
        !home.contains("Progress over time")
            && !home.contains("Pace")
            && !home.contains("one day so far"),
        "{home}"
    );
    assert_eq!(site.progress()["history"].as_array().unwrap().len(), 1);
}

#[test]
fn a_forecast_is_never_a_day_before_today() {
    // Traits: to do 2025-03-01, in progress 2025-03-20, done 2025-04-10; one of three
    // tasks left after that.
    let site = TestSite::new();
    let three = |a: &str, b: &str| {
        format!(
            "# Rust\n\n## Basics\n\n| Task | Status |\n|---|---|\n| Traits | {a} |\n| Generics | {b} |\n| Macros | ❌ |\n"
        )
    };
    commit(
        &site,
        "content/roadmap.md",
        &three("❌", "❌"),
        "2025-03-01",
    );
    commit(
        &site,
        "content/roadmap.md",
        &three("🚧", "❌"),
        "2025-03-20",
    );
    commit(
        &site,
        "content/roadmap.md",
        &three("✅", "✅"),
        "2025-04-10",
    );
    // Built on the day of the last change: 2 done in 4 weeks, 1 left → 2 weeks.
    build_on(&site, "2025-04-10");
    let home = site.read("public/index.html");
    assert!(home.contains("Pace:</strong> 0.5 tasks a week over the 4 weeks to 10 April 2025"));
    assert!(
        home.contains("done around <time datetime=\"2025-04-24\">"),
        "{home}"
    );
    // Built long after: before, "done around 2025-04-24" on 2026-12-03.
    build_on(&site, "2026-12-03");
    let home = site.read("public/index.html");
    assert!(!home.contains("done around"), "{home}");
    // Before: "… to 3 December 2026 · No task done in the 4 weeks to 3 December 2026:
    // no forecast", the pace said twice.
    assert!(
        home.contains("0 tasks a week over the 4 weeks to 3 December 2026</figcaption>"),
        "{home}"
    );
    assert!(!home.contains("no forecast"), "{home}");
    // Ten days after the last change the pace still holds, counted from today.
    build_on(&site, "2025-04-20");
    let home = site.read("public/index.html");
    assert!(
        home.contains("done around <time datetime=\"2025-05-04\">"),
        "{home}"
    );
}

#[test]
fn a_pace_too_slow_says_so_instead_of_a_date() {
    let site = TestSite::new();
    let hundred = |done: usize| {
        let rows: String = (0..100)
            .map(|i| format!("| Task {i} | {} |\n", if i < done { "✅" } else { "❌" }))
            .collect();
        format!("# Long\n\n## All\n\n| Task | Status |\n|---|---|\n{rows}")
    };
    commit(&site, "content/roadmap.md", &hundred(0), "2025-01-01");
    commit(&site, "content/roadmap.md", &hundred(1), "2025-01-20");
    build_on(&site, "2025-01-20");
    let home = site.read("public/index.html");
    // A quarter of a task a week, 99 left: 396 weeks, more than 5 years.
    assert!(!home.contains("done around"), "{home}");
    assert!(
        home.contains("· At this pace, more than 5 years to go</figcaption>"),
        "{home}"
    );
}
