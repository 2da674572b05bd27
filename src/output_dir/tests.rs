//! The output folder as one build leaves it: what is written, kept, reused and
//! refused. Builds racing with the user or with each other are in `races`.

use super::*;

fn site(files: &[(&str, &str)]) -> SiteOutput {
    let mut out = SiteOutput::default();
    for (path, text) in files {
        out.insert(*path, text.as_bytes().to_vec());
    }
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn writes_files_and_a_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    let report = write_to(&dir, &site(&[("index.html", "hi"), ("a/b.css", "x")])).unwrap();
    assert_eq!(report.written, 2);
    assert_eq!(read(&dir.join("a/b.css")), "x");
    let manifest = read(&dir.join(MANIFEST));
    assert!(manifest.contains("\nindex.html\n") && manifest.contains("\na/b.css\n"));
    assert!(!tmp.path().join(".public.roadmap-site-staging").exists());
}

#[test]
fn user_files_survive_every_build_and_stale_files_go() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("index.html", "1"), ("old.html", "o")])).unwrap();
    std::fs::write(dir.join("CNAME"), "example.org").unwrap();
    std::fs::create_dir_all(dir.join(".git/objects")).unwrap();
    std::fs::write(dir.join(".git/HEAD"), "ref").unwrap();
    std::fs::create_dir_all(dir.join("empty")).unwrap();

    let report = write_to(&dir, &site(&[("index.html", "2")])).unwrap();
    assert_eq!((report.kept, report.removed), (2, 1));
    assert_eq!(read(&dir.join("index.html")), "2");
    assert_eq!(read(&dir.join("CNAME")), "example.org");
    assert_eq!(read(&dir.join(".git/HEAD")), "ref");
    assert!(dir.join(".git/objects").is_dir() && dir.join("empty").is_dir());
    assert!(!dir.join("old.html").exists());
}

#[test]
fn a_user_file_in_the_way_stops_the_build_and_nothing_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "mine").unwrap();
    let err = write_to(&dir, &site(&[("index.html", "generated"), ("x.css", "")])).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(err.to_string().contains("index.html"), "{err}");
    assert_eq!(read(&dir.join("index.html")), "mine");
    assert!(!dir.join("x.css").exists() && !dir.join(MANIFEST).exists());
}

fn config_with_output(root: &Path, output: &str) -> Config {
    let mut config = Config::new(root);
    config.output_dir = output.into();
    config
}

#[test]
fn refuses_output_folders_that_hold_the_users_work() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    for (output, why) in [
        (".", "site folder"),
        ("..", "site folder"),
        ("content", "`content` folder"),
        ("content/out", "`content` folder"),
        ("themes", "`themes` folder"),
        ("/", "filesystem root"),
    ] {
        let err = check_output_dir(&config_with_output(&root, output)).unwrap_err();
        assert!(err.to_string().contains(why), "{output}: {err}");
        assert_eq!(err.exit_code(), 2);
    }
    assert!(check_output_dir(&config_with_output(&root, "public")).is_ok());
    assert!(check_output_dir(&config_with_output(&root, "../elsewhere")).is_ok());
}

#[cfg(unix)]
#[test]
fn folder_permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("index.html", "1")])).unwrap();
    std::fs::create_dir_all(dir.join("secret")).unwrap();
    std::fs::write(dir.join("secret/key"), "k").unwrap();
    std::fs::set_permissions(dir.join("secret"), std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o750)).unwrap();
    write_to(&dir, &site(&[("index.html", "2")])).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.join("secret")), 0o700);
    assert_eq!(mode(&dir), 0o750);
    assert_eq!(read(&dir.join("secret/key")), "k");
}

#[test]
fn a_roadmap_at_the_site_root_still_allows_public() {
    let tmp = tempfile::tempdir().unwrap();
    let mut config = config_with_output(tmp.path(), "public");
    config.roadmap = "roadmap.md".into();
    assert!(check_output_dir(&config).is_ok());
}

#[cfg(unix)]
#[test]
fn unchanged_files_are_kept_as_they_were_and_changed_ones_are_new() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    let first = site(&[
        ("index.html", "1"),
        ("a/same.css", "s"),
        ("a/edited.html", "e"),
    ]);
    write_to(&dir, &first).unwrap();
    let meta = |p: &str| std::fs::symlink_metadata(dir.join(p)).unwrap();
    let (same, index, manifest) = (meta("a/same.css"), meta("index.html"), meta(MANIFEST));
    // Someone edits a generated file by hand: its bytes no longer match, so it is
    // written again even though the new build produces the same bytes as before.
    std::fs::write(dir.join("a/edited.html"), "changed by hand").unwrap();

    let second = site(&[
        ("index.html", "2"),
        ("a/same.css", "s"),
        ("a/edited.html", "e"),
    ]);
    let report = write_to(&dir, &second).unwrap();
    assert_eq!((report.written, report.unchanged), (3, 1));
    let kept = meta("a/same.css");
    assert_eq!(
        (kept.ino(), kept.mtime_nsec()),
        (same.ino(), same.mtime_nsec())
    );
    assert_eq!(kept.nlink(), 1, "the previous site's copy is gone");
    assert_ne!(meta("index.html").ino(), index.ino());
    assert_eq!(read(&dir.join("index.html")), "2");
    assert_eq!(read(&dir.join("a/edited.html")), "e");
    // The file list did not change, so neither did the manifest.
    assert_eq!(meta(MANIFEST).ino(), manifest.ino());

    let again = write_to(&dir, &second).unwrap();
    assert_eq!(again.unchanged, 3);
}

#[cfg(unix)]
#[test]
fn only_files_the_tool_wrote_are_reused_never_links_or_user_files() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("index.html", "1"), ("page.html", "p")])).unwrap();
    // A generated file replaced by a link to a file elsewhere with the same bytes:
    // the new build writes a file of its own and leaves the target alone.
    let elsewhere = tmp.path().join("elsewhere.html");
    std::fs::write(&elsewhere, "p").unwrap();
    std::fs::remove_file(dir.join("page.html")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("page.html")).unwrap();
    write_to(&dir, &site(&[("index.html", "1"), ("page.html", "p")])).unwrap();
    let page = std::fs::symlink_metadata(dir.join("page.html")).unwrap();
    assert!(page.file_type().is_file());
    assert_ne!(page.ino(), std::fs::metadata(&elsewhere).unwrap().ino());
    assert_eq!(read(&elsewhere), "p");
}

#[test]
fn a_failed_build_leaves_the_previous_site_and_its_files_as_they_were() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("index.html", "1"), ("same.css", "s")])).unwrap();
    let err = write_to(&dir, &site(&[("same.css", "s"), ("../escape.html", "x")])).unwrap_err();
    assert!(
        err.to_string().contains("outside the output folder"),
        "{err}"
    );
    assert_eq!(read(&dir.join("index.html")), "1");
    assert_eq!(read(&dir.join("same.css")), "s");
    assert!(!tmp.path().join(".public.roadmap-site-staging").exists());
    assert!(!tmp.path().join("escape.html").exists());
}

#[test]
fn a_later_file_of_the_same_path_wins_without_writing_into_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("a.html", "same")])).unwrap();
    let staging = Staging::begin(&dir).unwrap();
    // The first is linked to the previous site's file; the second must not write
    // through that link.
    staging.put("a.html", b"same").unwrap();
    staging.put("a.html", b"other").unwrap();
    assert_eq!(read(&dir.join("a.html")), "same");
    let report = staging.commit().unwrap();
    assert_eq!((report.written, report.unchanged), (1, 0));
    assert_eq!(read(&dir.join("a.html")), "other");
}

#[test]
fn a_build_that_stops_halfway_leaves_no_staging_folder_and_the_site_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("index.html", "1")])).unwrap();
    let staging = Staging::begin(&dir).unwrap();
    staging.put("index.html", b"2").unwrap();
    staging.put("new/page.html", b"p").unwrap();
    assert!(tmp.path().join(".public.roadmap-site-staging/new").is_dir());
    drop(staging); // an error in a later stage
    assert!(!tmp.path().join(".public.roadmap-site-staging").exists());
    assert_eq!(read(&dir.join("index.html")), "1");
    assert!(!dir.join("new").exists());
}

#[test]
fn a_site_file_named_like_the_manifest_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    let err = write_to(&dir, &site(&[(MANIFEST, "x")])).unwrap_err();
    assert!(err.to_string().contains(MANIFEST), "{err}");
    assert!(!dir.exists());
}

mod races;
