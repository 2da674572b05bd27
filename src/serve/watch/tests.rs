use std::fs;

use super::*;

/// A site folder with a roadmap and a note, and a watcher on it.
fn site() -> (tempfile::TempDir, Watcher) {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content/notes")).unwrap();
    fs::write(dir.path().join("content/roadmap.md"), "# T\n").unwrap();
    fs::write(dir.path().join("content/notes/a.md"), "a\n").unwrap();
    let (watcher, warnings) = Watcher::new(&Config::new(dir.path())).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    (dir, watcher)
}

/// The next batch's paths, failing after a few seconds without one.
fn next(watcher: &mut Watcher) -> Vec<String> {
    let batch = watcher
        .next_batch_within(Some(Duration::from_secs(5)))
        .expect("no change noticed within 5 s");
    batch
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

/// Asserts that nothing was noticed since the last batch: a note written now is the
/// next batch, alone. (Events arrive in order, so anything noticed before it would
/// be in an earlier batch or in the same one.) No time window: a real wait.
fn assert_nothing_before_a_sentinel(dir: &Path, watcher: &mut Watcher, why: &str) {
    fs::write(dir.join("content/notes/sentinel.md"), "s\n").unwrap();
    assert_eq!(next(watcher), ["content/notes/sentinel.md"], "{why}");
}

#[test]
fn the_scope_covers_inputs_and_nothing_else() {
    let root = Path::new("/site");
    let mut config = Config::new(root);
    config.output_dir = "content/out".into();
    let scope = Scope::of(root, &config);
    assert_eq!(scope.dirs, [root.join("content"), root.join("themes")]);
    for input in [
        "roadmap.toml",
        "content/roadmap.md",
        "content/notes/x/y.md",
        "content/notes/img.png",
        "themes/mine/static/style.css",
        "content",
    ] {
        assert!(scope.covers(&root.join(input)), "{input}");
    }
    for other in [
        "README.md",
        "target/debug/x",
        "public/index.html",
        "content/out/index.html",
        "content/notes/.a.md.swp",
        "content/notes/a.md~",
        "content/notes/.#a.md",
        "content/notes/4913",
        "content/.git/index",
        "themes/mine/static/.style.css.swp",
        "content/notes/a.md___jb_tmp___",
        "content/notes/a.md___jb_old___",
    ] {
        assert!(!scope.covers(&root.join(other)), "{other}");
    }
}

#[test]
fn a_notes_folder_outside_content_is_watched_too() {
    let root = Path::new("/site");
    let mut config = Config::new(root);
    config.notes_dir = "journal".into();
    config.roadmap = "plan.md".into();
    let scope = Scope::of(root, &config);
    assert_eq!(
        scope.dirs,
        [
            root.join("content"),
            root.join("journal"),
            root.join("themes")
        ]
    );
    assert!(scope.covers(&root.join("plan.md")));
    assert!(scope.covers(&root.join("journal/a.md")));
}

#[test]
fn an_atomic_save_is_one_change_of_the_file_and_its_temp_files_are_ignored() {
    let (dir, mut watcher) = site();
    let notes = dir.path().join("content/notes");
    // What vim does: probe file, swap file, write a new file, rename it over the old.
    fs::write(notes.join("4913"), "").unwrap();
    fs::remove_file(notes.join("4913")).unwrap();
    fs::write(notes.join(".a.md.swp"), "swap").unwrap();
    fs::write(notes.join("a.md.tmp"), "new text\n").unwrap();
    fs::rename(notes.join("a.md.tmp"), notes.join("a.md")).unwrap();
    fs::remove_file(notes.join(".a.md.swp")).unwrap();
    assert_eq!(next(&mut watcher), ["content/notes/a.md"]);
    assert_nothing_before_a_sentinel(dir.path(), &mut watcher, "the burst was split");
}

#[test]
fn temp_files_and_reads_alone_trigger_nothing() {
    let (dir, mut watcher) = site();
    let notes = dir.path().join("content/notes");
    fs::write(notes.join(".#a.md"), "lock").unwrap();
    fs::write(notes.join("a.md~"), "backup").unwrap();
    fs::read(notes.join("a.md")).unwrap();
    fs::read(dir.path().join("content/roadmap.md")).unwrap();
    fs::create_dir_all(dir.path().join("public")).unwrap();
    fs::write(dir.path().join("public/index.html"), "x").unwrap();
    fs::write(dir.path().join("README.md"), "x").unwrap();
    assert_nothing_before_a_sentinel(dir.path(), &mut watcher, "only irrelevant events came");
}

#[test]
fn new_folders_new_files_deletions_and_the_config_are_seen() {
    let (dir, mut watcher) = site();
    let root = dir.path();
    // A file written at once into a new folder may come before the folder's watch:
    // the folder's own change is seen, and the rebuild it starts reads the folder.
    fs::create_dir_all(root.join("content/notes/new")).unwrap();
    fs::write(root.join("content/notes/new/b.md"), "b\n").unwrap();
    let paths = next(&mut watcher);
    assert!(
        paths.iter().any(|p| p.starts_with("content/notes/new")),
        "{paths:?}"
    );
    // Once that is noticed, the new folder is watched like the others.
    let mut later = Vec::new();
    while !later.contains(&"content/notes/new/c.md".to_string()) {
        fs::write(root.join("content/notes/new/c.md"), "c\n").unwrap();
        later = next(&mut watcher);
        assert!(
            later.iter().all(|p| p.starts_with("content/notes/new")),
            "{later:?}"
        );
    }
    fs::remove_file(root.join("content/notes/a.md")).unwrap();
    assert_eq!(next(&mut watcher), ["content/notes/a.md"]);
    fs::write(root.join("roadmap.toml"), "title = \"x\"\n").unwrap();
    assert_eq!(next(&mut watcher), ["roadmap.toml"]);
}

#[test]
fn a_themes_folder_created_after_the_start_is_watched() {
    let (dir, mut watcher) = site();
    let theme = dir.path().join("themes/mine/static");
    fs::create_dir_all(&theme).unwrap();
    let paths = next(&mut watcher);
    assert!(paths.contains(&"themes".to_string()), "{paths:?}");
    fs::write(theme.join("style.css"), "a{}").unwrap();
    let paths = next(&mut watcher);
    assert!(
        paths.contains(&"themes/mine/static/style.css".to_string()),
        "{paths:?}"
    );
}

#[test]
fn a_content_folder_removed_and_made_again_is_watched_again() {
    let (dir, mut watcher) = site();
    let content = dir.path().join("content");
    fs::remove_dir_all(&content).unwrap();
    next(&mut watcher);
    fs::create_dir_all(content.join("notes")).unwrap();
    next(&mut watcher);
    fs::write(content.join("roadmap.md"), "# Again\n").unwrap();
    assert_eq!(next(&mut watcher), ["content/roadmap.md"]);
}

/// The paths the "Changed:" line names for the next batch, and all of its paths.
fn next_shown(watcher: &mut Watcher) -> (Vec<String>, Vec<String>) {
    let batch = watcher
        .next_batch_within(Some(Duration::from_secs(5)))
        .expect("no change noticed within 5 s");
    let shown = batch.shown().map(|p| p.display().to_string()).collect();
    let all = batch
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    (shown, all)
}

#[test]
fn a_tools_scratch_files_are_rebuilt_for_but_not_named() {
    let (dir, mut watcher) = site();
    let notes = dir.path().join("content/notes");
    // What `sed -i` does: a scratch file beside the note, renamed over it.
    fs::write(notes.join("sedAb12Cd"), "new text\n").unwrap();
    fs::rename(notes.join("sedAb12Cd"), notes.join("a.md")).unwrap();
    // And a file some tool makes and removes at once.
    fs::write(notes.join("draft.md"), "d\n").unwrap();
    fs::remove_file(notes.join("draft.md")).unwrap();
    let (shown, all) = next_shown(&mut watcher);
    assert_eq!(shown, ["content/notes/a.md"], "{all:?}");
    assert!(all.contains(&"content/notes/draft.md".into()), "{all:?}");
}

#[test]
fn a_removed_note_is_named() {
    let (dir, mut watcher) = site();
    fs::remove_file(dir.path().join("content/notes/a.md")).unwrap();
    assert_eq!(next_shown(&mut watcher).0, ["content/notes/a.md"]);
}

#[test]
fn scratch_names_are_seds_only() {
    for name in ["sedAb12Cd", "sed000000", "notes/sedxyzXYZ"] {
        assert!(is_scratch_name(Path::new(name)), "{name}");
    }
    for name in [
        "sed.md",
        "sedentary.md",
        "sedAb12Cd.md",
        "sedAb12C",
        "aedAb12Cd",
    ] {
        assert!(!is_scratch_name(Path::new(name)), "{name}");
    }
}
