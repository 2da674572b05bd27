//! What a newcomer sees when the site cannot be found or is set up wrong (issue 17,
//! points 7, 9 and the command-line part of 16): each message as a snapshot, with the
//! exit code.

mod common;

use common::TestSite;

/// Runs each command line in `dir` of the site and joins the outcomes.
fn outcomes(site: &TestSite, dir: &str, commands: &[&[&str]]) -> String {
    commands
        .iter()
        .map(|args| site.outcome(args, &site.run_in(dir, args)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// serve's output without what changes from run to run: the port (port 0 is a
/// different free port each time) and the time a build took.
fn without_port(text: &str) -> String {
    let mut text = text.to_string();
    for (before, after) in [("127.0.0.1:", "/"), ("Build failed in ", " ms")] {
        if let Some(i) = text.find(before) {
            let start = i + before.len();
            let digits = text[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            if text[start + digits..].starts_with(after) {
                text.replace_range(start..start + digits, "[N]");
            }
        }
    }
    text
}

#[test]
fn an_empty_folder_has_no_roadmap() {
    let site = TestSite::new();
    let text = outcomes(&site, ".", &[&["build"], &["check"], &["status"]]);
    insta::assert_snapshot!(text);
}

#[test]
fn inside_content_the_site_above_is_found() {
    let site = TestSite::fixture("small-site").file("roadmap.toml", "title = \"Mine\"\n");
    let text = outcomes(&site, "content", &[&["status"], &["explain"]]);
    insta::assert_snapshot!(text);
}

#[test]
fn inside_content_a_site_without_roadmap_toml_is_found_too() {
    let site = TestSite::fixture("small-site").file("content/notes/a.md", "A note.\n");
    let mut text = outcomes(&site, "content", &[&["status"]]);
    text.push('\n');
    text.push_str(&outcomes(&site, "content/notes", &[&["status"]]));
    insta::assert_snapshot!(text);
}

#[test]
fn build_and_serve_refuse_a_site_folder_that_is_missing_or_empty() {
    let site = TestSite::new().file("empty/.keep", "");
    let mut text = outcomes(
        &site,
        ".",
        &[
            &["build", "--root", "no/such"],
            &["build", "--root", "empty"],
        ],
    );
    // serve must not start serving an empty site.
    for args in [
        ["serve", "--port", "0", "--root", "no/such"],
        ["serve", "--port", "0", "--root", "empty"],
    ] {
        text.push('\n');
        text.push_str(&without_port(&site.outcome(&args, &site.run_for(5, &args))));
    }
    insta::assert_snapshot!(text);
}

#[test]
fn a_roadmap_setting_that_names_no_file_is_an_error_suggesting_the_file_there() {
    let site = TestSite::fixture("small-site").file(
        "roadmap.toml",
        "title = \"Mine\"\nroadmap = \"content/roadmapp.md\"\n",
    );
    insta::assert_snapshot!(outcomes(&site, ".", &[&["build"]]));
}

#[test]
fn a_base_url_without_a_scheme_is_refused_in_the_file_and_as_a_flag() {
    let site = TestSite::fixture("small-site").file(
        "roadmap.toml",
        "title = \"Mine\"\nbase_url = \"me.github.io/rust\"\n",
    );
    let mut text = outcomes(&site, ".", &[&["build"]]);
    if site.path().join("public/sitemap.xml").is_file() {
        let sitemap = site.read("public/sitemap.xml");
        text.push_str(&format!("--- public/sitemap.xml\n{}\n", &sitemap[..300]));
    }
    std::fs::remove_file(site.path().join("roadmap.toml")).unwrap();
    text.push('\n');
    text.push_str(&outcomes(
        &site,
        ".",
        &[&["build", "--base-url", "me.github.io/rust"]],
    ));
    insta::assert_snapshot!(text);
}

#[test]
fn every_command_takes_the_site_folder_as_an_argument_given_once() {
    let site = TestSite::fixture("small-site");
    std::fs::create_dir(site.path().join("other")).unwrap();
    let mut text = outcomes(
        &site,
        "other",
        &[
            &["build", ".."],
            &["check", ".."],
            &["status", ".."],
            &["explain", ".."],
            &["build", "..", "--root", ".."],
            &["build", "..", "--root", "."],
        ],
    );
    let built = site.path().join("public/index.html").is_file();
    text.push_str(&format!("--- built into the site folder given: {built}\n"));
    insta::assert_snapshot!(text);
}
