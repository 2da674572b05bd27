//! The output folder as it is now → which entries the tool wrote (per its manifest)
//! and which are the user's, with the folders' permissions and times to keep.

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
    /// Files the tool wrote last time, from the manifest. Hashed: a site has
    /// thousands, and each is looked up a few times per build.
    pub previous: HashSet<PathBuf>,
    /// The user's entries: everything not in the manifest.
    pub foreign: Vec<(PathBuf, Kind)>,
    /// Every folder, the output folder itself included.
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
        // Folders that hold (or are) a file the tool wrote.
        let ours: HashSet<&Path> = existing
            .previous
            .iter()
            .flat_map(|p| p.ancestors())
            .collect();
        let mut entries = Vec::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(dir).to_path_buf();
                Error::io(path, e.into())
            })?;
            let relative = entry
                .path()
                .strip_prefix(dir)
                .expect("below dir")
                .to_path_buf();
            if relative == Path::new(MANIFEST) {
                continue;
            }
            if entry.file_type().is_dir() && !entry.path_is_symlink() {
                let metadata = entry
                    .metadata()
                    .map_err(|e| Error::io(entry.path(), e.into()))?;
                let ours = ours.contains(relative.as_path());
                existing.dirs.push(DirMeta {
                    path: relative.clone(),
                    permissions: metadata.permissions(),
                    modified: if ours { None } else { metadata.modified().ok() },
                });
                if relative.as_os_str().is_empty() {
                    continue;
                }
            }
            let kind = if entry.path_is_symlink() {
                Kind::Symlink
            } else if entry.file_type().is_dir() {
                Kind::EmptyDir
            } else {
                Kind::File
            };
            entries.push((relative, kind));
        }
        let parents: HashSet<&Path> = entries.iter().filter_map(|(p, _)| p.parent()).collect();
        existing.foreign = entries
            .iter()
            .filter(|(path, kind)| *kind != Kind::EmptyDir || !parents.contains(path.as_path()))
            .filter(|(path, _)| !existing.previous.contains(path))
            .cloned()
            .collect();
        Ok(existing)
    }
}

fn read_manifest(dir: &Path) -> Result<HashSet<PathBuf>> {
    let path = dir.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(PathBuf::from)
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
