//! A git repository + the roadmap file's path → every version of the file along the
//! first-parent history of HEAD, oldest first, read with gix (no `git` process).
//!
//! Renames are followed: when the path is missing in an older commit, that commit's
//! tree is searched for the same blob under another name, else for the `.md` file
//! sharing the most lines (at least half) with the version seen after it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use gix::ObjectId;

use super::date;

/// Why there is no history.
pub enum Skip {
    /// The site folder is not in a git repository.
    NoRepository,
    /// A shallow clone: its history is cut off.
    Shallow,
    /// The roadmap file is not in HEAD's tree (or HEAD has no commit).
    NotCommitted,
    /// gix failed; the message says how.
    Failed(String),
}

/// One version of the roadmap file: the commit that introduced it.
pub struct Change {
    /// Its day, in the commit's own time zone (committer date).
    pub day: i64,
    /// The file's blob.
    pub blob: ObjectId,
}

/// The versions of the file and how many commits were walked.
pub struct Walked {
    /// The repository, to read blobs from.
    pub repo: gix::Repository,
    /// Versions, oldest first, each the first commit where the blob appeared.
    pub changes: Vec<Change>,
    /// Commits that hold the file.
    pub commits: usize,
}

fn failed(e: impl std::fmt::Display) -> Skip {
    Skip::Failed(e.to_string())
}

/// Walks HEAD's first parents while the roadmap file (or its renamed self) exists.
pub fn walk(site_root: &Path, roadmap: &Path) -> Result<Walked, Skip> {
    let repo = gix::discover(site_root).map_err(|_| Skip::NoRepository)?;
    if repo.is_shallow().map_err(failed)? {
        return Err(Skip::Shallow);
    }
    let workdir = repo.workdir().ok_or(Skip::NoRepository)?;
    let workdir = workdir.canonicalize().map_err(failed)?;
    let file = roadmap.canonicalize().map_err(failed)?;
    let path = file
        .strip_prefix(&workdir)
        .map_err(|_| Skip::NoRepository)?
        .to_path_buf();
    let newest_first = versions(&repo, path)?;
    if newest_first.is_empty() {
        return Err(Skip::NotCommitted);
    }
    let commits = newest_first.len();
    let mut changes: Vec<Change> = Vec::new();
    for (day, blob) in newest_first.into_iter().rev() {
        if changes.last().is_none_or(|c| c.blob != blob) {
            changes.push(Change { day, blob });
        }
    }
    Ok(Walked {
        repo,
        changes,
        commits,
    })
}

/// `(day, blob)` of the file at every first-parent commit from HEAD, newest first.
fn versions(repo: &gix::Repository, mut path: PathBuf) -> Result<Vec<(i64, ObjectId)>, Skip> {
    let mut commit = repo.head_commit().map_err(|_| Skip::NotCommitted)?;
    let mut newest_first: Vec<(i64, ObjectId)> = Vec::new();
    loop {
        let tree = commit.tree().map_err(failed)?;
        let entry = tree.lookup_entry_by_path(&path).map_err(failed)?;
        let blob = match entry {
            Some(entry) if entry.mode().is_blob() => entry.object_id(),
            _ => match newest_first.last() {
                Some(&(_, newer)) => match renamed(repo, tree.id, newer)? {
                    Some((from, blob)) => {
                        path = from;
                        blob
                    }
                    None => break,
                },
                None => break,
            },
        };
        let time = commit.time().map_err(failed)?;
        newest_first.push((date::day_of(time.seconds, time.offset), blob));
        let Some(parent) = commit.parent_ids().next() else {
            break;
        };
        commit = repo.find_commit(parent).map_err(failed)?;
    }
    Ok(newest_first)
}

/// The blob's bytes.
pub fn read(repo: &gix::Repository, blob: ObjectId) -> Result<Vec<u8>, Skip> {
    Ok(repo.find_blob(blob).map_err(failed)?.data.clone())
}

/// Where the file `newer` was before a rename: the same blob under another path,
/// else the `.md` file with the most shared lines (at least half of them).
fn renamed(
    repo: &gix::Repository,
    tree: ObjectId,
    newer: ObjectId,
) -> Result<Option<(PathBuf, ObjectId)>, Skip> {
    let mut files = Vec::new();
    markdown_files(repo, tree, PathBuf::new(), &mut files)?;
    if let Some(same) = files.iter().find(|(_, id)| *id == newer) {
        return Ok(Some(same.clone()));
    }
    let newer_text = read(repo, newer)?;
    let newer_lines = lines(&newer_text);
    let mut best: Option<(f64, PathBuf, ObjectId)> = None;
    for (path, id) in files {
        let text = read(repo, id)?;
        let older = lines(&text);
        let shared = newer_lines.intersection(&older).count();
        let score = shared as f64 / newer_lines.len().max(older.len()).max(1) as f64;
        if score >= 0.5 && best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best = Some((score, path, id));
        }
    }
    Ok(best.map(|(_, path, id)| (path, id)))
}

fn lines(text: &[u8]) -> HashSet<&[u8]> {
    text.split(|&b| b == b'\n')
        .map(|l| l.trim_ascii())
        .filter(|l| !l.is_empty())
        .collect()
}

fn markdown_files(
    repo: &gix::Repository,
    tree: ObjectId,
    prefix: PathBuf,
    out: &mut Vec<(PathBuf, ObjectId)>,
) -> Result<(), Skip> {
    let tree = repo.find_tree(tree).map_err(failed)?;
    let mut entries = Vec::new();
    for entry in tree.iter() {
        let entry = entry.map_err(failed)?;
        let name = entry.filename().to_string();
        entries.push((entry.mode(), name, entry.object_id()));
    }
    for (mode, name, id) in entries {
        let path = prefix.join(&name);
        if mode.is_tree() {
            markdown_files(repo, id, path, out)?;
        } else if mode.is_blob() && name.to_lowercase().ends_with(".md") {
            out.push((path, id));
        }
    }
    Ok(())
}
