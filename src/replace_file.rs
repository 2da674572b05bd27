//! New bytes for a file → the file replaced in one step (a temporary file beside it,
//! renamed over it), with its permissions kept: at every moment the path holds the
//! old file or the new one, whole.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Replaces `path` with `bytes`. `tag` names the temporary file
/// (`.<name>.<pid>.<tag>.tmp`, hidden, so that the notes loader and `serve`'s watcher
/// ignore it).
pub fn replace(path: &Path, bytes: &[u8], tag: &str) -> Result<()> {
    let permissions = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .permissions();
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.{}.{tag}.tmp", std::process::id()));
    let written = write_new(&temp, bytes, &permissions)
        .and_then(|()| std::fs::rename(&temp, path).map_err(|e| Error::io(path, e)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Creates `path` (refusing an existing one: no race with another writer), writes the
/// bytes and waits until they are on disk, so that a rename never exposes a file
/// whose contents are not there yet.
pub fn write_new(path: &Path, bytes: &[u8], permissions: &std::fs::Permissions) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.set_permissions(permissions.clone()))
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(path, e))
}
