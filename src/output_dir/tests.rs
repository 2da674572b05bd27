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

#[test]
fn a_killed_build_is_recovered_on_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("index.html", "1")])).unwrap();
    std::fs::write(dir.join("CNAME"), "c").unwrap();
    // Killed between the two renames of the fallback swap: only `old` exists.
    let old = tmp.path().join(".public.roadmap-site-old");
    std::fs::rename(&dir, &old).unwrap();
    std::fs::create_dir_all(tmp.path().join(".public.roadmap-site-staging/half")).unwrap();
    write_to(&dir, &site(&[("index.html", "2")])).unwrap();
    assert_eq!(read(&dir.join("CNAME")), "c");
    assert!(!old.exists());
    assert!(!tmp.path().join(".public.roadmap-site-staging").exists());
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
fn a_file_the_user_adds_while_the_site_renders_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("index.html", "1")])).unwrap();
    let staging = Staging::begin(&dir).unwrap();
    staging.put("index.html", b"2").unwrap();
    std::fs::write(dir.join("CNAME"), "example.org").unwrap();
    let report = staging.commit().unwrap();
    assert_eq!(report.kept, 1);
    assert_eq!(read(&dir.join("CNAME")), "example.org");
    assert_eq!(read(&dir.join("index.html")), "2");
}

#[test]
fn a_site_file_named_like_the_manifest_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    let err = write_to(&dir, &site(&[(MANIFEST, "x")])).unwrap_err();
    assert!(err.to_string().contains(MANIFEST), "{err}");
    assert!(!dir.exists());
}

/// The names beside the output folder (what a build left there).
fn beside(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("roadmap-site"))
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn files_the_user_writes_just_before_the_swap_are_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("index.html", "1"), ("old.html", "o")])).unwrap();
    std::fs::write(dir.join("replaced.txt"), "v1").unwrap();
    std::fs::write(dir.join("edited.txt"), "e1").unwrap();
    std::fs::create_dir(dir.join(".git")).unwrap();
    std::fs::write(dir.join(".git/HEAD"), "ref: a").unwrap();
    let rename_over = |path: PathBuf, text: &str| {
        let next = tmp.path().join("next");
        std::fs::write(&next, text).unwrap();
        std::fs::rename(next, path).unwrap();
    };

    let staging = Staging::begin(&dir).unwrap();
    staging.put("index.html", b"2").unwrap();
    // After the user's files are linked into the staging folder, before the swap:
    // what the old code removed with the previous tree, or put back as it was.
    let report = staging
        .commit_with(|| {
            std::fs::write(dir.join("created.txt"), "c").unwrap();
            std::fs::create_dir_all(dir.join(".git/objects/ab")).unwrap();
            std::fs::write(dir.join(".git/objects/ab/cd"), "object").unwrap();
            rename_over(dir.join("replaced.txt"), "v2");
            rename_over(dir.join(".git/HEAD"), "ref: b");
            rename_over(dir.join("old.html"), "mine now");
            std::fs::write(dir.join("edited.txt"), "e2").unwrap();
            std::fs::create_dir(dir.join("empty")).unwrap();
            std::os::unix::fs::symlink("index.html", dir.join("link")).unwrap();
        })
        .unwrap();

    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(read(&dir.join("index.html")), "2");
    assert_eq!(read(&dir.join("created.txt")), "c");
    assert_eq!(read(&dir.join(".git/objects/ab/cd")), "object");
    assert_eq!(read(&dir.join("replaced.txt")), "v2");
    assert_eq!(read(&dir.join(".git/HEAD")), "ref: b");
    assert_eq!(read(&dir.join("old.html")), "mine now");
    assert_eq!(read(&dir.join("edited.txt")), "e2");
    assert!(dir.join("empty").is_dir());
    assert_eq!(
        std::fs::read_link(dir.join("link")).unwrap(),
        Path::new("index.html")
    );
    assert!(beside(&dir).is_empty(), "{:?}", beside(&dir));
    // The next build sees them as the user's: kept, never overwritten.
    let report = write_to(&dir, &site(&[("index.html", "3")])).unwrap();
    assert_eq!(report.kept, 7);
    assert_eq!(read(&dir.join("old.html")), "mine now");
}

#[test]
fn a_file_the_user_puts_at_a_site_path_just_before_the_swap_is_kept_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    write_to(&dir, &site(&[("index.html", "1")])).unwrap();
    let staging = Staging::begin(&dir).unwrap();
    staging.put("index.html", b"2").unwrap();
    let report = staging
        .commit_with(|| {
            let next = tmp.path().join("next");
            std::fs::write(&next, "mine").unwrap();
            std::fs::rename(next, dir.join("index.html")).unwrap();
        })
        .unwrap();
    let [warning] = &report.warnings[..] else {
        panic!("{:?}", report.warnings)
    };
    assert!(
        warning.contains("index.html") && warning.contains("public.roadmap-site-kept-1"),
        "{warning}"
    );
    assert_eq!(read(&dir.join("index.html")), "2");
    let kept = tmp.path().join("public.roadmap-site-kept-1");
    assert_eq!(read(&kept.join("index.html")), "mine");
    assert_eq!(beside(&dir), ["public.roadmap-site-kept-1"]);
    // No build removes it.
    write_to(&dir, &site(&[("index.html", "3")])).unwrap();
    assert_eq!(read(&kept.join("index.html")), "mine");
}

#[cfg(unix)]
#[test]
fn a_build_killed_after_the_exchange_leaves_the_users_new_files_to_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    // The state right after the exchange: the new tree in place, with the user's
    // CNAME linked in; the previous tree beside it, with a file the user wrote just
    // before the swap and the previous manifest.
    write_to(&dir, &site(&[("index.html", "2")])).unwrap();
    std::fs::write(dir.join("CNAME"), "example.org").unwrap();
    let previous = tmp.path().join(".public.roadmap-site-swap");
    std::fs::create_dir(&previous).unwrap();
    std::fs::write(previous.join(MANIFEST), "index.html\ngone.html\n").unwrap();
    std::fs::write(previous.join("index.html"), "1").unwrap();
    std::fs::write(previous.join("gone.html"), "g").unwrap();
    std::fs::hard_link(dir.join("CNAME"), previous.join("CNAME")).unwrap();
    std::fs::write(previous.join("written-late.txt"), "late").unwrap();

    let report = write_to(&dir, &site(&[("index.html", "3")])).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(read(&dir.join("written-late.txt")), "late");
    assert_eq!(read(&dir.join("CNAME")), "example.org");
    assert_eq!(read(&dir.join("index.html")), "3");
    assert!(!dir.join("gone.html").exists());
    assert!(beside(&dir).is_empty(), "{:?}", beside(&dir));
}

/// Three builds at once into one folder (two terminals and a `serve --write`) take
/// turns: every one succeeds, and the folder ends as one whole site with the user's
/// file. Without the lock, each took the others' staging folder for a leftover.
#[test]
fn builds_into_one_folder_at_once_take_turns_and_all_succeed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("CNAME"), "me.example\n").unwrap();
    let files: Vec<(String, String)> = (0..200)
        .map(|i| (format!("tasks/t{i}.html"), format!("task {i}")))
        .collect();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let builders: Vec<_> = (0..3)
            .map(|builder| {
                let (dir, files) = (&dir, &files);
                scope.spawn(move || {
                    (0..8)
                        .filter_map(|round| {
                            let mut output = SiteOutput::default();
                            for (path, text) in files {
                                output.insert(path, format!("{text} {builder}").into_bytes());
                            }
                            output.insert("index.html", format!("{builder}.{round}").into_bytes());
                            write_to(dir, &output).err().map(|e| e.to_string())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        builders
            .into_iter()
            .flat_map(|b| b.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(read(&dir.join("CNAME")), "me.example\n");
    let last = read(&dir.join("index.html"));
    let builder = last.split('.').next().unwrap();
    assert_eq!(
        read(&dir.join("tasks/t7.html")),
        format!("task 7 {builder}")
    );
    let beside: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["public"], "left beside the output folder");
}
