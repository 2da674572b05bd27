//! [`SiteOutput`] → the output folder on disk, all at once: files are written to a
//! staging folder beside it which then replaces it in one rename. Files the tool did
//! not write (per its manifest) are carried over untouched and never overwritten.

mod existing;
mod stage;

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use existing::{Existing, Kind, remove_tree, restore_dir_metadata};
use stage::{Staged, place, stage_files};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::output::SiteOutput;

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
    /// Problems that did not stop the build (a leftover folder that could not go).
    pub warnings: Vec<String>,
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
    check_conflicts(dir, output, &existing.foreign)?;
    let result = stage(dir, &staging, output, &existing)
        .and_then(|staged| Ok((staged, swap(&staging, dir, &old)?)));
    let staged = match result {
        Ok((staged, leftover)) => {
            if let Err(e) = remove_tree(&leftover) {
                warnings.push(format!(
                    "the new site is in place, but the previous copy at {} could not be \
                     removed ({e}); delete it by hand",
                    leftover.display()
                ));
            }
            staged
        }
        Err(error) => {
            let _ = remove_tree(&staging);
            return Err(error);
        }
    };
    let produced: HashSet<&Path> = output.iter().map(|(p, _)| Path::new(p)).collect();
    Ok(WriteReport {
        dir: dir.to_path_buf(),
        written: output.len(),
        unchanged: staged.unchanged,
        kept: existing
            .foreign
            .iter()
            .filter(|(_, k)| *k != Kind::EmptyDir)
            .count(),
        removed: existing
            .previous
            .iter()
            .filter(|p| !produced.contains(p.as_path()))
            .count(),
        warnings,
    })
}

/// Cleans up after a build that was killed: a staging folder is ours and incomplete;
/// an `old` folder is the previous site, to be put back if the swap did not finish.
fn recover(dir: &Path, staging: &Path, old: &Path, warnings: &mut Vec<String>) -> Result<()> {
    if staging.exists() && remove_tree(staging).is_err() {
        let aside = staging.with_extension(format!("trash-{}", std::process::id()));
        std::fs::rename(staging, &aside).map_err(|e| Error::io(staging, e))?;
        warnings.push(format!(
            "could not remove {}; moved it to {}",
            staging.display(),
            aside.display()
        ));
    }
    if old.exists() {
        if dir.exists() {
            remove_tree(old).map_err(|e| Error::io(old, e))?;
        } else {
            std::fs::rename(old, dir).map_err(|e| Error::io(old, e))?;
        }
    }
    Ok(())
}

fn check_conflicts(dir: &Path, output: &SiteOutput, foreign: &[(PathBuf, Kind)]) -> Result<()> {
    // A user's entry clashes when it is an output file, a folder that would hold
    // one, or sits below an output file. Hashed, so that a big `.git` in the output
    // folder costs its size, not its size times the site's.
    let files: HashSet<&Path> = output.iter().map(|(p, _)| Path::new(p)).collect();
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
            "{} file(s) in the output folder were not written by roadmap-site and would be \
             overwritten: {}",
            conflicts.len(),
            conflicts.join(", ")
        ),
        hint: "move or rename them; roadmap-site never overwrites files it did not write".into(),
    })
}

fn stage(dir: &Path, staging: &Path, output: &SiteOutput, existing: &Existing) -> Result<Staged> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| Error::io(path, e)
    };
    std::fs::create_dir(staging).map_err(io(staging))?;
    let mut manifest = String::from(
        "# Files written by roadmap-site. Other files in this folder are yours: they are\n\
         # kept as they are by every build and never overwritten.\n",
    );
    let staged = stage_files(dir, staging, output, &existing.previous)?;
    for (path, _) in output.iter() {
        manifest.push_str(path);
        manifest.push('\n');
    }
    // An unchanged manifest is kept too, so that a build that changed nothing
    // changes no file.
    place(
        Some(&dir.join(MANIFEST)),
        &staging.join(MANIFEST),
        manifest.as_bytes(),
        &mut Vec::new(),
    )?;
    for (path, kind) in &existing.foreign {
        let (from, to) = (dir.join(path), staging.join(path));
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
    restore_dir_metadata(staging, &existing.dirs);
    Ok(staged)
}

fn make_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e)),
        None => Ok(()),
    }
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
