//! Task notes: linking, rendering, status overrides, tags, unlinked notes, assets.

mod common;

use common::TestSite;

fn built() -> (TestSite, String) {
    let site = TestSite::fixture("notes");
    let run = site.build();
    (site, run.stderr)
}

#[test]
fn a_note_linked_by_file_name_renders_math_code_tables_and_links() {
    let (site, _) = built();
    let page = site.read("public/tasks/linear-algebra.html");
    assert!(
        page.contains("<h3 id=\"eigenvectors\">Eigenvectors"),
        "heading id"
    );
    assert!(
        page.matches("<math").count() >= 3,
        "inline, display and table math"
    );
    assert!(
        page.contains("<pre class=\"code\" data-lang=\"python\">")
            && page.contains("<span class=\"hl-keyword"),
        "highlighted code"
    );
    assert!(page.contains("<td>1, 1</td>"), "table");
    assert!(
        page.contains("aria-label=\"Done\">☑</span> Solve a 2×2 example"),
        "task list"
    );
    assert!(
        page.contains("<a href=\"../tasks/calculus.html\">Calculus</a>"),
        "wiki link"
    );
    assert!(
        page.contains("<img src=\"../notes/img/diagram.svg\" alt=\"the diagram\""),
        "image"
    );
    assert!(
        site.path().join("public/notes/img/diagram.svg").is_file(),
        "image copied"
    );
}

#[test]
fn two_notes_for_one_task_are_shown_in_file_name_order_with_their_front_matter() {
    let (site, _) = built();
    let page = site.read("public/tasks/calculus.html");
    let first = page.find(">Derivatives</h2>").expect("first note");
    let second = page
        .find(">Integrals</h2>")
        .expect("second note (YAML front matter)");
    assert!(first < second);
    assert!(page.contains("Started <time datetime=\"2025-01-02\">2 January 2025</time> · Completed <time datetime=\"2025-01-20\">"));
    assert!(
        page.contains("<a href=\"https://www.khanacademy.org/math/calculus-1\">Khan Academy</a>")
    );
    assert!(page.contains("<a href=\"../tags/calculus.html\">#Calculus</a>"));
}

#[test]
fn a_status_in_front_matter_overrides_the_roadmap_with_a_warning() {
    let (site, stderr) = built();
    assert!(
        stderr.contains("content/notes/py.md:3:1: warning: the note says done but the roadmap says to do; the note wins"),
        "{stderr}"
    );
    let progress = site.progress();
    assert_eq!(progress["phases"][1]["tasks"][0]["status"], "done");
    assert_eq!(progress["progress"]["done"], 3);
}

#[test]
fn an_unlinked_note_is_a_warning_with_a_suggestion_and_still_published() {
    let (site, stderr) = built();
    assert!(
        stderr.contains("content/notes/orphan.md:2:1: warning: no task named `Dockr`; the note is published under \"Unlinked notes\""),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `Docker`?"), "{stderr}");
    let page = site.read("public/notes/containers.html");
    assert!(
        page.contains("<h1 class=\"note-title\" id=\"note-containers-title\">Containers</h1>"),
        "{page}"
    );
    let home = site.read("public/index.html");
    assert!(home.contains("<h2 id=\"unlinked-notes\">Unlinked notes</h2>"));
    assert!(home.contains("<a href=\"notes/containers.html\">Containers</a>"));
}

#[test]
fn tags_get_pages_and_tasks_with_notes_are_marked() {
    let (site, _) = built();
    let tag = site.read("public/tags/math.html");
    assert!(
        tag.contains("href=\"../tasks/calculus.html\">Calculus</a>"),
        "{tag}"
    );
    assert!(
        site.read("public/tags/ops.html")
            .contains("href=\"../notes/containers.html\">Containers</a>")
    );
    assert!(site.read("public/tags/index.html").contains("#math"));
    let phase = site.read("public/phases/maths.html");
    assert_eq!(phase.matches("(has notes)").count(), 2, "{phase}");
}

/// "Recently noted" on the home page: the notes with a date (completed, else started)
/// newest first, then the undated ones in file order; five at most.
#[test]
fn recently_noted_lists_dated_notes_newest_first_then_undated_ones_five_at_most() {
    let note = |title: &str, dates: &str| {
        format!("+++\ntask = \"Docker\"\ntitle = \"{title}\"\n{dates}+++\nText.\n")
    };
    let site = TestSite::fixture("notes")
        .without("content/notes/calc-1.md")
        .without("content/notes/calc-2.md")
        .without("content/notes/linear-algebra.md")
        .without("content/notes/orphan.md")
        .without("content/notes/py.md")
        .file("content/notes/a.md", note("Undated A", ""))
        .file(
            "content/notes/b.md",
            note("Started in March", "started = 2025-03-01\n"),
        )
        .file(
            "content/notes/c.md",
            note(
                "Done in May",
                "started = 2025-01-01\ncompleted = 2025-05-01\n",
            ),
        )
        .file("content/notes/d.md", note("Undated D", ""))
        .file("content/notes/e.md", note("Undated E", ""))
        .file(
            "content/notes/f.md",
            note("Done in January", "completed = 2025-01-15\n"),
        );
    site.build();
    let home = site.read("public/index.html");
    let start = home
        .find("Recently noted")
        .expect("a Recently noted section");
    let list = &home[start..];
    let list = &list[..list.find("</ul>").expect("a list")];
    // Each link's text: what comes before a `</a>` after the last `>`.
    let links: Vec<&str> = list.split("</a>").collect();
    let titles: Vec<&str> = links[..links.len() - 1]
        .iter()
        .map(|link| &link[link.rfind('>').unwrap() + 1..])
        .collect();
    assert_eq!(
        titles,
        [
            "Done in May",
            "Started in March",
            "Done in January",
            "Undated A",
            "Undated D"
        ],
        "{list}"
    );
}

#[test]
fn a_broken_front_matter_is_an_error_naming_the_key() {
    let site = TestSite::fixture("notes").file(
        "content/notes/bad.md",
        "+++\ntask = \"Docker\"\ntgas = [\"x\"]\n+++\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let stderr = site.redact(&run.stderr);
    let block = stderr
        .split("\n\n")
        .find(|b| b.contains("bad.md"))
        .expect("a diagnostic for bad.md");
    insta::assert_snapshot!(block);
}

#[test]
fn a_task_page_shows_each_note_with_its_dates_tags_resources_and_source() {
    let (site, _) = built();
    let page = site.read("public/tasks/calculus.html");
    let main = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
    insta::assert_snapshot!(main);
}

#[test]
fn a_tag_named_index_does_not_take_the_place_of_the_page_of_all_tags() {
    let site = TestSite::fixture("notes").file(
        "content/notes/indexing.md",
        "+++\ntitle = \"Indexing\"\ntags = [\"Index\"]\n+++\nB-trees.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = site.read("public/tags/index.html");
    assert!(
        all.contains("#math") && all.contains("index-tag.html"),
        "{all}"
    );
    let tag = site.read("public/tags/index-tag.html");
    assert!(tag.contains("Indexing"), "{tag}");
}

/// A note kept elsewhere and linked in is read like a file of the folder; a link to a
/// folder or to nothing is a warning naming it (they were skipped without a word).
#[cfg(unix)]
#[test]
fn linked_notes_are_read_and_links_that_lead_nowhere_are_warned_about() {
    let site = TestSite::fixture("notes")
        .file(
            "elsewhere/docker.md",
            "+++\ntask = \"Docker\"\n+++\nKept outside.\n",
        )
        .file("elsewhere/folder/x.md", "x\n");
    let notes = site.path().join("content/notes");
    let link = |target: &str, name: &str| {
        std::os::unix::fs::symlink(site.path().join(target), notes.join(name)).unwrap();
    };
    link("elsewhere/docker.md", "linked.md");
    link("elsewhere/folder", "folder");
    link("elsewhere/missing.md", "dangling.md");
    let run = site.build();
    assert!(
        site.read("public/tasks/docker.html")
            .contains("Kept outside.")
    );
    assert!(
        run.stderr
            .contains("content/notes/folder: warning: this link to a folder is not followed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/notes/dangling.md: warning: this link leads nowhere"),
        "{}",
        run.stderr
    );
}

/// A named pipe among the notes is a warning naming it (it was skipped without a
/// word), beside the other notes' problems.
#[cfg(unix)]
#[test]
fn a_named_pipe_among_the_notes_is_a_warning_beside_the_other_problems() {
    let site = TestSite::fixture("notes").file(
        "content/notes/bad.md",
        "+++\ntask = \"Docker\"\ntgas = [\"x\"]\n+++\n",
    );
    site.fifo("content/notes/pipe.md");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/notes/pipe.md: warning: this is not a file but a named pipe"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("bad.md:3:1"), "{}", run.stderr);
}

/// A title several tasks share links the first of them, whatever its letter case and
/// script, from a note's `task` and from a wiki link; a start of several titles links
/// none (the warnings: tests/messages_notes.rs).
#[test]
fn a_shared_title_links_the_first_task_and_a_shared_start_links_none() {
    let site = TestSite::new()
        .file(
            "content/roadmap.md",
            "# Plan\n\n## One\n\n| Task | Status |\n|---|---|\n| Linear algebra | ❌ |\n\
             | Limits | ❌ |\n| Docker | ❌ |\n| Ärger | ❌ |\n\n## Two\n\n| Task | Status |\n\
             |---|---|\n| Limits | ❌ |\n| docker | ❌ |\n| ärger | ❌ |\n",
        )
        .file(
            "content/notes/ascii.md",
            "+++\ntask = \"dOCKER\"\n+++\n\nSee [[Li]], [[limits]] and [[äRGER|trouble]].\n",
        )
        .file(
            "content/notes/umlaut.md",
            "+++\ntask = \"äRGER\"\n+++\n\nUmlaut body.\n",
        )
        .file(
            "content/notes/prefix.md",
            "+++\ntask = \"li\"\n+++\n\nPrefix body.\n",
        );
    site.build();
    let docker = site.read("public/tasks/docker-one.html");
    assert!(
        docker.contains("See Li, <a href=\"../tasks/limits-one.html\">limits</a>"),
        "{docker}"
    );
    // Percent-encoded by the Markdown renderer.
    assert!(
        docker.contains("<a href=\"../tasks/%C3%A4rger-one.html\">trouble</a>"),
        "{docker}"
    );
    let first = site.read("public/tasks/ärger-one.html");
    assert!(first.contains("Umlaut body."), "{first}");
    let second = site.read("public/tasks/ärger-two.html");
    assert!(!second.contains("Umlaut body."), "{second}");
    let home = site.read("public/index.html");
    assert!(
        home.contains("Unlinked notes"),
        "the note `task = \"li\"` is unlinked"
    );
}
