//! Every command of the binary: help, exit codes, output, and the output-folder rules.

mod common;

use common::TestSite;

#[test]
fn every_command_prints_its_help_and_exits_0() {
    let site = TestSite::new();
    let mut all = String::new();
    for args in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["build", "--help"],
        vec!["serve", "--help"],
        vec!["check", "--help"],
        vec!["status", "--help"],
        vec!["explain", "--help"],
        vec!["new", "--help"],
        vec!["new", "note", "--help"],
        vec!["fix-encoding", "--help"],
        vec!["completions", "--help"],
    ] {
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        all.push_str(&format!(
            "$ roadmap-site {}\n{}\n",
            args.join(" "),
            run.stdout
        ));
    }
    insta::assert_snapshot!(all);
}

#[test]
fn status_shows_phases_overall_line_and_next_tasks() {
    let site = TestSite::fixture("small-site");
    let run = site.run(&["status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no colour when not a terminal"
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn status_of_the_users_roadmap_has_the_overall_line() {
    let site = TestSite::fixture("user-roadmap-original");
    let run = site.run(&["status"]);
    assert!(run.stdout.contains("31/76 done (40.8%)"), "{}", run.stdout);
}

#[test]
fn status_json_prints_the_progress_json_a_build_writes() {
    let site = TestSite::fixture("small-site");
    let json = site.run(&["status", "--json"]);
    site.build();
    assert_eq!(json.stdout, site.read("public/progress.json"));
}

#[test]
fn colour_follows_clicolor_force_and_no_color() {
    let site = TestSite::fixture("unknown-status");
    let forced = site
        .command(".", &["check"])
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&forced.stderr).contains("\u{1b}["),
        "CLICOLOR_FORCE=1 colours"
    );
    let plain = site.run(&["check"]);
    assert!(!plain.stderr.contains('\u{1b}'), "{}", plain.stderr);
}

#[test]
fn quiet_prints_only_errors_and_verbose_more() {
    let site = TestSite::fixture("unknown-status");
    let quiet = site.run(&["build", "-q"]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    let verbose = site.run(&["build", "--verbose"]);
    // The same site again: every file is as the quiet build wrote it.
    assert!(
        verbose.stderr.contains(": 0 new or changed, ")
            && verbose.stderr.contains("kept 0 of your files"),
        "{}",
        verbose.stderr
    );
}

#[test]
fn build_ends_by_counting_phases_tasks_and_notes() {
    let site = TestSite::fixture("notes");
    let run = site.build();
    let last = run.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("Built 2 phases, 4 tasks, 5 notes → public/ in "),
        "{last}"
    );
}

#[test]
fn build_base_url_flag_overrides_the_config() {
    let site = TestSite::fixture("small-site");
    let run = site.run(&["build", "--base-url", "https://me.example/learn"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.read("public/sitemap.xml")
            .contains("https://me.example/learn/tasks/ownership.html")
    );
}

/// `--base-url` and `base_url` in roadmap.toml are one setting: trailing slashes and
/// surrounding spaces are dropped alike, so both write the same pages.
#[test]
fn a_base_url_from_the_flag_or_the_file_is_normalised_alike() {
    for written in [" https://me.example/learn ", "https://me.example/learn//"] {
        let by_flag = TestSite::fixture("small-site");
        let run = by_flag.run(&["build", "--base-url", written]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let by_file = TestSite::fixture("small-site")
            .file("roadmap.toml", format!("base_url = \"{written}\"\n"));
        by_file.build();
        let sitemap = by_flag.read("public/sitemap.xml");
        assert!(
            sitemap.contains("<loc>https://me.example/learn/tasks/ownership.html</loc>"),
            "{written:?}: {sitemap}"
        );
        assert_eq!(sitemap, by_file.read("public/sitemap.xml"), "{written:?}");
        assert_eq!(
            by_flag.read("public/index.html"),
            by_file.read("public/index.html"),
            "{written:?}"
        );
    }
}

#[test]
fn check_writes_nothing_and_summarises() {
    let site = TestSite::fixture("small-site");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.path().join("public").exists());
    let summary = site.redact(&run.stderr);
    assert!(
        summary.starts_with("Checked 2 phases, 5 tasks, 0 notes, 11 pages and "),
        "{summary}"
    );
    assert!(summary.contains(": no problems in [TIME]"), "{summary}");
}

#[test]
fn check_finds_broken_anchors_in_notes_and_strict_fails_on_warnings() {
    let site = TestSite::fixture("small-site").file(
        "content/notes/ownership.md",
        "## Borrowing\n\nSee [above](#borowing) and [moves](#borrowing).\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/notes/ownership.md:3:5: warning: link `#borowing` points to `#borowing`, which is not on tasks/ownership.html"),
        "reported at the note's line: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `#borrowing`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 warning in"), "{}", run.stderr);
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("error: link `#borowing`"),
        "{}",
        strict.stderr
    );
}

#[test]
fn new_note_creates_the_file_and_never_overwrites() {
    let site = TestSite::fixture("small-site");
    let run = site.run(&["new", "note", "owner"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let note = site.read("content/notes/ownership.md");
    assert!(
        note.starts_with("+++\ntask = \"Ownership\"\ntitle = \"Ownership\"\n"),
        "{note}"
    );
    // No dates set (they would replace the task's history), and untouched it is not
    // published: no empty headings on the task page.
    assert!(note.contains("\n# started = YYYY-MM-DD\n"), "{note}");
    assert!(run.stderr.contains("published once you write in it"));
    site.build();
    assert!(
        !site
            .read("public/tasks/ownership.html")
            .contains("What I learned")
    );

    let again = site.run(&["new", "note", "Ownership"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("content/notes/ownership.md already exists; not overwriting it"),
        "{}",
        again.stderr
    );
    assert_eq!(site.read("content/notes/ownership.md"), note);

    let unknown = site.run(&["new", "note", "Ownershp"]);
    assert_eq!(unknown.code, 2, "a task not found is a usage error");
    assert!(
        unknown.stderr.contains("no task named `Ownershp`")
            && unknown.stderr.contains("did you mean `Ownership`?"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn init_scaffolds_a_site_that_builds_and_never_overwrites() {
    let site = TestSite::new().file("mine/.gitignore", "keep me\n");
    let run = site.run(&["init", "mine"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Skipped (already there, left as they were): .gitignore"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("mine/.gitignore"), "keep me\n");
    let built = site.run(&["build", "--root", "mine"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        !built.stderr.contains("warning"),
        "the example builds cleanly: {}",
        built.stderr
    );
    let progress: serde_json::Value =
        serde_json::from_str(&site.read("mine/public/progress.json")).unwrap();
    let statuses: std::collections::BTreeSet<&str> = progress["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            p["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["status"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        ["done", "in_progress", "skipped", "todo"]
    );
    assert!(
        site.read("mine/public/tasks/linear-algebra.html")
            .contains("<math"),
        "the example note is linked"
    );

    let again = site.run(&["init", "mine"]);
    assert!(again.stderr.contains("Created 0 files"), "{}", again.stderr);
}

/// Before: the roadmap.toml that `init` writes said nothing of `language`, so a
/// newcomer writing in Chinese or Arabic had to find it in the docs.
#[test]
fn init_roadmap_toml_offers_the_language_setting() {
    let site = TestSite::new();
    assert_eq!(site.run(&["init"]).code, 0);
    let toml = site.read("roadmap.toml");
    assert!(toml.contains("\n# language = \"en\"\n"), "{toml}");
    // The line, uncommented and changed, is a working setting.
    std::fs::write(
        site.path().join("roadmap.toml"),
        toml.replace("# language = \"en\"", "language = \"ar\""),
    )
    .unwrap();
    site.build();
    assert!(
        site.read("public/index.html")
            .contains("<html lang=\"ar\" dir=\"rtl\">")
    );
}

#[test]
fn init_theme_copies_the_built_in_theme_for_editing() {
    let site = TestSite::new();
    assert_eq!(site.run(&["init", "--theme"]).code, 0);
    assert!(
        site.read("roadmap.toml")
            .contains("\ntheme = \"default-custom\"")
    );
    std::fs::write(
        site.path().join("themes/default-custom/static/style.css"),
        "body{}",
    )
    .unwrap();
    site.build();
    assert_eq!(site.read("public/style.css"), "body{}");
}

#[test]
fn completions_prints_a_bash_script_and_refuses_an_unknown_shell() {
    let run = TestSite::new().run(&["completions", "bash"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("_roadmap__site()"),
        "{}",
        &run.stdout[..200.min(run.stdout.len())]
    );
    assert_eq!(TestSite::new().run(&["completions", "tcsh-ish"]).code, 2);
}

#[test]
fn output_folders_that_hold_the_users_work_are_refused() {
    let site = TestSite::fixture("small-site");
    for output in [".", "content", "content/public", "themes", ".."] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 2, "{output}: {}", run.stderr);
        assert!(
            run.stderr.contains("refusing to use"),
            "{output}: {}",
            run.stderr
        );
    }
    assert!(site.path().join("content/roadmap.md").is_file());
}

/// `roadmap-site explain | head -c1`: the reader is gone before the output is
/// written; the command ends quietly with 0, and so does `completions` (which once
/// panicked there).
#[test]
fn a_closed_output_pipe_is_a_quiet_success() {
    let site = TestSite::fixture("small-site");
    for args in [
        vec!["explain"],
        vec!["status", "--json"],
        vec!["completions", "bash"],
    ] {
        // A pipe whose reading end is closed before the command starts: every write
        // to it fails with a broken pipe, whatever the timing.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = site.command(".", &args).stdout(writer).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("error") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
}

/// Two tasks with one title: `new note` names both with their phase and slug, and the
/// note made for one names it by its slug, so it lands on that task's page.
#[test]
fn new_note_tells_tasks_sharing_a_title_apart_by_phase() {
    let site = TestSite::new().file(
        "content/roadmap.md",
        "# Plan\n\n## Vision\n\n- [x] Image Classification\n\n## Deep Learning\n\n- [ ] Image Classification\n",
    );
    let run = site.run(&["new", "note", "Image Classification"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`Image Classification` in Vision (image-classification-vision)")
            && run.stderr.contains(
                "`Image Classification` in Deep Learning (image-classification-deep-learning)"
            ),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "note", "image-classification-deep-learning"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = site
        .path()
        .join("content/notes/image-classification-deep-learning.md");
    let stub = std::fs::read_to_string(&path).unwrap();
    assert!(
        stub.contains("task = \"image-classification-deep-learning\""),
        "{stub}"
    );
    std::fs::write(&path, format!("{stub}\nConvolutions first.\n")).unwrap();
    site.build();
    assert!(
        site.read("public/tasks/image-classification-deep-learning.html")
            .contains("Convolutions first.")
    );
    assert!(
        !site
            .read("public/tasks/image-classification-vision.html")
            .contains("Convolutions first.")
    );
}

/// `init` in a folder that already holds a site adds no example content (a deleted
/// example note stays deleted), and `init --theme` there says how to select the copied
/// theme, since it never edits an existing roadmap.toml.
#[test]
fn init_on_an_existing_site_adds_no_example_and_says_how_to_select_the_theme() {
    let site = TestSite::new();
    assert_eq!(site.run(&["init"]).code, 0);
    std::fs::remove_file(site.path().join("content/notes/linear-algebra.md")).unwrap();
    let run = site.run(&["init", "--theme"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !site.path().join("content/notes/linear-algebra.md").exists(),
        "the note came back"
    );
    assert!(site.path().join("themes/default-custom/templates").is_dir());
    assert!(
        run.stderr
            .contains("add `theme = \"default-custom\"` to it"),
        "{}",
        run.stderr
    );
    std::fs::write(
        site.path().join("roadmap.toml"),
        "theme = \"default-custom\"\n",
    )
    .unwrap();
    let again = site.run(&["init", "--theme"]);
    assert!(
        !again.stderr.contains("is not selected"),
        "{}",
        again.stderr
    );
}

/// A roadmap.toml alone is not a site yet: `init` adds the example roadmap, so that
/// the `serve` it suggests next works.
#[test]
fn init_next_to_a_lone_roadmap_toml_adds_the_example_so_serve_works() {
    let site = TestSite::new().file("roadmap.toml", "title = \"Mine\"\n");
    let run = site.run(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.path().join("content/roadmap.md").exists(),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("already holds a roadmap"),
        "{}",
        run.stderr
    );
    site.build();
}
