//! Site files, as they are made → a staging folder beside the output folder, which
//! [`Staging::commit`] then puts in its place. A file whose bytes are those of the
//! previous build's file is hard-linked from it (same file: same inode and
//! modification time), so that sync tools, servers and browsers see only real
//! changes; the others are written. A staging folder that is not committed (an error,
//! a panic) is removed, and the output folder is left as it was. After the swap, the
//! previous tree is reconciled with the new one (see `reconcile`), not removed whole.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::existing::{Existing, Kind, remove_tree, restore_dir_metadata};
use super::lock::WriteLock;
use super::reconcile::{Carried, Known, Ours, describe, reconcile};
use super::{MANIFEST, WriteReport, check_conflicts, recover, safe_relative, swap, symlink};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::output::Sink;

/// A build being written: the output folder, its current contents and the staging
/// folder that will replace it.
pub struct Staging {
    dir: PathBuf,
    /// Being written; renamed `ready` when complete, just before the swap.
    staging: PathBuf,
    ready: PathBuf,
    old: PathBuf,
    existing: Existing,
    warnings: Vec<Diagnostic>,
    /// Files put so far, by path: whether each is the previous build's file.
    files: Mutex<HashMap<String, bool>>,
    /// Folders made inside the staging folder.
    folders: Mutex<HashSet<PathBuf>>,
    committed: bool,
    /// Another build into the same folder waits until this one is dropped.
    _lock: WriteLock,
}

impl Staging {
    /// Gets `dir` ready for a new site: repairs what a killed build left, reads what
    /// the folder holds, and makes an empty staging folder beside it.
    pub fn begin(dir: &Path) -> Result<Staging> {
        let parent = dir.parent().expect("checked: not a filesystem root");
        let name = dir
            .file_name()
            .expect("checked: has a name")
            .to_string_lossy();
        let staging = parent.join(format!(".{name}.roadmap-site-staging"));
        let ready = parent.join(format!(".{name}.roadmap-site-swap"));
        let old = parent.join(format!(".{name}.roadmap-site-old"));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let lock = WriteLock::acquire(dir)?;
        let mut warnings = Vec::new();
        recover(dir, [&staging, &ready, &old], &mut warnings)?;
        // The tool's files are identified now: one replaced later is the user's.
        let existing = Existing::scan(dir, true)?;
        std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(Staging {
            dir: dir.to_path_buf(),
            staging,
            ready,
            old,
            existing,
            warnings,
            files: Mutex::default(),
            folders: Mutex::default(),
            committed: false,
            _lock: lock,
        })
    }

    /// Adds the manifest and the user's files, checks that no file of the site takes
    /// the place of one of the user's, swaps the staging folder in, and reconciles the
    /// previous tree with it.
    pub fn commit(self) -> Result<WriteReport> {
        self.commit_with(|| {})
    }

    /// [`Staging::commit`], running `in_window` after the user's files are linked
    /// into the staging folder and before the swap: where a test writes user files.
    pub(super) fn commit_with(mut self, in_window: impl FnOnce()) -> Result<WriteReport> {
        let files = std::mem::take(&mut *lock(&self.files));
        let mut paths: Vec<&str> = files.keys().map(String::as_str).collect();
        paths.sort_unstable();
        // Looked at again: the user may have added files (a `CNAME`, a `git pull`
        // into `.git`) while the site was rendered.
        let now = Existing::scan(&self.dir, false)?;
        self.existing.foreign = now.foreign;
        self.existing.dirs = now.dirs;
        check_conflicts(&self.dir, &paths, &self.existing.foreign)?;
        let mut manifest = String::from(
            "# Files written by roadmap-site. Other files in this folder are yours: they are\n\
             # kept as they are by every build and never overwritten.\n",
        );
        for path in &paths {
            manifest.push_str(path);
            manifest.push('\n');
        }
        // An unchanged manifest is kept too, so that a build that changed nothing
        // changes no file.
        place(
            Some(&self.dir.join(MANIFEST)),
            &self.staging.join(MANIFEST),
            manifest.as_bytes(),
        )?;
        let carried = self.carry_over_user_entries()?;
        restore_dir_metadata(&self.staging, &self.existing.dirs);
        // Complete: a build killed from here on leaves a folder that the next one
        // reconciles by its manifest instead of removing it (it becomes the previous
        // tree in the exchange). Dropped on an error before the swap, as before.
        std::fs::rename(&self.staging, &self.ready).map_err(|e| Error::io(&self.ready, e))?;
        self.staging = self.ready.clone();
        in_window();
        let leftover = swap(&self.ready, &self.dir, &self.old)?;
        self.committed = true;
        let produced: HashSet<&str> = paths.iter().copied().collect();
        let known = Known {
            ours: Ours::Seen(&self.existing.previous),
            carried: &carried,
            site: &produced,
        };
        self.warnings
            .extend(reconcile(&leftover, &self.dir, &known));
        let previous = &self.existing.previous;
        Ok(WriteReport {
            dir: self.dir.clone(),
            written: files.len(),
            unchanged: files.values().filter(|&&linked| linked).count(),
            kept: (self.existing.foreign.iter())
                .filter(|(_, k)| *k != Kind::EmptyDir)
                .count(),
            removed: previous
                .keys()
                .filter(|p| !produced.contains(p.as_str()))
                .count(),
            warnings: std::mem::take(&mut self.warnings),
        })
    }

    /// Links the user's entries into the staging folder; returns each as linked, to
    /// tell later whether the user replaced it before the swap.
    fn carry_over_user_entries(&self) -> Result<HashMap<PathBuf, Carried>> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |e| Error::io(path, e)
        };
        let mut carried = HashMap::new();
        for (path, kind) in &self.existing.foreign {
            let (from, to) = (self.dir.join(path), self.staging.join(path));
            match kind {
                Kind::EmptyDir => std::fs::create_dir_all(&to).map_err(io(&to))?,
                Kind::Symlink => {
                    let link = std::fs::read_link(&from).map_err(io(&from))?;
                    make_parent(&to)?;
                    symlink(&link, &to).map_err(io(&to))?;
                }
                Kind::File => {
                    make_parent(&to)?;
                    // A hard link keeps the very same file (contents, times, permissions).
                    if std::fs::hard_link(&from, &to).is_err() {
                        std::fs::copy(&from, &to).map_err(io(&from))?;
                    }
                }
            }
            if let Ok(meta) = std::fs::symlink_metadata(&to)
                && let Some(entry) = describe(&to, &meta)
            {
                carried.insert(path.clone(), entry);
            }
        }
        Ok(carried)
    }

    fn make_folder(&self, folder: &Path) -> Result<()> {
        if folder.as_os_str().is_empty() || lock(&self.folders).contains(folder) {
            return Ok(());
        }
        let target = self.staging.join(folder);
        std::fs::create_dir_all(&target).map_err(|e| Error::io(target, e))?;
        lock(&self.folders).insert(folder.to_path_buf());
        Ok(())
    }
}

impl Sink for Staging {
    fn is_users(&self, path: &str) -> bool {
        let path = Path::new(path);
        self.existing.foreign.iter().any(|(p, _)| p == path)
    }

    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let relative = safe_relative(path)?;
        if relative == Path::new(MANIFEST) {
            return Err(Error::Refused {
                message: format!(
                    "a file of the site is named `{MANIFEST}`, the name of roadmap-site's list of the files it wrote"
                ),
                hint: "rename that file in your theme's static folder or your notes folder".into(),
            });
        }
        let target = self.staging.join(&relative);
        // Claimed under the lock: of two puts of one path, exactly one comes first.
        let again = lock(&self.files).insert(path.to_owned(), false).is_some();
        if again {
            // The earlier file may be a link to the previous site's: it is taken
            // away, never written into.
            match std::fs::remove_file(&target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(Error::io(&target, e));
                }
                _ => {}
            }
        }
        if let Some(folder) = relative.parent() {
            self.make_folder(folder)?;
        }
        let previous = self.existing.previous.contains_key(path);
        let old = previous.then(|| self.dir.join(&relative));
        let linked = !place(old.as_deref(), &target, bytes)?;
        if let Some(entry) = lock(&self.files).get_mut(path) {
            *entry = linked;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.staging);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every update is a single insert, so a poisoned lock still holds whole data.
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

fn make_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e)),
        None => Ok(()),
    }
}

/// Puts `bytes` at `target`: as a hard link to `old` when that file holds the same
/// bytes (returns `false`), else as a new file (returns `true`). Never opens an
/// existing file for writing: it could be a link to the previous site's.
fn place(old: Option<&Path>, target: &Path, bytes: &[u8]) -> Result<bool> {
    if let Some(old) = old
        && same_bytes(old, bytes)
        && std::fs::hard_link(old, target).is_ok()
    {
        return Ok(false);
    }
    let mut file = File::options()
        .write(true)
        .create_new(true)
        .open(target)
        .map_err(|e| Error::io(target, e))?;
    file.write_all(bytes).map_err(|e| Error::io(target, e))?;
    Ok(true)
}

/// Is `path` a regular file (not a link to one) holding exactly `bytes`? Any problem
/// reading it means no: the file is then written anew.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let compare = || -> io::Result<bool> {
        let meta = std::fs::symlink_metadata(path)?;
        if !meta.file_type().is_file() || meta.len() != bytes.len() as u64 {
            return Ok(false);
        }
        same_reader(File::open(path)?, bytes)
    };
    compare().unwrap_or(false)
}

/// Does `reader` give exactly `bytes`, no more, no less? Read in pieces: a whole copy
/// of the largest files (the search script, `progress.json`: 3–4 MB at 10,000 tasks)
/// was alive at the build's peak of memory (valgrind massif). More bytes than
/// expected show a file that grew since its size was read, fewer one that shrank.
fn same_reader(mut reader: impl Read, bytes: &[u8]) -> io::Result<bool> {
    const PIECE: usize = 64 * 1024;
    let mut piece = vec![0; PIECE.min(bytes.len()) + 1];
    let mut rest = bytes;
    loop {
        let read = match reader.read(&mut piece) {
            Ok(0) => return Ok(rest.is_empty()),
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        match rest.strip_prefix(&piece[..read]) {
            Some(after) => rest = after,
            None => return Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{self, Read};

    use super::{same_bytes, same_reader};

    /// Gives its bytes a few at a time, with an interruption before each read.
    struct Trickle<'a> {
        bytes: &'a [u8],
        interrupt: bool,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            self.interrupt = !self.interrupt;
            if self.interrupt {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = out.len().min(self.bytes.len()).min(7);
            out[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_reader_matches_only_the_same_bytes_whatever_its_reads_give() {
        let bytes: Vec<u8> = (0..200_003u32).map(|i| (i % 251) as u8).collect();
        let same = |given: &[u8]| {
            let whole = same_reader(given, &bytes).unwrap();
            let trickled = Trickle {
                bytes: given,
                interrupt: false,
            };
            assert_eq!(same_reader(trickled, &bytes).unwrap(), whole);
            whole
        };
        assert!(same(&bytes));
        // A difference in the first, a middle and the last piece, and in the last byte.
        for at in [0, 64 * 1024, 150_000, bytes.len() - 1] {
            let mut other = bytes.clone();
            other[at] ^= 1;
            assert!(!same(&other), "a difference at byte {at}");
        }
        // A file that shrank or grew after its size was read.
        assert!(!same(&bytes[..bytes.len() - 1]));
        assert!(!same(&[&bytes[..], b"+"].concat()));
        assert!(same_reader(&b""[..], b"").unwrap());
        assert!(!same_reader(&b"x"[..], b"").unwrap());
    }

    #[test]
    fn only_a_regular_file_of_the_same_bytes_is_the_same() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("file");
        std::fs::write(&path, b"abc").unwrap();
        assert!(same_bytes(&path, b"abc"));
        assert!(!same_bytes(&path, b"abd"));
        assert!(!same_bytes(&path, b"ab"));
        assert!(!same_bytes(&tmp.path().join("missing"), b""));
        #[cfg(unix)]
        {
            let link = tmp.path().join("link");
            std::os::unix::fs::symlink(&path, &link).unwrap();
            assert!(!same_bytes(&link, b"abc"), "a link is never the same file");
        }
    }
}
