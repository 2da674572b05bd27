//! The reconciliation on prepared trees: `leftover` stands for the previous tree after
//! the swap, `public` for the new one.

use std::os::unix::fs::symlink;

use super::*;

struct Trees {
    tmp: tempfile::TempDir,
    ours: HashMap<String, Option<Identity>>,
    carried: HashMap<PathBuf, Carried>,
    site: Vec<String>,
}

fn identity(path: &Path) -> Identity {
    Identity::of(&std::fs::symlink_metadata(path).unwrap())
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

impl Trees {
    fn new() -> Trees {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("leftover")).unwrap();
        std::fs::create_dir(tmp.path().join("public")).unwrap();
        let trees = Trees {
            tmp,
            ours: HashMap::new(),
            carried: HashMap::new(),
            site: Vec::new(),
        };
        write(&trees.old(MANIFEST), "# previous\n");
        trees
    }

    /// The previous tree (no `/` at the end, which would follow a link).
    fn leftover(&self) -> PathBuf {
        self.tmp.path().join("leftover")
    }

    fn old(&self, rel: &str) -> PathBuf {
        self.leftover().join(rel)
    }

    fn public(&self, rel: &str) -> PathBuf {
        self.tmp.path().join("public").join(rel)
    }

    fn kept(&self, rel: &str) -> PathBuf {
        self.tmp.path().join("public.roadmap-site-kept-1").join(rel)
    }

    /// A file of the previous site, as the first scan saw it.
    fn ours(&mut self, rel: &str, text: &str) {
        write(&self.old(rel), text);
        self.ours.insert(rel.into(), Some(identity(&self.old(rel))));
    }

    /// A file of the new site.
    fn site(&mut self, rel: &str, text: &str) {
        write(&self.public(rel), text);
        self.site.push(rel.into());
    }

    /// A user's file, linked into the new tree.
    fn carried(&mut self, rel: &str, text: &str) {
        write(&self.old(rel), text);
        std::fs::create_dir_all(self.public(rel).parent().unwrap()).unwrap();
        std::fs::hard_link(self.old(rel), self.public(rel)).unwrap();
        let entry = Carried::File(identity(&self.public(rel)));
        self.carried.insert(rel.into(), entry);
    }

    /// Puts a new file with `text` at `path` the way editors and `git` do.
    fn rename_over(&self, path: &Path, text: &str) {
        let next = self.tmp.path().join("next");
        write(&next, text);
        std::fs::rename(next, path).unwrap();
    }

    fn reconcile(&self) -> Option<Diagnostic> {
        let site = self.site.iter().map(String::as_str).collect();
        let known = Known {
            ours: Ours::Seen(&self.ours),
            carried: &self.carried,
            site: &site,
        };
        reconcile(&self.leftover(), &self.tmp.path().join("public"), &known)
    }

    /// The entries beside the two trees: `leftover` when it stayed, kept folders.
    fn beside(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "public")
            .collect();
        names.sort();
        names
    }
}

#[test]
fn the_tools_files_and_second_links_go_and_so_does_the_folder() {
    let mut trees = Trees::new();
    trees.ours("index.html", "1");
    trees.ours("tasks/gone.html", "g");
    trees.site("index.html", "2");
    trees.carried("CNAME", "example.org");
    trees.carried(".git/HEAD", "ref");
    assert_eq!(trees.reconcile(), None);
    assert!(trees.beside().is_empty(), "{:?}", trees.beside());
    assert_eq!(read(&trees.public("index.html")), "2");
    assert_eq!(read(&trees.public("CNAME")), "example.org");
    assert_eq!(read(&trees.public(".git/HEAD")), "ref");
    assert!(!trees.public("tasks").exists());
}

#[test]
fn files_and_folders_created_during_the_build_are_moved_in() {
    let mut trees = Trees::new();
    trees.ours("tasks/gone.html", "g");
    trees.carried("notes/old.txt", "o");
    write(&trees.old("notes/new.txt"), "n");
    write(
        &trees.old("tasks/mine.txt"),
        "in a folder of the previous site",
    );
    write(&trees.old("made/inner/f.txt"), "f");
    assert_eq!(trees.reconcile(), None);
    assert!(trees.beside().is_empty(), "{:?}", trees.beside());
    assert_eq!(read(&trees.public("notes/new.txt")), "n");
    assert_eq!(read(&trees.public("notes/old.txt")), "o");
    assert_eq!(
        read(&trees.public("tasks/mine.txt")),
        "in a folder of the previous site"
    );
    assert!(!trees.public("tasks/gone.html").exists());
    assert_eq!(read(&trees.public("made/inner/f.txt")), "f");
}

#[test]
fn a_file_replaced_by_rename_during_the_build_ends_with_the_new_contents() {
    let mut trees = Trees::new();
    trees.carried("notes/r.txt", "old");
    trees.rename_over(&trees.old("notes/r.txt"), "new");
    assert_eq!(trees.reconcile(), None);
    assert_eq!(read(&trees.public("notes/r.txt")), "new");
    assert!(trees.beside().is_empty(), "{:?}", trees.beside());
}

#[test]
fn a_file_edited_in_place_during_the_build_stays_edited() {
    let mut trees = Trees::new();
    trees.carried("e.txt", "old");
    std::fs::write(trees.old("e.txt"), "edited in place").unwrap();
    assert_eq!(trees.reconcile(), None);
    assert_eq!(read(&trees.public("e.txt")), "edited in place");
    assert!(trees.beside().is_empty(), "{:?}", trees.beside());
}

#[test]
fn a_file_replaced_in_the_new_folder_after_the_swap_wins_over_its_stale_link() {
    let mut trees = Trees::new();
    trees.carried("r.txt", "old");
    trees.rename_over(&trees.public("r.txt"), "newer");
    assert_eq!(trees.reconcile(), None);
    assert_eq!(read(&trees.public("r.txt")), "newer");
}

#[test]
fn a_stale_file_of_the_site_replaced_by_the_user_is_moved_in() {
    let mut trees = Trees::new();
    trees.ours("old.html", "the site's");
    trees.rename_over(&trees.old("old.html"), "mine");
    assert_eq!(trees.reconcile(), None);
    assert_eq!(read(&trees.public("old.html")), "mine");
}

#[test]
fn a_users_file_where_the_new_site_has_one_is_kept_aside_with_a_warning() {
    let mut trees = Trees::new();
    trees.ours("index.html", "1");
    trees.ours("gone.html", "g");
    trees.site("index.html", "2");
    trees.rename_over(&trees.old("index.html"), "mine");
    let warning = trees.reconcile().expect("a warning");
    // About the folder where the file now is, with what to do as the hint.
    assert_eq!(warning.path, trees.kept(""));
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        warning.hint.as_deref(),
        Some("no build touches this folder: copy back what you want, then delete it")
    );
    let warning = warning.to_string();
    assert!(warning.contains("1 file written into"), "{warning}");
    assert!(warning.contains("kept here: index.html\n"), "{warning}");
    assert_eq!(trees.beside(), ["public.roadmap-site-kept-1"]);
    assert_eq!(read(&trees.kept("index.html")), "mine");
    assert!(!trees.kept("gone.html").exists() && !trees.kept(MANIFEST).exists());
    assert_eq!(read(&trees.public("index.html")), "2");
}

#[test]
fn a_file_changed_in_both_folders_is_kept_aside() {
    let mut trees = Trees::new();
    trees.carried("r.txt", "v1");
    trees.rename_over(&trees.old("r.txt"), "v2 (before the swap)");
    trees.rename_over(&trees.public("r.txt"), "v3 (after it)");
    let warning = trees.reconcile().expect("a warning").to_string();
    assert!(warning.contains("r.txt"), "{warning}");
    assert_eq!(read(&trees.kept("r.txt")), "v2 (before the swap)");
    assert_eq!(read(&trees.public("r.txt")), "v3 (after it)");
    // A second previous tree kept aside gets a name of its own.
    let mut trees_again = Trees::new();
    trees_again.tmp = trees.tmp;
    trees_again.carried("s.txt", "v1");
    trees_again.rename_over(&trees_again.public("s.txt"), "v3");
    trees_again.rename_over(&trees_again.old("s.txt"), "v2");
    let warning = trees_again.reconcile().expect("a warning").to_string();
    assert!(warning.contains("public.roadmap-site-kept-2"), "{warning}");
}

#[test]
fn a_users_empty_folder_and_symbolic_links_survive() {
    let mut trees = Trees::new();
    // Made during the build.
    std::fs::create_dir_all(trees.old("empty/inner")).unwrap();
    symlink("index.html", trees.old("link")).unwrap();
    // Carried over (the new tree has them), one of them pointed elsewhere since.
    for name in ["same", "moved"] {
        symlink("a", trees.old(name)).unwrap();
        symlink("a", trees.public(name)).unwrap();
        let entry = Carried::Symlink("a".into());
        trees.carried.insert(name.into(), entry);
    }
    std::fs::remove_file(trees.old("moved")).unwrap();
    symlink("b", trees.old("moved")).unwrap();
    std::fs::create_dir(trees.old("kept-empty")).unwrap();
    std::fs::create_dir(trees.public("kept-empty")).unwrap();

    assert_eq!(trees.reconcile(), None);
    assert!(trees.beside().is_empty(), "{:?}", trees.beside());
    assert!(trees.public("empty/inner").is_dir() && trees.public("kept-empty").is_dir());
    let target = |name: &str| std::fs::read_link(trees.public(name)).unwrap();
    assert_eq!(target("link"), Path::new("index.html"));
    assert_eq!(target("same"), Path::new("a"));
    assert_eq!(target("moved"), Path::new("b"));
}

#[test]
fn nothing_moves_through_a_link_the_new_folder_has_where_a_folder_was() {
    let mut trees = Trees::new();
    let elsewhere = trees.tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    symlink(&elsewhere, trees.public("sub")).unwrap();
    write(&trees.old("sub/new.txt"), "n");
    trees.ours("sub/gone.html", "g");
    let warning = trees.reconcile().expect("a warning").to_string();
    assert!(warning.contains("new.txt"), "{warning}");
    assert_eq!(read(&trees.kept("sub/new.txt")), "n");
    assert!(std::fs::read_dir(&elsewhere).unwrap().next().is_none());
}

#[test]
fn a_previous_tree_that_is_a_link_is_never_gone_through() {
    let trees = Trees::new();
    let elsewhere = trees.tmp.path().join("elsewhere");
    std::fs::rename(trees.leftover(), &elsewhere).unwrap();
    symlink(&elsewhere, trees.leftover()).unwrap();
    let warning = trees.reconcile().expect("a warning").to_string();
    assert!(warning.contains("public.roadmap-site-kept-1"), "{warning}");
    assert!(elsewhere.join(MANIFEST).exists());
}
