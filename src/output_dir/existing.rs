//! The output folder as it is now → which entries the tool wrote (per its manifest,
//! each with the identity it had) and which are the user's, with the folders'
//! permissions and times to keep.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs::{Metadata, Permissions};
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

/// Tells a file from another one put at its path, and from itself after a change: the
/// inode (which a hard link shares), its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    inode: (u64, u64),
    len: u64,
    modified: Option<SystemTime>,
}

impl Identity {
    /// The identity of what `meta` (from `symlink_metadata`) describes.
    pub fn of(meta: &Metadata) -> Identity {
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        // Stable Rust has no file index elsewhere: size and time stand in for it.
        #[cfg(not(unix))]
        let inode = (0, 0);
        Identity {
            inode,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    /// Is `other` the same file (another link to it, perhaps changed since)?
    pub fn same_file(&self, other: &Identity) -> bool {
        if cfg!(unix) {
            self.inode == other.inode
        } else {
            self == other
        }
    }
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
    /// Files the tool wrote last time, from the manifest, as site paths (`tasks/a.html`),
    /// each with its identity when the scan recorded it and found it. Hashed: a site
    /// has thousands, and each is looked up a few times per build.
    pub previous: HashMap<String, Option<Identity>>,
    /// The user's entries: everything not in the manifest, in path order.
    pub foreign: Vec<(PathBuf, Kind)>,
    /// Every folder, the output folder itself included, each before what it holds.
    pub dirs: Vec<DirMeta>,
}

impl Existing {
    /// Reads the manifest and walks the folder (which may not exist yet). With
    /// `identify`, records what each of the tool's files is (one `lstat` each), so
    /// that a file put at its path later is not taken for the tool's.
    pub fn scan(dir: &Path, identify: bool) -> Result<Existing> {
        let mut existing = Existing::default();
        if !dir.exists() {
            return Ok(existing);
        }
        existing.previous = (read_manifest(dir)?.into_iter())
            .map(|path| (path, None))
            .collect();
        // Folders that hold a file the tool wrote (`""` is the output folder). Owned,
        // as the walk records identities in `previous`; a site has few folders.
        let mut ours: HashSet<String> = HashSet::from([String::new()]);
        for path in existing.previous.keys() {
            for (end, _) in path.match_indices('/') {
                if !ours.contains(&path[..end]) {
                    ours.insert(path[..end].to_owned());
                }
            }
        }
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
            if let Some(seen) = key.and_then(|k| existing.previous.get_mut(k.as_ref())) {
                if identify {
                    *seen = entry.metadata().ok().map(|m| Identity::of(&m));
                }
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
pub fn site_path(relative: &Path) -> Option<Cow<'_, str>> {
    let text = relative.to_str()?;
    Some(if std::path::MAIN_SEPARATOR == '/' {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.replace(std::path::MAIN_SEPARATOR, "/"))
    })
}

/// The site paths a folder's manifest lists (none when it has no manifest).
pub fn read_manifest(dir: &Path) -> Result<HashSet<String>> {
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
