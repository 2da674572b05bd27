//! [`SiteOutput`] + the previous site → the site's files in the staging folder. A
//! file whose bytes are those of the previous build's file is hard-linked from it
//! (same file: same inode and modification time), so that sync tools, servers and
//! browsers see only real changes; the others are written. Files are independent, so
//! they are compared and written in parallel.

use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::safe_relative;
use crate::error::{Error, Result};
use crate::output::SiteOutput;

/// How the site's files got into the staging folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Staged {
    /// Files written anew (new or changed).
    pub written: usize,
    /// Files linked from the previous build because their bytes are the same.
    pub unchanged: usize,
}

/// Puts every file of `output` into `staging`. `previous` lists the files the tool
/// wrote into `dir` last time: only those are ever linked, never the user's files.
pub fn stage_files(
    dir: &Path,
    staging: &Path,
    output: &SiteOutput,
    previous: &HashSet<PathBuf>,
) -> Result<Staged> {
    let files: Vec<(PathBuf, &[u8])> = output
        .iter()
        .map(|(path, bytes)| Ok((safe_relative(path)?, bytes)))
        .collect::<Result<_>>()?;
    // Folders first, in order, so that the parallel writes below only create files.
    let folders: BTreeSet<&Path> = files
        .iter()
        .filter_map(|(path, _)| path.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    for folder in folders {
        let target = staging.join(folder);
        std::fs::create_dir_all(&target).map_err(|e| Error::io(target, e))?;
    }
    let results: Vec<Result<bool>> = files
        .par_iter()
        .map_init(Vec::new, |buffer, (path, bytes)| {
            let old = previous.contains(path).then(|| dir.join(path));
            place(old.as_deref(), &staging.join(path), bytes, buffer)
        })
        .collect();
    let mut staged = Staged::default();
    for result in results {
        if result? {
            staged.written += 1;
        } else {
            staged.unchanged += 1;
        }
    }
    Ok(staged)
}

/// Puts `bytes` at `target`: as a hard link to `old` when that file holds the same
/// bytes (returns `false`), else as a new file (returns `true`).
pub fn place(
    old: Option<&Path>,
    target: &Path,
    bytes: &[u8],
    buffer: &mut Vec<u8>,
) -> Result<bool> {
    if let Some(old) = old
        && same_bytes(old, bytes, buffer)
        && std::fs::hard_link(old, target).is_ok()
    {
        return Ok(false);
    }
    std::fs::write(target, bytes).map_err(|e| Error::io(target, e))?;
    Ok(true)
}

/// Is `path` a regular file (not a link to one) holding exactly `bytes`? Any problem
/// reading it means no: the file is then written anew.
fn same_bytes(path: &Path, bytes: &[u8], buffer: &mut Vec<u8>) -> bool {
    let mut compare = || -> io::Result<bool> {
        let meta = std::fs::symlink_metadata(path)?;
        if !meta.file_type().is_file() || meta.len() != bytes.len() as u64 {
            return Ok(false);
        }
        buffer.clear();
        buffer.reserve(bytes.len() + 1);
        // One byte more than expected shows a file that grew since `symlink_metadata`.
        File::open(path)?
            .take(bytes.len() as u64 + 1)
            .read_to_end(buffer)?;
        Ok(buffer.as_slice() == bytes)
    };
    compare().unwrap_or(false)
}
