//! `roadmap-site fix-encoding`: the first user's garbled file → the file repaired, read
//! to the same phases and tasks without a warning, its original kept; refusals for
//! clean files, files that are not UTF-8 and existing backups.

mod common;

use common::TestSite;

const ROADMAP: &str = "content/roadmap.md";
const BACKUP: &str = "content/roadmap.md.orig";

fn bytes(site: &TestSite, path: &str) -> Vec<u8> {
    std::fs::read(site.path().join(path)).unwrap()
}

fn exists(site: &TestSite, path: &str) -> bool {
    site.path().join(path).exists()
}

#[test]
fn the_users_file_is_repaired_in_place_and_reads_the_same_without_a_warning() {
    let site = TestSite::fixture("user-roadmap-original");
    let original = bytes(&site, ROADMAP);
    let before = site.build();
    assert!(
        before
            .stderr
            .contains("`roadmap-site fix-encoding content/roadmap.md`")
            && !before.stderr.contains("iconv"),
        "the warning names the command that repairs the file: {}",
        before.stderr
    );
    let progress_before = site.read("public/progress.json");

    let run = site.run(&["fix-encoding"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim(),
        "Repaired 35 garbled sequences on 31 lines of content/roadmap.md (UTF-8 that was \
         read as Mac Roman); the original is content/roadmap.md.orig"
    );
    assert_eq!(bytes(&site, BACKUP), original, "the backup is the original");
    let fixed = String::from_utf8(bytes(&site, ROADMAP)).unwrap();
    assert!(
        fixed.starts_with("# 🚀 Comprehensive Roadmap"),
        "{fixed:.60}"
    );
    for garbled in ["üöÄ", "‚Äô", "¬∑", "\u{f8ff}"] {
        assert!(!fixed.contains(garbled), "{garbled:?} is left");
    }
    // Only garbled lines changed: every other line, and the number of lines, stay.
    let old = String::from_utf8(original).unwrap();
    assert_eq!(old.lines().count(), fixed.lines().count());
    let kept = old
        .lines()
        .zip(fixed.lines())
        .filter(|(a, b)| a == b)
        .count();
    assert_eq!(kept, old.lines().count() - 31);

    let after = site.build();
    assert!(!after.stderr.contains("warning"), "{}", after.stderr);
    assert_eq!(site.read("public/progress.json"), progress_before);
    let progress = site.progress();
    assert_eq!(progress["phases"].as_array().unwrap().len(), 6);
    assert_eq!(
        (
            &progress["progress"]["total"],
            &progress["progress"]["done"]
        ),
        (&76.into(), &31.into())
    );

    // Once repaired, there is nothing left to fix, and the backup is untouched.
    let again = site.run(&["fix-encoding"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("error: content/roadmap.md is not garbled: nothing to fix"),
        "{}",
        again.stderr
    );
    assert_eq!(bytes(&site, BACKUP), old.as_bytes());
}

#[test]
fn dry_run_tells_what_would_change_and_writes_nothing() {
    let site = TestSite::fixture("user-roadmap-original");
    let original = bytes(&site, ROADMAP);
    let run = site.run(&["fix-encoding", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(bytes(&site, ROADMAP), original);
    assert!(!exists(&site, BACKUP));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn an_existing_backup_is_never_overwritten() {
    let site = TestSite::fixture("user-roadmap-original").file(BACKUP, "my own backup\n");
    let original = bytes(&site, ROADMAP);
    let dry = site.run(&["fix-encoding", "--dry-run"]);
    assert!(
        dry.stdout
            .contains("note: content/roadmap.md.orig already exists, so fix-encoding would refuse"),
        "{}",
        dry.stdout
    );
    let run = site.run(&["fix-encoding"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: content/roadmap.md.orig already exists; not overwriting a backup"),
        "{}",
        run.stderr
    );
    assert_eq!(bytes(&site, BACKUP), b"my own backup\n");
    assert_eq!(bytes(&site, ROADMAP), original, "nothing changed");
}

#[test]
fn a_clean_file_is_refused_and_left_alone() {
    let clean = "# Plan ✅ Café “école” √π\n\n| Task | Status |\n|---|---|\n| A | ✅ |\n";
    let site = TestSite::new().file(ROADMAP, clean);
    let run = site.run(&["fix-encoding"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: content/roadmap.md is not garbled: nothing to fix"),
        "{}",
        run.stderr
    );
    assert_eq!(bytes(&site, ROADMAP), clean.as_bytes());
    assert_eq!(
        site.files("content"),
        ["roadmap.md"],
        "no backup, no temp file"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused() {
    let site = TestSite::new().file(ROADMAP, b"# Caf\xe9 \xe2\x80\n".as_slice());
    let run = site.run(&["fix-encoding"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not UTF-8 text"), "{}", run.stderr);
    assert!(!exists(&site, BACKUP));
}

#[test]
fn a_named_windows_1252_file_keeps_its_bom_and_crlf_line_endings() {
    let garbled = "\u{feff}+++\r\ntask = \"A\"\r\n+++\r\nBayesâ€™ theorem âœ…\r\n";
    let site = TestSite::new()
        .file(ROADMAP, "# P\n\n## One\n\n- [ ] A\n- [x] B\n")
        .file("content/notes/a.md", garbled);
    let note = "content/notes/a.md";
    let warned = site.build();
    assert!(
        warned
            .stderr
            .contains("`roadmap-site fix-encoding content/notes/a.md`"),
        "{}",
        warned.stderr
    );
    let run = site.run(&["fix-encoding", note]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("read as Windows-1252"),
        "{}",
        run.stderr
    );
    assert_eq!(
        String::from_utf8(bytes(&site, note)).unwrap(),
        "\u{feff}+++\r\ntask = \"A\"\r\n+++\r\nBayes’ theorem ✅\r\n"
    );
    assert_eq!(bytes(&site, "content/notes/a.md.orig"), garbled.as_bytes());
    // The backup beside the note is neither a note nor a file to publish.
    let rebuilt = site.build();
    assert!(!rebuilt.stderr.contains("warning"), "{}", rebuilt.stderr);
    assert!(
        !site.files("public").iter().any(|f| f.ends_with(".orig")),
        "{:?}",
        site.files("public")
    );
}

#[test]
fn the_roadmap_set_in_roadmap_toml_under_root_is_the_default() {
    let site = TestSite::new()
        .file("site/roadmap.toml", "roadmap = \"plan.md\"\n")
        .file("site/plan.md", "# \u{f8ff}üöÄ Plan\n\n- [x] A\n");
    let run = site.run(&["fix-encoding", "--root", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("of site/plan.md"), "{}", run.stderr);
    assert_eq!(
        bytes(&site, "site/plan.md"),
        "# 🚀 Plan\n\n- [x] A\n".as_bytes()
    );
    assert!(exists(&site, "site/plan.md.orig"));
    let missing = site.run(&["fix-encoding", "nowhere.md"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("error: nowhere.md: file not found"),
        "{}",
        missing.stderr
    );
}
