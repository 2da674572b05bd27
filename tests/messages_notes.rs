//! Problems in notes, each said once at its position, all of a note's in one run
//! (issue 17, point 12): `check`'s whole output as a snapshot.

mod common;

use common::TestSite;

/// `check` on the notes fixture with one more note (and without the two notes that
/// warn on their own).
fn check_with_note(name: &str, text: &str) -> String {
    let site = TestSite::fixture("notes")
        .without("content/notes/orphan.md")
        .without("content/notes/py.md")
        .file(&format!("content/notes/{name}"), text);
    let args = ["check"];
    site.outcome(&args, &site.run(&args))
}

#[test]
fn an_unclosed_toml_front_matter_is_reported_at_its_line() {
    insta::assert_snapshot!(check_with_note(
        "unclosed.md",
        "+++\ntask = \"Docker\"\ntitle = \"Containers\"\n\nImages and layers.\n",
    ));
}

#[test]
fn a_yaml_error_has_one_position() {
    insta::assert_snapshot!(check_with_note(
        "yaml.md",
        "---\ntask: Docker\ntitle: [unclosed\n---\nBody.\n",
    ));
}

#[test]
fn every_problem_of_a_note_is_reported_in_one_run() {
    insta::assert_snapshot!(check_with_note(
        "many.md",
        "+++\ntask = \"Docker\"\ntitel = \"Containers\"\ncompleted = 2025-13-45\n\
         tags = \"one\"\n+++\n\nSize $\\sqrt{x$ and $\\notacommand$.\n",
    ));
}

#[test]
fn every_problem_of_a_yaml_note_is_reported_in_one_run() {
    insta::assert_snapshot!(check_with_note(
        "yaml-many.md",
        "---\ntask: Docker\nsumary: x\ntags: {a: 1}\nstarted: 2025-02-30\n---\n\n$\\notacommand$\n",
    ));
}

#[test]
fn a_wiki_link_typo_gets_a_suggestion() {
    insta::assert_snapshot!(check_with_note(
        "wiki.md",
        "+++\ntask = \"Docker\"\n+++\n\nSee [[Pyhton Classes]] and [[Linear Algebra]].\n",
    ));
}

#[test]
fn inline_math_with_unbalanced_braces_is_a_warning_at_its_position() {
    insta::assert_snapshot!(check_with_note(
        "math.md",
        "+++\ntask = \"Docker\"\n+++\n\nA fraction $\\frac{1}{$ here, money $5 and $10 there.\n\n\
         $$\\frac{a$$\n\nFine: $\\frac{1}{2}$.\n",
    ));
}

/// Tasks whose titles are alike: two named `Limits`, two `Docker` but for case, two
/// `Ärger` but for case, and `Linear algebra` that starts with `Li` as `Limits` does.
fn alike_titles() -> common::TestSite {
    TestSite::new().file(
        "content/roadmap.md",
        "# Plan\n\n## One\n\n| Task | Status |\n|---|---|\n| Linear algebra | ❌ |\n\
         | Limits | ❌ |\n| Docker | ❌ |\n| Ärger | ❌ |\n\n## Two\n\n| Task | Status |\n\
         |---|---|\n| Limits | ❌ |\n| docker | ❌ |\n| ärger | ❌ |\n",
    )
}

/// A note's `task` and a wiki link follow one rule: a title several tasks share (in
/// any case, in any script) leads to the first, with a warning naming them all; the
/// start of several titles leads nowhere, with a warning listing them.
#[test]
fn names_that_match_several_tasks_in_front_matter_and_wiki_links() {
    let site = alike_titles()
        .file(
            "content/notes/ascii.md",
            "+++\ntask = \"dOCKER\"\n+++\n\nSee [[Li]], [[limits]] and [[docker-two]].\n",
        )
        .file(
            "content/notes/umlaut.md",
            "+++\ntask = \"äRGER\"\n+++\n\nBody.\n",
        )
        .file(
            "content/notes/prefix.md",
            "+++\ntask = \"li\"\n+++\n\nBody.\n",
        );
    let args = ["check"];
    insta::assert_snapshot!(site.outcome(&args, &site.run(&args)));
}
