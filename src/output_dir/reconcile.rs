//! The previous tree, left beside the output folder by the swap, and the new output
//! folder → the previous tree gone, entry by entry: the tool's own files and second
//! links to what the new folder holds are removed; anything else (the user wrote it
//! while the build ran) is moved into the new folder, or, where the new folder holds
//! another file at its path, kept aside in a folder of its own with a warning.
//!
//! Nothing here deletes an entry it has not just looked at and found to be the tool's
//! or a duplicate, and no folder is removed with what it holds (`rmdir`, never
//! `remove_dir_all`): a file that arrives after the look keeps its folder alive.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};

use super::MANIFEST;
use super::existing::{Identity, site_path};
use crate::diagnostic::{Diagnostic, Severity};

/// Walks over the previous tree before giving up on it: each walk after the first
/// is for entries that arrived during the one before.
const PASSES: usize = 3;

/// A user's entry as the build linked it into the new folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Carried {
    /// A file: what the link made was (a copy where a link was not possible).
    File(Identity),
    /// A symbolic link, by its target.
    Symlink(PathBuf),
}

/// Which files of the previous tree the tool wrote.
pub enum Ours<'a> {
    /// Those its manifest listed, as the build's first scan saw each (`None`: not
    /// there then): a file put at such a path since is the user's.
    Seen(&'a HashMap<String, Option<Identity>>),
    /// Those its manifest lists, whatever they are now: after a killed build, which
    /// recorded nothing.
    Listed(HashSet<String>),
}

/// What is known of the two trees.
pub struct Known<'a> {
    /// The tool's files in the previous tree.
    pub ours: Ours<'a>,
    /// The user's entries linked into the new folder, by path.
    pub carried: &'a HashMap<PathBuf, Carried>,
    /// The new site's files, as site paths.
    pub site: &'a HashSet<&'a str>,
}

/// Empties and removes `leftover` (see the module). `None` when it is gone; else a
/// warning, the folder being then renamed beside `dir` (`public.roadmap-site-kept-1`)
/// where no build looks for it, or left where it is if even that failed.
pub fn reconcile(leftover: &Path, dir: &Path, known: &Known) -> Option<Diagnostic> {
    match std::fs::symlink_metadata(leftover) {
        Err(_) => return None,
        // A link to a folder elsewhere (an output folder given as a link, swapped out
        // whole): never gone through, as what it leads to is not the tool's.
        Ok(meta) if !meta.is_dir() => return Some(put_aside(leftover, dir, &BTreeSet::new())),
        Ok(_) => {}
    }
    let mut pass = Pass {
        leftover,
        dir,
        known,
        our_folders: None,
        kept: BTreeSet::new(),
    };
    for _ in 0..PASSES {
        pass.kept.clear();
        pass.folder(Path::new(""), false);
        if std::fs::symlink_metadata(leftover).is_err() {
            return None;
        }
        // A kept file would be kept again: only new arrivals are worth a new walk.
        if !pass.kept.is_empty() {
            break;
        }
    }
    Some(put_aside(leftover, dir, &pass.kept))
}

struct Pass<'a> {
    leftover: &'a Path,
    dir: &'a Path,
    known: &'a Known<'a>,
    /// Folders holding a file of the previous site, as site paths (made when needed).
    our_folders: Option<HashSet<String>>,
    /// The user's entries that could not be put in the new folder.
    kept: BTreeSet<PathBuf>,
}

impl Pass<'_> {
    /// Goes through the folder `rel` of the previous tree, then removes it if empty.
    /// `blocked`: the new folder has no folder at `rel` and cannot get one (a file is
    /// there), so nothing of the user's can move in.
    fn folder(&mut self, rel: &Path, blocked: bool) {
        let from = self.leftover.join(rel);
        let mut entries = Vec::new();
        if let Ok(read) = std::fs::read_dir(&from) {
            entries.extend(read.flatten());
        }
        for entry in entries {
            let path = rel.join(entry.file_name());
            // The manifest goes last: a build killed before then finds it, and so
            // tells the tool's files from the user's (see `recover`).
            if path == Path::new(MANIFEST) {
                continue;
            }
            // Looked at through the folder's open handle where the system can (no
            // walk down the path): most entries are the tool's, only looked at.
            match entry.metadata() {
                Ok(meta) if meta.is_dir() => self.subfolder(&path, blocked),
                Ok(meta) => self.entry(&path, &meta, blocked),
                Err(_) => {} // gone already
            }
        }
        if rel.as_os_str().is_empty() {
            let _ = remove(&from.join(MANIFEST));
        }
        // Fails when an entry arrived or was kept: the next pass or `put_aside` sees.
        if let Err(e) = std::fs::remove_dir(&from)
            && e.kind() == io::ErrorKind::PermissionDenied
        {
            make_parent_writable(&from);
            let _ = std::fs::remove_dir(&from);
        }
    }

    fn subfolder(&mut self, rel: &Path, blocked: bool) {
        if blocked {
            return self.folder(rel, true);
        }
        match std::fs::symlink_metadata(self.dir.join(rel)) {
            Ok(twin) => self.folder(rel, !twin.is_dir()),
            Err(_) => {
                // A folder the user made during the build: moved whole, with what it
                // holds. One of the previous site's is gone through instead.
                let moved =
                    !self.is_our_folder(rel) && move_in(&self.leftover.join(rel), self.dir, rel);
                if !moved {
                    self.folder(rel, false);
                }
            }
        }
    }

    fn entry(&mut self, rel: &Path, meta: &Metadata, blocked: bool) {
        let from = self.leftover.join(rel);
        let key = site_path(rel);
        // One that cannot be removed keeps its folder: the passes, then `put_aside`,
        // see to it.
        if self.is_ours(key.as_deref(), &Identity::of(meta)) {
            let _ = remove(&from);
            return;
        }
        // Unchanged since it was linked into the new folder: all it holds is there,
        // whatever the user did there since (such as replace it with a newer file).
        let carried = self.known.carried.get(rel);
        if carried.is_some() && carried == describe(&from, meta).as_ref() {
            let _ = remove(&from);
            return;
        }
        if blocked {
            self.kept.insert(rel.to_path_buf());
            return;
        }
        let to = self.dir.join(rel);
        let twin = match std::fs::symlink_metadata(&to) {
            Ok(twin) => twin,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // Created during the build: moved in (never over a file that
                // appeared at its place since the look).
                if !move_in(&from, self.dir, rel) {
                    self.kept.insert(rel.to_path_buf());
                }
                return;
            }
            Err(_) => {
                self.kept.insert(rel.to_path_buf());
                return;
            }
        };
        if same_entry(&from, meta, &to, &twin) {
            // The new folder holds this very file (or link): this is a second link.
            let _ = remove(&from);
            return;
        }
        // Replaced during the build: the new folder holds the stale link to the older
        // version, unless the user changed that too (then both are kept).
        let site_file = key.is_some_and(|k| self.known.site.contains(k.as_ref()));
        let stale =
            carried.filter(|&carried| !site_file && describe(&to, &twin).as_ref() == Some(carried));
        if !stale.is_some_and(|stale| replace(&from, &to, stale)) {
            self.kept.insert(rel.to_path_buf());
        }
    }

    /// Is the entry at site path `key`, which is `now`, the tool's?
    fn is_ours(&self, key: Option<&str>, now: &Identity) -> bool {
        let Some(key) = key else { return false };
        match &self.known.ours {
            Ours::Seen(seen) => seen.get(key).is_some_and(|then| then.as_ref() == Some(now)),
            Ours::Listed(listed) => listed.contains(key),
        }
    }

    fn is_our_folder(&mut self, rel: &Path) -> bool {
        let folders = self.our_folders.get_or_insert_with(|| {
            let files: Vec<&String> = match &self.known.ours {
                Ours::Seen(seen) => seen.keys().collect(),
                Ours::Listed(listed) => listed.iter().collect(),
            };
            let mut folders = HashSet::new();
            for file in files {
                folders.extend(file.match_indices('/').map(|(i, _)| file[..i].to_owned()));
            }
            folders
        });
        site_path(rel).is_some_and(|k| folders.contains(k.as_ref()))
    }
}

/// Are `a` and `b` one file (two links), or symbolic links to one target?
fn same_entry(a: &Path, a_meta: &Metadata, b: &Path, b_meta: &Metadata) -> bool {
    if a_meta.is_symlink() || b_meta.is_symlink() {
        return a_meta.is_symlink()
            && b_meta.is_symlink()
            && matches!((std::fs::read_link(a), std::fs::read_link(b)), (Ok(x), Ok(y)) if x == y);
    }
    Identity::of(a_meta).same_file(&Identity::of(b_meta))
}

/// An entry as [`Carried`] records it (`None` for a folder).
pub fn describe(path: &Path, meta: &Metadata) -> Option<Carried> {
    if meta.is_symlink() {
        std::fs::read_link(path).ok().map(Carried::Symlink)
    } else if meta.is_dir() {
        None
    } else {
        Some(Carried::File(Identity::of(meta)))
    }
}

/// Moves `from` to `rel` in `dir`, making the folders on the way (real folders only:
/// never through a link to a folder elsewhere). False when something is in the way.
fn move_in(from: &Path, dir: &Path, rel: &Path) -> bool {
    let mut folder = dir.to_path_buf();
    let mut parts: Vec<_> = rel.components().collect();
    parts.pop();
    for part in parts {
        folder.push(part);
        let ok = match std::fs::symlink_metadata(&folder) {
            Ok(meta) => meta.is_dir(),
            Err(_) => std::fs::create_dir(&folder).is_ok() || folder.is_dir(),
        };
        if !ok {
            return false;
        }
    }
    rename_no_replace(from, &dir.join(rel)).is_ok()
}

/// Renames `from` to `to` unless `to` exists.
fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            other => return other.map_err(io::Error::from),
        }
    }
    // Without the flag (other systems, some filesystems): looked at, then renamed.
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    std::fs::rename(from, to)
}

/// Puts the user's newer `from` in place of `to`, which should be `stale`: exchanged
/// in one step where the system can, then the stale link removed, or put back if the
/// user changed `to` in the meantime (false: both are kept).
fn replace(from: &Path, to: &Path, stale: &Carried) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, from, CWD, to, RenameFlags::EXCHANGE).is_ok() {
            let got = std::fs::symlink_metadata(from).ok();
            if got.and_then(|m| describe(from, &m)).as_ref() == Some(stale) {
                return remove(from).is_ok();
            }
            let _ = renameat_with(CWD, from, CWD, to, RenameFlags::EXCHANGE);
            return false;
        }
    }
    // Without an exchange: the microseconds since `to` was looked at are a window.
    std::fs::rename(from, to).is_ok()
}

/// Removes a file or link of the previous tree, making its folder writable if it
/// has to be (the folder is going).
fn remove(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            make_parent_writable(path);
            std::fs::remove_file(path)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn make_parent_writable(path: &Path) {
    let Some(parent) = path.parent() else { return };
    if let Ok(meta) = std::fs::metadata(parent) {
        let mut permissions = meta.permissions();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            permissions.set_mode(permissions.mode() | 0o700);
        }
        #[cfg(not(unix))]
        permissions.set_readonly(false);
        let _ = std::fs::set_permissions(parent, permissions);
    }
}

/// Renames the leftover beside `dir` under a name of its own, where no build looks,
/// and says what is in it.
fn put_aside(leftover: &Path, dir: &Path, kept: &BTreeSet<PathBuf>) -> Diagnostic {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let mut aside = leftover.to_path_buf();
    for n in 1..=1000 {
        let candidate = dir.with_file_name(format!("{name}.roadmap-site-kept-{n}"));
        match rename_no_replace(leftover, &candidate) {
            Ok(()) => aside = candidate,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => {}
        }
        break;
    }
    if kept.is_empty() {
        let message = format!(
            "the previous copy of {} kept getting new files, could not be emptied or was \
             a link; it is kept here",
            dir.display()
        );
        return Diagnostic::file(Severity::Warning, aside, message)
            .with_hint("move what you need from it into the output folder and delete it");
    }
    let mut names: Vec<String> = kept
        .iter()
        .take(10)
        .map(|p| p.display().to_string())
        .collect();
    if kept.len() > 10 {
        names.push(format!("and {} more", kept.len() - 10));
    }
    let (count, are) = match kept.len() {
        1 => ("1 file".to_string(), "it is"),
        n => (format!("{n} files"), "they are"),
    };
    let message = format!(
        "{count} written into {} while a build replaced it could not be put in the new \
         folder, because the site or a newer file of yours is at the same path; {are} kept \
         here: {}",
        dir.display(),
        names.join(", ")
    );
    Diagnostic::file(Severity::Warning, aside, message)
        .with_hint("no build touches this folder: copy back what you want, then delete it")
}

#[cfg(all(test, unix))]
mod tests;
