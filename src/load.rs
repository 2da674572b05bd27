//! The site folder → [`Sources`]: the roadmap and the note files, decoded and
//! repaired, and the other files of the notes folder (images) to publish.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::encoding;
use crate::error::{Error, Result};
use crate::memo::Memo;
use crate::source::{ReadError, SourceFile};

/// The input files of one build.
#[derive(Debug)]
pub struct Sources {
    /// The roadmap Markdown.
    pub roadmap: SourceFile,
    /// Notes (`*.md` under the notes folder), sorted by path.
    pub notes: Vec<NoteFile>,
    /// Other files under the notes folder, published under `notes/`.
    pub assets: Vec<Asset>,
}

/// A note file.
#[derive(Debug)]
pub struct NoteFile {
    /// Its text.
    pub source: SourceFile,
    /// Its path inside the notes folder, `/`-separated.
    pub relative: String,
}

/// A file next to the notes (an image, a PDF).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path inside the notes folder, `/`-separated.
    pub relative: String,
    /// Where it is on disk.
    pub path: PathBuf,
}

/// Reads the inputs named by the configuration, the roadmap and the notes at the
/// same time; a note unchanged since the build `memo` remembers is not decoded
/// again. Encoding repairs become warnings; a note that cannot be read is an error,
/// and every such note is reported.
pub fn load(config: &Config, memo: &Memo, diagnostics: &mut Vec<Diagnostic>) -> Result<Sources> {
    load_then(config, memo, diagnostics, |_| ()).map(|(sources, ())| sources)
}

/// [`load`], and `then` run on the roadmap as soon as it is read, while the notes
/// are still being read: parsing a 10,000-task roadmap (40 ms) and reading its 5,000
/// notes (60 ms of CPU) then share the cores instead of taking turns. `then` runs
/// whenever the roadmap is read, even if the notes then fail and its result is
/// dropped: the caller undoes what it started (the pipeline abandons the code cache).
pub fn load_then<R: Send>(
    config: &Config,
    memo: &Memo,
    diagnostics: &mut Vec<Diagnostic>,
    then: impl FnOnce(&SourceFile) -> R + Send,
) -> Result<(Sources, R)> {
    let mut found = Vec::new();
    let (roadmap, notes) = rayon::join(
        || {
            roadmap(config, diagnostics).map(|roadmap| {
                let made = then(&roadmap);
                (roadmap, made)
            })
        },
        || notes(config, memo, &mut found),
    );
    let (roadmap, made) = roadmap?;
    diagnostics.append(&mut found);
    let (notes, assets) = notes?;
    let sources = Sources {
        roadmap,
        notes,
        assets,
    };
    Ok((sources, made))
}

/// Reads the roadmap file: the [`load`] of the roadmap alone.
pub fn roadmap(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Result<SourceFile> {
    let shown = config.roadmap.as_path();
    let bytes = match crate::source::read_input(&config.path(shown)) {
        Ok(bytes) => bytes,
        // Commands look before reading (cmd::site); this is a file removed since, or
        // serve's rebuild after the roadmap was deleted or renamed.
        Err(ReadError::NotFound) => {
            let full = std::path::absolute(config.path(shown)).unwrap_or_else(|_| shown.into());
            let diagnostic = Diagnostic::file(Severity::Error, full, "roadmap file not found");
            return Err(Error::Missing(Box::new(diagnostic.with_hint(
                "write your roadmap there, or set `roadmap` in roadmap.toml to where it is",
            ))));
        }
        Err(ReadError::Io(e)) => return Err(Error::io(config.path(shown), e)),
        Err(refused) => {
            let (message, hint) = refused.message();
            let diagnostic = Diagnostic::file(Severity::Error, shown, message);
            return Err(Error::Content(vec![diagnostic.with_hint(hint)]));
        }
    };
    decode(shown, &bytes, diagnostics).ok_or_else(|| Error::Content(diagnostics.clone()))
}

fn decode(shown: &Path, bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    match encoding::decode(shown, bytes) {
        Ok((source, warnings)) => {
            diagnostics.extend(warnings);
            Some(source)
        }
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            None
        }
    }
}

/// Editor and system files that are never content: swap and backup files, lock
/// files, vim's `4913` probe, hidden files. `.orig` is the backup `fix-encoding` (and
/// patch, and git's merge tool) leaves: a garbled note's original must not be
/// published next to it.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("#")
        || name.ends_with('~')
        || name.ends_with(".orig")
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// A note file's path inside the notes folder, its text (unless it could not be
/// decoded) and the warnings or error about it.
type Decoded = (String, Option<SourceFile>, Vec<Diagnostic>);

/// Reads the notes folder: the [`load`] of the notes and the files next to them.
fn notes(
    config: &Config,
    memo: &Memo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Vec<NoteFile>, Vec<Asset>)> {
    let dir = config.path(&config.notes_dir);
    let mut notes = Vec::new();
    let mut assets = Vec::new();
    if !dir.is_dir() {
        return Ok((notes, assets));
    }
    // Unsorted (walkdir's sorting by name was most of the walk's time); sorted below.
    let walker = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    let mut files = Vec::new();
    for entry in walker {
        // A folder that cannot be read is an error of the run, not its end: the other
        // notes are read, so that their problems are reported too.
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(&dir);
                let shown = match path.strip_prefix(&dir) {
                    Ok(inside) => config.notes_dir.join(inside),
                    Err(_) => path.to_path_buf(),
                };
                let top = e.depth() == 0;
                let is_dir = path.is_dir();
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), ToString::to_string);
                diagnostics.push(unreadable(&shown, &reason, is_dir, top));
                continue;
            }
        };
        let relative = entry
            .path()
            .strip_prefix(&dir)
            .expect("inside the notes folder");
        let relative = relative.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_symlink() {
            // A link to a file is read as the file (notes kept elsewhere and linked
            // in); links to folders are not followed, so a loop cannot be.
            match std::fs::metadata(entry.path()) {
                Ok(target) if target.is_file() => {}
                found => {
                    let shown = config.notes_dir.join(&relative);
                    diagnostics.push(unfollowed_link(&shown, found));
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            if !entry.file_type().is_dir() {
                let shown = config.notes_dir.join(&relative);
                diagnostics.push(unfollowed_link(&shown, std::fs::metadata(entry.path())));
            }
            continue;
        }
        let path = entry.into_path();
        if relative.ends_with(".md") {
            files.push((relative, path));
        } else {
            assets.push(Asset { relative, path });
        }
    }
    // Name by name, folder by folder: the order of a walk sorted by file name.
    let by_name = |a: &str, b: &str| a.split('/').cmp(b.split('/'));
    files.sort_unstable_by(|a, b| by_name(&a.0, &b.0));
    assets.sort_unstable_by(|a, b| by_name(&a.relative, &b.relative));
    // Notes are read and decoded in parallel, then kept in file-name order with their
    // warnings, so the result does not depend on the number of threads.
    let read: Vec<Result<Decoded>> = files
        .into_par_iter()
        .map(|(relative, path)| {
            let shown = config.notes_dir.join(&relative);
            let (source, found) = memo.read_file(&path, &shown, || {
                // A note that cannot be read is an error of the run, not its end, as
                // a folder that cannot be read is.
                let bytes = match crate::source::read_input(&path) {
                    Ok(bytes) => bytes,
                    Err(ReadError::Io(e)) => {
                        return Ok((None, vec![unreadable(&shown, &e.to_string(), false, false)]));
                    }
                    Err(refused) => {
                        let (message, hint) = refused.message();
                        let diagnostic = Diagnostic::file(Severity::Error, &shown, message);
                        return Ok((None, vec![diagnostic.with_hint(hint)]));
                    }
                };
                let mut found = Vec::new();
                let source = decode(&shown, &bytes, &mut found);
                Ok((source, found))
            })?;
            Ok((relative, source, found))
        })
        .collect();
    for result in read {
        let (relative, source, found) = result?;
        diagnostics.extend(found);
        if let Some(source) = source {
            notes.push(NoteFile { source, relative });
        }
    }
    Ok((notes, assets))
}

/// An entry of the notes folder that is not read: a link to a folder, a broken link or
/// a loop, a named pipe, socket or device (which could block a read for ever).
fn unfollowed_link(shown: &Path, target: std::io::Result<std::fs::Metadata>) -> Diagnostic {
    let (what, hint) = match target {
        Ok(meta) if meta.is_dir() => (
            "this link to a folder is not followed".to_string(),
            "link the note files themselves, or move the folder into the notes folder",
        ),
        Ok(_) => (
            "this is not a file but a named pipe, socket or device; it is skipped".to_string(),
            "move it out of the notes folder",
        ),
        Err(e) => (
            format!("this link leads nowhere: {e}"),
            "point it at an existing note file, or remove it",
        ),
    };
    Diagnostic::file(Severity::Warning, shown, what).with_hint(hint)
}

/// A folder (or file) of the notes folder that cannot be read, said once: walkdir's
/// error names the path and the system's reason, and again as its cause.
fn unreadable(shown: &Path, reason: &str, is_dir: bool, top: bool) -> Diagnostic {
    let what = if is_dir { "folder" } else { "file" };
    let hint = if top {
        "check its permissions (a folder needs read and execute: `chmod u+rx`), or set \
         `notes_dir` in roadmap.toml to another folder"
    } else {
        "check its permissions (a folder needs read and execute: `chmod u+rx`), or move it \
         out of the notes folder if it is not meant to be published"
    };
    Diagnostic::file(
        Severity::Error,
        shown,
        format!("cannot read this {what}: {reason}"),
    )
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_files_come_in_the_order_of_a_walk_sorted_by_name() {
        let site = tempfile::tempdir().unwrap();
        let notes = site.path().join("content/notes");
        for file in [
            "z/y/x.md",
            "a.md",
            "a-c.md",
            "a/b.md",
            "B.md",
            "a/img.png",
            "a.png",
        ] {
            let path = notes.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text\n").unwrap();
        }
        let config = Config::load(site.path()).unwrap();
        let (notes, assets) = super::notes(&config, &Memo::default(), &mut Vec::new()).unwrap();
        // A folder's files come where its name sorts, before `a-c.md` (a plain sort of
        // the paths would put `a/b.md` after `a.md`).
        let names: Vec<&str> = notes.iter().map(|n| n.relative.as_str()).collect();
        assert_eq!(names, ["B.md", "a/b.md", "a-c.md", "a.md", "z/y/x.md"]);
        let files: Vec<&str> = assets.iter().map(|a| a.relative.as_str()).collect();
        assert_eq!(files, ["a/img.png", "a.png"]);
    }

    /// As root, permissions do not apply and the folder is read: then the diagnostic is
    /// made as the walk would make it, so the test still checks its text.
    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_is_named_once_with_a_hint_and_the_other_notes_are_read() {
        use std::os::unix::fs::PermissionsExt;
        let site = tempfile::tempdir().unwrap();
        let notes = site.path().join("content/notes");
        std::fs::create_dir_all(notes.join("private")).unwrap();
        std::fs::write(notes.join("private/secret.md"), "text\n").unwrap();
        std::fs::write(notes.join("a.md"), "text\n").unwrap();
        let private = notes.join("private");
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o000)).unwrap();
        let config = Config::load(site.path()).unwrap();
        let mut diagnostics = Vec::new();
        let read = super::notes(&config, &Memo::default(), &mut diagnostics);
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o755)).unwrap();
        let (notes, _) = read.unwrap();
        let names: Vec<&str> = notes.iter().map(|n| n.relative.as_str()).collect();
        let (text, reason) = if names == ["a.md"] {
            assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
            (
                diagnostics[0].to_string(),
                "Permission denied (os error 13)",
            )
        } else {
            assert_eq!(names, ["a.md", "private/secret.md"]);
            let reason = "permission denied";
            let shown = Path::new("content/notes/private");
            (unreadable(shown, reason, true, false).to_string(), reason)
        };
        assert_eq!(
            text,
            format!(
                "content/notes/private: error: cannot read this folder: {reason}\n  \
                 = help: check its permissions (a folder needs read and execute: `chmod \
                 u+rx`), or move it out of the notes folder if it is not meant to be published"
            )
        );
    }
}
