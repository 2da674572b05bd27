//! Site files, as they are made → a staging folder beside the output folder, which
//! [`Staging::commit`] then puts in its place. A file whose bytes are those of the
//! previous build's file is hard-linked from it (same file: same inode and
//! modification time), so that sync tools, servers and browsers see only real
//! changes; the others are written. A staging folder that is not committed (an error,
//! a panic) is removed, and the output folder is left as it was.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::existing::{Existing, Kind, remove_tree, restore_dir_metadata};
use super::{MANIFEST, WriteReport, check_conflicts, recover, safe_relative, swap, symlink};
use crate::error::{Error, Result};
use crate::output::Sink;

/// A build being written: the output folder, its current contents and the staging
/// folder that will replace it.
pub struct Staging {
    dir: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    existing: Existing,
    warnings: Vec<String>,
    /// Files put so far, by path: whether each is the previous build's file.
    files: Mutex<HashMap<String, bool>>,
    /// Folders made inside the staging folder.
    folders: Mutex<HashSet<PathBuf>>,
    committed: bool,
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
        let old = parent.join(format!(".{name}.roadmap-site-old"));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let mut warnings = Vec::new();
        recover(dir, &staging, &old, &mut warnings)?;
        let existing = Existing::scan(dir)?;
        std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(Staging {
            dir: dir.to_path_buf(),
            staging,
            old,
            existing,
            warnings,
            files: Mutex::default(),
            folders: Mutex::default(),
            committed: false,
        })
    }

    /// Adds the manifest and the user's files, checks that no file of the site takes
    /// the place of one of the user's, and swaps the staging folder in.
    pub fn commit(mut self) -> Result<WriteReport> {
        let files = std::mem::take(&mut *lock(&self.files));
        let mut paths: Vec<&str> = files.keys().map(String::as_str).collect();
        paths.sort_unstable();
        // Looked at again: the user may have added files (a `CNAME`, a `git pull`
        // into `.git`) while the site was rendered.
        let now = Existing::scan(&self.dir)?;
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
        self.carry_over_user_entries()?;
        restore_dir_metadata(&self.staging, &self.existing.dirs);
        let leftover = swap(&self.staging, &self.dir, &self.old)?;
        self.committed = true;
        if let Err(e) = remove_tree(&leftover) {
            self.warnings.push(format!(
                "the new site is in place, but the previous copy at {} could not be \
                 removed ({e}); delete it by hand",
                leftover.display()
            ));
        }
        let produced: HashSet<&str> = paths.iter().copied().collect();
        let previous = &self.existing.previous;
        Ok(WriteReport {
            dir: self.dir.clone(),
            written: files.len(),
            unchanged: files.values().filter(|&&linked| linked).count(),
            kept: (self.existing.foreign.iter())
                .filter(|(_, k)| *k != Kind::EmptyDir)
                .count(),
            removed: previous
                .iter()
                .filter(|p| !produced.contains(p.as_str()))
                .count(),
            warnings: std::mem::take(&mut self.warnings),
        })
    }

    fn carry_over_user_entries(&self) -> Result<()> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |e| Error::io(path, e)
        };
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
        }
        Ok(())
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
        let previous = self.existing.previous.contains(path);
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
        let mut buffer = Vec::with_capacity(bytes.len() + 1);
        // One byte more than expected shows a file that grew since `symlink_metadata`.
        File::open(path)?
            .take(bytes.len() as u64 + 1)
            .read_to_end(&mut buffer)?;
        Ok(buffer == bytes)
    };
    compare().unwrap_or(false)
}
