//! The learner's prose on the site: fixtures of `tests/fixtures/prose/` (and the
//! first user's roadmap) built by the real binary, each page read for what it shows
//! and in which order.

mod common;

use common::TestSite;

fn built(fixture: &str) -> TestSite {
    let site = TestSite::fixture(fixture);
    site.build();
    site
}

/// The `<main>` element of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page closes <main>");
    &html[start..end]
}

/// Asserts that `parts` appear in `page` in this order, each once at least.
fn in_order(page: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        match page[from..].find(part) {
            Some(at) => from += at + part.len(),
            None => panic!("`{part}` missing after the parts before it in:\n{page}"),
        }
    }
}

/// The HTML of the prose blocks among a phase page's tasks.
fn tree_prose(page: &str) -> Vec<&str> {
    page.split("<li class=\"tree-prose\">")
        .skip(1)
        .map(|rest| &rest[..rest.find("</li>").unwrap_or(rest.len())])
        .collect()
}

/// The HTML of a phase page's prose: its opening paragraph (under its title), then
/// the blocks among its tasks.
fn phase_prose(page: &str) -> Vec<&str> {
    let intro = page
        .split("<div class=\"prose roadmap-prose phase-intro\">")
        .nth(1);
    let intro = intro.map(|rest| &rest[..rest.find("</div>").unwrap_or(rest.len())]);
    intro.into_iter().chain(tree_prose(page)).collect()
}

#[test]
fn the_intro_and_the_text_outside_phases_are_on_the_home_page_in_place() {
    let site = built("prose/intro-resources");
    let home = site.read("public/index.html");
    let main = main_of(&home);
    in_order(
        main,
        &[
            "<h1",
            "I want to be able to read a real compiler",
            "<li>Pace: one chapter a week</li>",
            r#"<a href="https://example.org/dragon">Dragon Book</a>"#,
            r#"id="phases""#,
            "Phase 1: Front end",
            "Phase 2: Back end",
            "Books I gave up on<a class=\"anchor\"",
            "<strong>not</strong> a phase",
        ],
    );
    // The title is the page's h1 only; the rules between phases are decoration.
    assert_eq!(main.matches("Getting into compilers").count(), 1, "{main}");
    assert!(!main.contains("<hr"), "{main}");
    assert_eq!(site.progress()["phases"].as_array().unwrap().len(), 2);
}

#[test]
fn a_phase_page_shows_paragraphs_between_tables_and_resources_where_they_stand() {
    let site = built("prose/intro-resources");
    let page = site.read("public/phases/phase-1-front-end.html");
    in_order(
        main_of(&page),
        &[
            "Start with scanning",
            ">Regular expressions</a>",
            ">Writing a lexer by hand</a>",
            "After the lexer, parsing",
            ">Recursive descent</a>",
            ">Pratt parsing</a>",
            ">Resources<",
            "<em>Crafting Interpreters</em>",
        ],
    );
    // The opening paragraph introduces the phase above the filters; the next one
    // stays among the tasks (the filters hide it with them).
    in_order(
        main_of(&page),
        &[
            "Start with scanning",
            "class=\"filter\"",
            ">Regular expressions</a>",
        ],
    );
    let among = tree_prose(&page);
    assert!(
        !among.iter().any(|p| p.contains("Start with scanning")),
        "{page}"
    );
    assert!(
        among.iter().any(|p| p.contains("After the lexer, parsing")),
        "{page}"
    );
    // A label's prose after its tasks stays in its group.
    let page = site.read("public/phases/phase-2-back-end.html");
    let group = &page[page.find("Code generation").unwrap()..];
    let group = &group[..group.find("</ul>\n</li>").unwrap()];
    in_order(
        group,
        &[">Register allocation</a>", "Reading for this group"],
    );
}

#[test]
fn no_task_is_shown_again_as_prose() {
    for fixture in [
        "prose/intro-resources",
        "prose/checklist-remarks",
        "prose/due-columns",
        "user-roadmap-original",
    ] {
        let site = built(fixture);
        let progress = site.progress();
        for phase in progress["phases"].as_array().unwrap() {
            let slug = phase["slug"].as_str().unwrap();
            let page = site.read(&format!("public/phases/{slug}.html"));
            let prose = phase_prose(&page).join("\n");
            for task in phase["tasks"].as_array().unwrap() {
                let url = task["url"].as_str().unwrap();
                let links = page.matches(&format!("href=\"../{url}\"")).count();
                assert_eq!(links, 1, "{fixture}: {url} linked {links} times");
                let title = task["title"].as_str().unwrap();
                assert!(
                    !prose.contains(title),
                    "{fixture}: task `{title}` in the prose:\n{prose}"
                );
            }
        }
    }
}

#[test]
fn prose_is_rendered_and_sanitised_as_a_note_is() {
    let text = "Use *this* & <kbd>Ctrl</kbd>, not <script>alert(1)</script> — [docs](https://example.org) `a<b`";
    let roadmap = format!("# R\n\n## P\n\n{text}\n\n- [ ] A\n");
    let site = TestSite::new()
        .file("content/roadmap.md", roadmap)
        .file("content/notes/a.md", format!("{text}\n"));
    site.build();
    let phase = site.read("public/phases/p.html");
    let prose = phase_prose(&phase);
    assert_eq!(prose.len(), 1, "{phase}");
    let task = site.read("public/tasks/a.html");
    let note = &task[task.find("<div class=\"prose\">").expect("the note's body")..];
    let paragraph = |html: &str| {
        let start = html.find("<p>").expect("a paragraph");
        html[start..start + html[start..].find("</p>").unwrap()].to_string()
    };
    assert_eq!(paragraph(prose[0]), paragraph(note));
    assert!(
        paragraph(prose[0]).contains("<code>a&lt;b</code>"),
        "{}",
        prose[0]
    );
}

#[test]
fn checklist_remarks_and_a_parent_task_counted_once() {
    let site = built("prose/checklist-remarks");
    let page = site.read("public/phases/scales.html");
    in_order(
        main_of(&page),
        &[
            "Every scale hands together",
            ">Major scales</a>",
            // The parent's own box is its chip; its count is of its three children.
            "<span class=\"group-count\">1/3</span>",
            ">C major</a>",
            ">Chromatic scale</a>",
            "keep the thumb under",
        ],
    );
    let phase = &site.progress()["phases"][0]["progress"];
    assert_eq!(
        (phase["total"].as_u64(), phase["done"].as_u64()),
        (Some(5), Some(2))
    );
    let page = site.read("public/phases/pieces.html");
    in_order(
        main_of(&page),
        &[
            ">Für Elise, first page</a>",
            "Recordings to listen to",
            "A slow recording",
        ],
    );
}

#[test]
fn the_first_users_roadmap_keeps_its_counts() {
    let site = built("user-roadmap-original");
    let progress = site.progress();
    assert_eq!(progress["phases"].as_array().unwrap().len(), 6);
    assert_eq!(progress["progress"]["total"], 76);
    assert_eq!(progress["progress"]["done"], 31);
}

#[test]
fn extra_columns_show_on_phase_pages_where_they_hold_data() {
    let site = built("prose/due-columns");
    let week1 = site.read("public/phases/week-1.html");
    in_order(
        main_of(&week1),
        &[
            ">Install the tools</a>",
            "Due:</span> 2026-01-05",
            r#"<a href="https://example.org/setup">setup guide</a>"#,
            ">First notebook</a>",
            "Due:</span> 2026-01-07",
            ">Read the syllabus</a>",
        ],
    );
    // "Read the syllabus" has no due date and no resource: nothing follows its link.
    let syllabus = &week1[week1.find(">Read the syllabus</a>").unwrap()..];
    assert!(
        syllabus[..syllabus.find("</li>").unwrap()]
            .find("Due")
            .is_none()
    );
    // Week 2's extra columns are empty for every task: not shown at all.
    let week2 = site.read("public/phases/week-2.html");
    assert!(!main_of(&week2).contains("task-attributes"), "{week2}");
}

#[test]
fn a_task_page_without_notes_shows_its_context() {
    let site = built("prose/intro-resources");
    let page = site.read("public/tasks/pratt-parsing.html");
    in_order(
        main_of(&page),
        &[
            "<h1>Pratt parsing</h1>",
            "In the roadmap",
            ">Phase 1: Front end</a>",
            "1 of 4 done",
            "Start with scanning",
            "<em>Crafting Interpreters</em>",
            "Previous task",
            // With its status, as the lists and the context showed it.
            "<span class=\"mark mark-todo\" title=\"To do\">",
            "Recursive descent</span></a>",
        ],
    );
    // The task right before it is the page's previous task, not also a "Before:"
    // in its context (it was the same link twice, one above the other).
    assert!(!main_of(&page).contains("Before:"), "{page}");
    let page = site.read("public/tasks/stack-machines.html");
    in_order(
        main_of(&page),
        &[
            "Group",
            "Code generation",
            "0 of 2 done",
            "Reading for this group",
            "Next task",
            "Register allocation</span></a>",
        ],
    );
    assert!(!main_of(&page).contains("After:"), "{page}");
    // A parent task: its subtasks counted, its neighbour in its list.
    let site = built("prose/checklist-remarks");
    let page = site.read("public/tasks/major-scales.html");
    in_order(
        main_of(&page),
        &["Subtasks", "1 of 3 done", "After:", ">Chromatic scale</a>"],
    );
}
