//! The output folder as it is now → which entries the tool wrote (per its manifest)
//! and which are the user's, with the folders' permissions and times to keep.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::Permissions;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::MANIFEST;
use crate::error::{Error, Result};

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// An empty folder (folders with contents come with their files).
    EmptyDir,
    /// A symbolic link, kept as a link.
    Symlink,
}

/// A folder that existed before the build: its permissions (and, when it holds only
/// the user's files, its modification time) are carried over.
#[derive(Debug)]
pub struct DirMeta {
    /// Path relative to the output folder (`""` for the folder itself).
    pub path: PathBuf,
    /// Its permissions.
    pub permissions: Permissions,
    /// Its modification time, when it holds nothing the tool wrote.
    pub modified: Option<SystemTime>,
}

/// The output folder's current contents.
#[derive(Debug, Default)]
pub struct Existing {
    /// Files the tool wrote last time, from the manifest, as site paths (`tasks/a.html`).
    /// Hashed: a site has thousands, and each is looked up a few times per build.
    pub previous: HashSet<String>,
    /// The user's entries: everything not in the manifest, in path order.
    pub foreign: Vec<(PathBuf, Kind)>,
    /// Every folder, the output folder itself included, each before what it holds.
    pub dirs: Vec<DirMeta>,
}

impl Existing {
    /// Reads the manifest and walks the folder (which may not exist yet).
    pub fn scan(dir: &Path) -> Result<Existing> {
        let mut existing = Existing::default();
        if !dir.exists() {
            return Ok(existing);
        }
        existing.previous = read_manifest(dir)?;
        // Folders that hold a file the tool wrote (`""` is the output folder).
        let ours: HashSet<&str> = existing
            .previous
            .iter()
            .flat_map(|p| p.match_indices('/').map(|(i, _)| &p[..i]).chain([""]))
            .collect();
        // Unsorted: sorting by name is most of a walk's time, and only the user's
        // entries need an order. Depth first, so a folder comes before its entries.
        let mut walk = walkdir::WalkDir::new(dir).into_iter().peekable();
        let mut entries = Vec::new();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(dir).to_path_buf();
                Error::io(path, e.into())
            })?;
            let relative = entry.path().strip_prefix(dir).expect("below dir");
            let key = site_path(relative);
            if key.as_deref() == Some(MANIFEST) {
                continue;
            }
            let is_dir = entry.file_type().is_dir() && !entry.path_is_symlink();
            if is_dir {
                let metadata = entry
                    .metadata()
                    .map_err(|e| Error::io(entry.path(), e.into()))?;
                let ours = key.as_deref().is_some_and(|k| ours.contains(k));
                existing.dirs.push(DirMeta {
                    path: relative.to_path_buf(),
                    permissions: metadata.permissions(),
                    modified: if ours { None } else { metadata.modified().ok() },
                });
                // A folder with entries comes with them; an empty one is kept as such.
                let has_entries =
                    matches!(walk.peek(), Some(Ok(next)) if next.depth() > entry.depth());
                if entry.depth() == 0 || has_entries {
                    continue;
                }
            }
            if key.is_some_and(|k| existing.previous.contains(k.as_ref())) {
                continue;
            }
            let kind = if entry.path_is_symlink() {
                Kind::Symlink
            } else if is_dir {
                Kind::EmptyDir
            } else {
                Kind::File
            };
            entries.push((relative.to_path_buf(), kind));
        }
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        existing.foreign = entries;
        Ok(existing)
    }
}

/// A path below the output folder as the manifest writes it (`tasks/a.html`), or
/// `None` when it is not UTF-8 (then no file of the site). Borrowed where the
/// separator is already `/`: the walk looks up every file of the site.
fn site_path(relative: &Path) -> Option<Cow<'_, str>> {
    let text = relative.to_str()?;
    Some(if std::path::MAIN_SEPARATOR == '/' {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.replace(std::path::MAIN_SEPARATOR, "/"))
    })
}

fn read_manifest(dir: &Path) -> Result<HashSet<String>> {
    let path = dir.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(HashSet::new()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Removes a folder tree the tool owns (a staging or previous copy), first making
/// read-only folders in it writable, as the user's own folders may be.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    if std::fs::remove_dir_all(path).is_ok() || !path.exists() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(path).into_iter().flatten() {
        if entry.file_type().is_dir() {
            let mut permissions = entry.metadata()?.permissions();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                permissions.set_mode(permissions.mode() | 0o700);
            }
            #[cfg(not(unix))]
            permissions.set_readonly(false);
            std::fs::set_permissions(entry.path(), permissions)?;
        }
    }
    std::fs::remove_dir_all(path)
}

/// Gives the staged folders the permissions (and times) of the folders they replace,
/// deepest first, so that read-only folders are restored last.
pub fn restore_dir_metadata(staging: &Path, dirs: &[DirMeta]) {
    for meta in dirs.iter().rev() {
        let target = staging.join(&meta.path);
        if !target.is_dir() {
            continue;
        }
        if let Some(time) = meta.modified
            && let Ok(file) = std::fs::File::open(&target)
        {
            let _ = file.set_modified(time);
        }
        let _ = std::fs::set_permissions(&target, meta.permissions.clone());
    }
}
