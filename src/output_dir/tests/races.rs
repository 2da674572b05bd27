//! Builds racing with the user and with each other: files written into the output
//! folder while a build runs or just before its swap, builds killed halfway, builds
//! into one folder at once.

use super::*;

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
    let kept = tmp.path().join("public.roadmap-site-kept-1");
    assert_eq!(warning.path, kept, "{warning}");
    assert!(
        warning.message.ends_with("kept here: index.html"),
        "{warning}"
    );
    assert_eq!(read(&dir.join("index.html")), "2");
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
