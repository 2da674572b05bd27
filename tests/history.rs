//! Git history → progress over time, completion dates, pace, feed and search index.
//! The history is scripted with the `git` command line (the product reads it with
//! gix) on chosen dates, through `GIT_AUTHOR_DATE` and `GIT_COMMITTER_DATE`.

mod common;

use std::process::Command;

use common::TestSite;
use common::git::git;

fn roadmap(statuses: [&str; 4]) -> String {
    format!(
        "# Study\n\n## Basics\n\n| Task | Status |\n|---|---|\n| Alpha | {} |\n| Beta | {} |\n\n\
         ## More\n\n| Task | Status |\n|---|---|\n| Gamma | {} |\n| Delta | {} |\n",
        statuses[0], statuses[1], statuses[2], statuses[3]
    )
}

/// Commits `roadmap.md` with the given statuses on the given day.
fn commit(site: &TestSite, path: &str, statuses: [&str; 4], date: &str) {
    common::git::commit(site, path, &roadmap(statuses), date);
}

/// Alpha done on Jan 10 and stays done; Beta started Jan 3, done Jan 12, reopened
/// Jan 20, done again Feb 5; Gamma done Feb 5; Delta never.
fn scripted() -> TestSite {
    let site = TestSite::new().file("roadmap.toml", "base_url = \"https://x.io/r/\"\n");
    git(site.path(), &["init", "-q", "-b", "main"], "2025-01-01");
    commit(
        &site,
        "content/roadmap.md",
        ["❌", "❌", "❌", "❌"],
        "2025-01-01",
    );
    commit(
        &site,
        "content/roadmap.md",
        ["❌", "🚧", "❌", "❌"],
        "2025-01-03",
    );
    commit(
        &site,
        "content/roadmap.md",
        ["✅", "🚧", "❌", "❌"],
        "2025-01-10",
    );
    commit(
        &site,
        "content/roadmap.md",
        ["✅", "✅", "❌", "❌"],
        "2025-01-12",
    );
    commit(
        &site,
        "content/roadmap.md",
        ["✅", "🚧", "❌", "❌"],
        "2025-01-20",
    );
    commit(
        &site,
        "content/roadmap.md",
        ["✅", "✅", "✅", "❌"],
        "2025-02-05",
    );
    site
}

fn task<'a>(progress: &'a serde_json::Value, slug: &str) -> &'a serde_json::Value {
    progress["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["tasks"].as_array().unwrap())
        .find(|t| t["slug"] == slug)
        .unwrap_or_else(|| panic!("no task {slug}"))
}

#[test]
fn the_history_gives_points_dates_pace_and_a_projection() {
    let site = scripted();
    common::git::build_on(&site, "2025-02-05"); // the day of the last change
    let progress = site.progress();
    let history = progress["history"].as_array().expect("history");
    let points: Vec<(String, u64, u64, u64)> = history
        .iter()
        .map(|p| {
            (
                p["date"].as_str().unwrap().to_string(),
                p["done"].as_u64().unwrap(),
                p["in_progress"].as_u64().unwrap(),
                p["total"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("2025-01-01", 0, 0, 4),
        ("2025-01-03", 0, 1, 4),
        ("2025-01-10", 1, 1, 4),
        ("2025-01-12", 2, 0, 4),
        ("2025-01-20", 1, 1, 4),
        ("2025-02-05", 3, 0, 4),
    ];
    assert_eq!(
        points,
        expected
            .iter()
            .map(|(d, a, b, c)| (d.to_string(), *a, *b, *c))
            .collect::<Vec<_>>()
    );
    assert_eq!(task(&progress, "alpha")["completed"], "2025-01-10");
    assert_eq!(
        task(&progress, "beta")["completed"],
        "2025-02-05",
        "reopened"
    );
    assert_eq!(task(&progress, "beta")["started"], "2025-01-03");
    assert_eq!(task(&progress, "gamma")["completed"], "2025-02-05");
    assert!(task(&progress, "delta")["completed"].is_null());

    let home = site.read("public/index.html");
    // 28 days before Feb 5 is Jan 8: done then 0, now 3 → 0.75 a week; 1 left → 10 days.
    assert!(home.contains("0.8 tasks a week"), "pace:\n{home}");
    assert!(
        home.contains("At this pace, done around <time datetime=\"2025-02-15\">"),
        "projection"
    );
    assert!(home.contains("<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\""));
    assert!(
        home.contains("<td>3</td><td>0</td><td>4</td>"),
        "table fallback"
    );
    let recent = home.find("Recently completed").expect("recently completed");
    let section = &home[recent..];
    let (beta, alpha) = (
        section.find(">Beta</a>").unwrap(),
        section.find(">Alpha</a>").unwrap(),
    );
    assert!(beta < alpha, "newest first");
    let page = site.read("public/tasks/beta.html");
    assert!(page.contains("Started on <time datetime=\"2025-01-03\">"));
    assert!(page.contains("Done on <time datetime=\"2025-02-05\">"));
}

#[test]
fn note_dates_win_over_git_dates_and_the_feed_lists_completions_newest_first() {
    let site = scripted().file(
        "content/notes/alpha.md",
        "+++\ncompleted = 2025-01-09\nsummary = \"Easy\"\n+++\nText.\n",
    );
    site.build();
    assert_eq!(task(&site.progress(), "alpha")["completed"], "2025-01-09");
    let feed = site.read("public/feed.xml");
    let mut reader = quick_xml::Reader::from_str(&feed);
    let (mut ids, mut updated, mut path) = (Vec::new(), Vec::new(), Vec::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) => {
                path.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap())
            }
            quick_xml::events::Event::End(_) => {
                path.pop();
            }
            quick_xml::events::Event::Text(t) => {
                let text = t.decode().unwrap().into_owned();
                match path.join("/").as_str() {
                    "feed/entry/id" => ids.push(text),
                    "feed/entry/updated" => updated.push(text),
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"));
    assert!(feed.contains("<updated>2025-02-05T00:00:00Z</updated>"));
    assert_eq!(
        ids,
        [
            "https://x.io/r/tasks/beta.html",
            "https://x.io/r/tasks/gamma.html",
            // Same day: by title, "Alpha" (the note) before "Done: Alpha".
            "https://x.io/r/tasks/alpha.html#note-alpha",
            "https://x.io/r/tasks/alpha.html",
        ]
    );
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted, "newest first");
    let home = site.read("public/index.html");
    assert!(home.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Study: completed tasks and notes\" href=\"feed.xml\">"
    ));
}

#[test]
fn a_second_build_reads_every_version_from_the_cache_which_git_ignores() {
    let site = scripted();
    let first = site.run(&["build", "-v"]);
    // Jan 20 has the same content (blob) as Jan 10: parsed once, even in one build.
    assert!(
        first.stderr.contains("(1 cached, 5 parsed)"),
        "{}",
        first.stderr
    );
    let second = site.run(&["build", "-v"]);
    assert!(
        second.stderr.contains("(6 cached, 0 parsed)"),
        "{}",
        second.stderr
    );
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(site.path())
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(!status.contains(".roadmap-site-cache"), "{status}");
    assert!(
        site.path()
            .join(".roadmap-site-cache/history.json")
            .is_file()
    );
}

#[test]
fn a_renamed_roadmap_is_followed() {
    let site = TestSite::new().file("roadmap.toml", "roadmap = \"plan/roadmap.md\"\n");
    git(site.path(), &["init", "-q", "-b", "main"], "2025-01-01");
    commit(&site, "old.md", ["✅", "❌", "❌", "❌"], "2025-01-01");
    std::fs::create_dir_all(site.path().join("plan")).unwrap();
    git(
        site.path(),
        &["mv", "old.md", "plan/roadmap.md"],
        "2025-01-05",
    );
    git(site.path(), &["commit", "-q", "-m", "move"], "2025-01-05");
    commit(
        &site,
        "plan/roadmap.md",
        ["✅", "✅", "❌", "❌"],
        "2025-01-07",
    );
    site.build();
    let progress = site.progress();
    let dates: Vec<&str> = progress["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-01-01", "2025-01-07"]);
    // Beta was seen to do under the old name: its day is known across the move.
    assert_eq!(task(&progress, "beta")["completed"], "2025-01-07");
    // Alpha was done in the first commit: no day, only "before" it.
    assert!(task(&progress, "alpha")["completed"].is_null());
    assert_eq!(task(&progress, "alpha")["completed_before"], "2025-01-01");
}

#[test]
fn without_git_the_site_builds_without_history_and_says_so_only_when_asked() {
    let site = TestSite::new().file("content/roadmap.md", roadmap(["✅", "❌", "❌", "❌"]));
    let run = site.build();
    assert!(!run.stderr.contains("history"), "{}", run.stderr);
    let verbose = site.run(&["build", "-v"]);
    assert!(
        verbose.stderr.contains("not in a git repository"),
        "{}",
        verbose.stderr
    );
    assert!(site.progress().get("history").is_none());
    assert!(
        !site
            .read("public/index.html")
            .contains("Progress over time")
    );
    assert!(
        !site
            .path()
            .join(".roadmap-site-cache/history.json")
            .exists()
    );
}

#[test]
fn a_shallow_clone_builds_without_history_and_says_why_once() {
    let origin = scripted();
    let clone = TestSite::new();
    let url = format!("file://{}", origin.path().display());
    let target = clone.path().join("c");
    git(
        clone.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &url,
            target.to_str().unwrap(),
        ],
        "2025-03-01",
    );
    let run = clone.run_in("c", &["build"]);
    let stderr = run.stderr;
    assert_eq!(run.code, 0, "{stderr}");
    assert_eq!(stderr.matches("shallow git clone").count(), 1, "{stderr}");
    let home = std::fs::read_to_string(target.join("public/index.html")).unwrap();
    assert!(!home.contains("Progress over time"));
}

#[test]
fn the_search_index_lists_every_task_with_phase_status_and_group() {
    let site = scripted();
    site.build();
    let index: serde_json::Value =
        serde_json::from_str(&site.read("public/search-index.json")).unwrap();
    assert_eq!(index["phases"], serde_json::json!(["Basics", "More"]));
    assert_eq!(
        index["tasks"][0],
        serde_json::json!(["Alpha", "alpha", 0, 0])
    );
    assert_eq!(
        index["tasks"][3],
        serde_json::json!(["Delta", "delta", 1, 2])
    );
    let home = site.read("public/index.html");
    assert!(home.contains("<form class=\"site-search\" role=\"search\" hidden data-root=\"\""));
    assert!(
        site.read("public/tasks/alpha.html")
            .contains("data-root=\"../\"")
    );
    assert!(site.path().join("public/search.js").is_file());
}
