//! `check`, `check --strict`, `new note` and counted words (issue 17, point 13): each
//! message as a snapshot, with the exit code.

mod common;

use common::TestSite;

fn site_with_broken_links() -> TestSite {
    TestSite::fixture("notes")
        .without("content/notes/orphan.md")
        .without("content/notes/py.md")
        .file(
        "content/notes/docker.md",
        "+++\ntask = \"Docker\"\n+++\n\nSee [the missing page](missing.md) and ![a figure](img/none.png).\n",
    )
}

#[test]
fn a_broken_link_in_a_note_is_reported_once_at_the_note() {
    let site = site_with_broken_links();
    let args = ["check"];
    insta::assert_snapshot!(site.outcome(&args, &site.run(&args)));
}

#[test]
fn check_strict_says_the_same_in_the_same_order() {
    let site = site_with_broken_links();
    let plain = ["check"];
    let strict = ["check", "--strict"];
    let text = format!(
        "{}\n{}",
        site.outcome(&plain, &site.run(&plain)),
        site.outcome(&strict, &site.run(&strict))
    );
    insta::assert_snapshot!(text);
}

#[test]
fn new_note_for_a_task_not_found_is_a_usage_error() {
    let site = TestSite::fixture("notes");
    let text = [
        vec!["new", "note", "Dokcer"],
        vec!["new", "note", "zzz"],
        vec!["new", "note", "Linear Algebra"],
    ]
    .iter()
    .map(|args| site.outcome(args, &site.run(args)))
    .collect::<Vec<_>>()
    .join("\n");
    insta::assert_snapshot!(text);
}

#[test]
fn counts_are_said_with_proper_plurals() {
    let site = TestSite::new();
    let mut text = String::new();
    for args in [vec!["init", "mine"], vec!["init", "mine"]] {
        text.push_str(&site.outcome(&args, &site.run(&args)));
        text.push('\n');
    }
    // One error: "1 error", not "1 error(s)".
    let site = TestSite::fixture("small-site").file("roadmap.toml", "titel = \"x\"\n");
    let args = ["build"];
    text.push_str(&site.outcome(&args, &site.run(&args)));
    text.push('\n');
    // A file of the user's where the build would write one.
    let site = TestSite::fixture("small-site").file("public/index.html", "mine");
    text.push_str(&site.outcome(&args, &site.run(&args)));
    insta::assert_snapshot!(text);
}

#[test]
fn a_missing_anchor_in_a_note_is_reported_at_the_note() {
    let site = TestSite::fixture("notes")
        .without("content/notes/orphan.md")
        .without("content/notes/py.md")
        .file(
            "content/notes/docker.md",
            "+++\ntask = \"Docker\"\n+++\n\n## Images\n\nSee [images](#imgaes) and [the maths](calc-1.md#nope).\n",
        );
    let args = ["check"];
    insta::assert_snapshot!(site.outcome(&args, &site.run(&args)));
}
