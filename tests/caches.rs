//! What a command writes besides the site: the caches in `.roadmap-site-cache/`,
//! which only `build` and `serve` save, and what becomes of a cache that cannot be
//! saved; the stage timings of `-v`.

mod common;

use common::TestSite;

const CACHE: &str = ".roadmap-site-cache";

#[test]
fn commands_that_publish_nothing_write_nothing() {
    // Notes with code blocks, in git: rendering them would highlight code and save
    // the code cache, reading the history would save the history cache.
    let site = TestSite::fixture("notes");
    common::git::git(site.path(), &["init", "-q", "-b", "main"], "2025-01-01");
    common::git::git(site.path(), &["add", "-A"], "2025-01-01");
    common::git::git(site.path(), &["commit", "-q", "-m", "start"], "2025-01-01");
    let before = site.files("");
    assert!(before.iter().any(|f| f.ends_with(".md")), "{before:?}");
    let commands: [&[&str]; 5] = [
        &["status"],
        &["status", "--json"],
        &["explain"],
        &["check"],
        &["check", "--strict"],
    ];
    for args in commands {
        let run = site.run(args);
        assert!(
            run.code == 0 || args[1..] == ["--strict"],
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(site.files(""), before, "{args:?} wrote a file");
    }
    // A build does write both caches: so the check above can fail.
    site.build();
    let after = site.files("");
    for cache in ["code.msgpack", "history.json"] {
        let path = format!("{CACHE}/{cache}");
        assert!(after.contains(&path), "a build writes {path}: {after:?}");
    }
}

#[test]
fn new_note_writes_its_note_and_nothing_else() {
    let site = TestSite::fixture("notes");
    let before = site.files("");
    let run = site.run(&["new", "note", "Docker"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut expected = before.clone();
    expected.push("content/notes/docker.md".to_string());
    expected.sort();
    assert_eq!(site.files(""), expected);
}

#[test]
fn caches_that_cannot_be_saved_are_warnings_and_the_build_goes_on() {
    // A file where the cache folder would be: no cache can be written there.
    let site = TestSite::fixture("notes").file(CACHE, "not a folder");
    common::git::git(site.path(), &["init", "-q", "-b", "main"], "2025-01-01");
    common::git::git(site.path(), &["add", "-A"], "2025-01-01");
    common::git::git(site.path(), &["commit", "-q", "-m", "start"], "2025-01-01");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for cache in ["code", "history"] {
        let warning = format!("{CACHE}: warning: cannot save the {cache} cache");
        assert!(run.stderr.contains(&warning), "{warning}:\n{}", run.stderr);
    }
    assert!(site.path().join("public/index.html").is_file());
    // `check` saves no cache, so a strict check has nothing to say about it.
    let strict = site.run(&["check", "--strict"]);
    assert!(!strict.stderr.contains("cannot save"), "{}", strict.stderr);
}

#[test]
fn verbose_prints_the_time_of_every_stage() {
    let site = TestSite::fixture("notes");
    let run = site.run(&["build", "-v"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for stage in ["load+parse", "model", "notes", "render", "total"] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("timing: ") && l.contains(stage)),
            "no timing of {stage}:\n{}",
            run.stderr
        );
    }
    let plain = site.run(&["build"]);
    assert!(!plain.stderr.contains("timing:"), "{}", plain.stderr);
}
