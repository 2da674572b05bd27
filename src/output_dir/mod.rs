//! Site files → the output folder on disk, all at once: files are written to a
//! staging folder beside it ([`Staging`]) which then replaces it in one rename. Files
//! the tool did not write (per its manifest) are carried over untouched and never
//! overwritten; what the user writes into the folder while the build runs, after the
//! last look at it, ends up in the new folder too ([`reconcile`]): the previous tree
//! is emptied entry by entry, never removed whole.
//!
//! Beside `public/`, a build uses `.public.roadmap-site-staging` (being written: the
//! tool's, removed whole if a build is killed), `.public.roadmap-site-swap` (complete,
//! then the previous tree after the exchange) and `.public.roadmap-site-old` (the
//! previous tree where there is no exchange). A kept-aside previous tree is renamed
//! `public.roadmap-site-kept-N` and never touched again. Two builds into one folder
//! take turns ([`lock`]).

mod existing;
mod lock;
mod reconcile;
mod staging;

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};

use existing::{Kind, read_manifest, remove_tree};
use rayon::prelude::*;
use reconcile::{Known, Ours, reconcile};
pub use staging::Staging;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::output::{Sink, SiteOutput};

/// Lists, inside the output folder, the files the tool wrote there.
pub const MANIFEST: &str = ".roadmap-site-manifest";

/// What a write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// The output folder, as resolved.
    pub dir: PathBuf,
    /// Files of the site (the manifest excluded): new, changed and unchanged ones.
    pub written: usize,
    /// Of those, files whose bytes were the same as in the previous build: they are
    /// the previous build's files, untouched (same inode, same modification time).
    pub unchanged: usize,
    /// Files of the user's that were kept as they were.
    pub kept: usize,
    /// Files written by an earlier build and no longer produced.
    pub removed: usize,
    /// Problems that did not stop the build (a leftover folder that could not go),
    /// each about the folder it concerns.
    pub warnings: Vec<Diagnostic>,
}

/// Writes the site into the configured output folder.
pub fn write_site(config: &Config, output: &SiteOutput) -> Result<WriteReport> {
    let dir = check_output_dir(config)?;
    write_to(&dir, output)
}

/// Resolves the output folder and refuses one whose replacement would lose work: the
/// site root or a folder containing it, the content or theme folders (or a folder
/// inside them), the home folder, or a filesystem root.
pub fn check_output_dir(config: &Config) -> Result<PathBuf> {
    let root = resolve(&config.root);
    let dir = resolve(&config.root.join(&config.output_dir));
    let shown = config.output_dir.display();
    let refuse = |why: String| {
        Error::Refused {
        message: format!("refusing to use `{shown}` as the output folder: {why}"),
        hint: "set `output_dir` in roadmap.toml (or --output) to a folder of its own, such as `public`".into(),
    }
    };
    if dir.parent().is_none() || dir.file_name().is_none() {
        return Err(refuse("it is a filesystem root".into()));
    }
    if root.starts_with(&dir) {
        return Err(refuse("it is or contains the site folder".into()));
    }
    if std::env::home_dir().is_some_and(|home| resolve(&home).starts_with(&dir)) {
        return Err(refuse("it is or contains your home folder".into()));
    }
    let content = config.roadmap.parent().unwrap_or(Path::new(""));
    let protected_dirs = [content, config.notes_dir.as_path(), Path::new("themes")];
    // An empty path is the site root itself (a roadmap kept there), checked above.
    for protected in protected_dirs
        .into_iter()
        .filter(|p| !p.as_os_str().is_empty())
    {
        let protected = resolve(&config.root.join(protected));
        if protected.starts_with(&dir) || dir.starts_with(&protected) {
            let name = protected
                .strip_prefix(&root)
                .unwrap_or(&protected)
                .display()
                .to_string();
            return Err(refuse(format!("it overlaps the `{name}` folder")));
        }
    }
    Ok(dir)
}

/// Makes a path absolute and resolves symbolic links in the part that exists.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Writes `output` into `dir` through a staging folder and an atomic swap.
pub fn write_to(dir: &Path, output: &SiteOutput) -> Result<WriteReport> {
    let staging = Staging::begin(dir)?;
    let files: Vec<(&str, &[u8])> = output.iter().collect();
    files
        .par_iter()
        .try_for_each(|(path, bytes)| staging.put(path, bytes))?;
    staging.commit()
}

/// Cleans up after a build that was killed: the staging folder is ours and
/// incomplete (the user's files in it are second links to those in `dir`); `old` is
/// the previous site, put back if the swap did not finish; a previous tree (`old`, or
/// `ready` after an exchange) or a complete new one (`ready` before it) is reconciled
/// with `dir` by its own manifest, as nothing recorded what its files were.
fn recover(
    dir: &Path,
    [staging, ready, old]: [&Path; 3],
    warnings: &mut Vec<Diagnostic>,
) -> Result<()> {
    if staging.exists() && remove_tree(staging).is_err() {
        let aside = staging.with_extension(format!("trash-{}", std::process::id()));
        std::fs::rename(staging, &aside).map_err(|e| Error::io(staging, e))?;
        let message = format!(
            "could not remove {}, left by an unfinished build; moved it here",
            staging.display()
        );
        warnings.push(
            Diagnostic::file(Severity::Warning, aside, message)
                .with_hint("delete it: no build uses it"),
        );
    }
    if old.exists() && !dir.exists() {
        std::fs::rename(old, dir).map_err(|e| Error::io(old, e))?;
    }
    for leftover in [old, ready] {
        if !leftover.exists() {
            continue;
        }
        // Unreadable, a manifest lists nothing: its files are then kept, not lost.
        let site_files = read_manifest(dir).unwrap_or_default();
        let known = Known {
            ours: Ours::Listed(read_manifest(leftover).unwrap_or_default()),
            carried: &HashMap::new(),
            site: &site_files.iter().map(String::as_str).collect(),
        };
        warnings.extend(reconcile(leftover, dir, &known));
        if leftover.exists() {
            return Err(Error::Refused {
                message: format!("{} could not be cleared", leftover.display()),
                hint: "move what you need from it into the output folder and delete it".into(),
            });
        }
    }
    Ok(())
}

fn check_conflicts(dir: &Path, paths: &[&str], foreign: &[(PathBuf, Kind)]) -> Result<()> {
    // A user's entry clashes when it is an output file, a folder that would hold
    // one, or sits below an output file. Hashed, so that a big `.git` in the output
    // folder costs its size, not its size times the site's.
    let files: HashSet<&Path> = paths.iter().map(Path::new).collect();
    let folders: HashSet<&Path> = files.iter().flat_map(|p| p.ancestors().skip(1)).collect();
    let mut conflicts = Vec::new();
    for (path, kind) in foreign {
        let clashes = path.ancestors().any(|a| files.contains(a))
            || (*kind != Kind::EmptyDir && folders.contains(path.as_path()));
        if clashes {
            conflicts.push(dir.join(path).display().to_string());
        }
    }
    if conflicts.is_empty() {
        return Ok(());
    }
    Err(Error::Refused {
        message: format!(
            "{} in the output folder {} not written by roadmap-site and would be overwritten: {}",
            crate::plural::plural(conflicts.len(), "file"),
            if conflicts.len() == 1 { "was" } else { "were" },
            conflicts.join(", ")
        ),
        hint: "move or rename them; roadmap-site never overwrites files it did not write".into(),
    })
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    std::fs::copy(target, link).map(|_| ())
}

/// A relative output path made of normal components only.
fn safe_relative(path: &str) -> Result<PathBuf> {
    let p = Path::new(path);
    if p.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(p.to_path_buf())
    } else {
        Err(Error::Refused {
            message: format!("refusing to write `{path}` outside the output folder"),
            hint: "this is a bug in a theme or in roadmap-site; please report it".into(),
        })
    }
}

/// Puts the staging folder in place of `dir`: one atomic exchange where the system
/// has it, else two renames (a kill in between is repaired by `recover`, a failure of
/// the second is undone at once). Returns the folder now holding the previous site.
fn swap(staging: &Path, dir: &Path, old: &Path) -> Result<PathBuf> {
    if !dir.exists() {
        std::fs::rename(staging, dir).map_err(|e| Error::io(dir, e))?;
        return Ok(staging.to_path_buf());
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, dir, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the previous site: our old files and second links
            // to the user's files, which live on in the new folder.
            return Ok(staging.to_path_buf());
        }
    }
    std::fs::rename(dir, old).map_err(|e| Error::io(dir, e))?;
    if let Err(e) = std::fs::rename(staging, dir) {
        let _ = std::fs::rename(old, dir);
        return Err(Error::io(dir, e));
    }
    Ok(old.to_path_buf())
}

#[cfg(test)]
mod tests;
