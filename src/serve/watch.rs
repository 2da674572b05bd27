//! File-system events in the site folder → debounced [`Batch`]es of changed inputs.
//!
//! Watched: `roadmap.toml` and the roadmap file, `content/`, `themes/` and the notes
//! folder (recursively, so folders created later are watched too). Ignored: the output
//! folder, editor temp files (`load::is_ignored`: `*.swp`, `*~`, `.#*`, `4913`, hidden
//! files) and plain reads. An editor's atomic save (write a temp file, rename it over
//! the note) is seen as a change of the note. A folder that is removed and made again
//! (or created after the start) is watched again after the next batch. A tool's
//! scratch files that come and go within a batch (sed -i's `sedXXXXXX`) still cause
//! a rebuild but are not named to the user ([`Batch::shown`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::load::is_ignored;

/// A batch ends once no event came for this long: an editor's save is a burst of a
/// few events within milliseconds, and this wait adds to every reload's latency. A
/// batch cut short only costs a rebuild: one that finds nothing new tells no page.
const QUIET: Duration = Duration::from_millis(20);
/// When the last event finished a write (a file closed after writing, renamed into
/// place, or removed), the save is most likely complete: wait only this long.
const SETTLE: Duration = Duration::from_millis(5);
/// ... or at the latest after this long, so a process writing without pause (a
/// `git checkout` of many files) still gets a rebuild now and then.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// The changes of one burst of events.
#[derive(Debug, Default)]
pub struct Batch {
    /// Changed inputs, relative to the site folder where they are inside it; sorted.
    pub paths: BTreeSet<PathBuf>,
    /// Watcher problems (lost events, a folder that could not be watched).
    pub warnings: Vec<Diagnostic>,
    /// The last relevant event finished a write.
    complete: bool,
    /// Paths created within the batch.
    created: BTreeSet<PathBuf>,
    /// Paths gone by the end of the batch that were created within it or are named
    /// like a tool's scratch file: not worth naming, though a build may have read them.
    scratch: BTreeSet<PathBuf>,
}

impl Batch {
    /// The changed paths worth naming to the user: all but a tool's scratch files.
    pub fn shown(&self) -> impl Iterator<Item = &Path> {
        (self.paths.iter())
            .filter(|p| !self.scratch.contains(*p))
            .map(PathBuf::as_path)
    }
}

/// The names of scratch files that editors and tools leave for a moment and the build
/// does not ignore: sed -i's `sedXXXXXX` (six letters or digits).
fn is_scratch_name(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.len() == 9
        && name.starts_with("sed")
        && name[3..].bytes().all(|b| b.is_ascii_alphanumeric())
}

/// What to watch and what to ignore, from the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scope {
    /// Single files: `roadmap.toml` and the roadmap.
    files: Vec<PathBuf>,
    /// Folders watched recursively, none inside another.
    dirs: Vec<PathBuf>,
    /// The output folder, never an input.
    output: PathBuf,
}

impl Scope {
    fn of(root: &Path, config: &Config) -> Scope {
        let roadmap = root.join(&config.roadmap);
        let mut dirs: Vec<PathBuf> = [
            root.join("content"),
            root.join("themes"),
            root.join(&config.notes_dir),
        ]
        .into_iter()
        .chain(roadmap.parent().map(Path::to_path_buf))
        .filter(|dir| dir != root)
        .collect();
        dirs.sort();
        dirs.dedup();
        let inside_another =
            |d: &PathBuf, all: &[PathBuf]| all.iter().any(|o| o != d && d.starts_with(o));
        let all = dirs.clone();
        dirs.retain(|d| !inside_another(d, &all));
        Scope {
            files: vec![root.join(CONFIG_FILE), roadmap],
            dirs,
            output: root.join(&config.output_dir),
        }
    }

    /// True for a path whose change can change the site.
    fn covers(&self, path: &Path) -> bool {
        if path.starts_with(&self.output) {
            return false;
        }
        if self.files.iter().any(|f| f == path) {
            return true;
        }
        self.dirs.iter().any(|dir| {
            path.strip_prefix(dir).is_ok_and(|inside| {
                !inside.components().any(|c| {
                    let name = c.as_os_str().to_string_lossy();
                    is_ignored(&name) || is_editor_temp(&name)
                })
            })
        })
    }
}

/// Temporary files of editors beyond those the build ignores: JetBrains IDEs' safe
/// write (`note.md___jb_tmp___`) and Chrome's File System Access swap (`.crswap`).
fn is_editor_temp(name: &str) -> bool {
    name.ends_with("___jb_tmp___") || name.ends_with("___jb_old___") || name.ends_with(".crswap")
}

/// Events that change nothing: opening, reading and closing a file unchanged (the
/// builds themselves cause these), and access-time updates.
fn is_read_only(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => false,
        EventKind::Access(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => true,
        _ => false,
    }
}

/// Events that usually end a save: the file closed after writing, renamed into place
/// (atomic saves), or removed.
fn completes_a_write(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Remove(_)
    )
}

/// A watcher of one site folder.
pub struct Watcher {
    inner: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    root: PathBuf,
    scope: Scope,
    /// Folders with a recursive watch in place.
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching the inputs named by `config`. Returns the watcher and the folders
    /// that could not be watched, as warnings.
    pub fn new(config: &Config) -> Result<(Watcher, Vec<Diagnostic>)> {
        let root = std::path::absolute(&config.root).map_err(|e| Error::io(&config.root, e))?;
        let (sender, events) = channel();
        let mut inner = notify::recommended_watcher(sender).map_err(|e| watch_error(&root, e))?;
        // The root itself, not recursively: for roadmap.toml and for `content/` or
        // `themes/` appearing later (never the whole folder: it may hold target/).
        inner
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&root, e))?;
        let scope = Scope::of(&root, config);
        let mut watcher = Watcher {
            inner,
            events,
            root,
            scope,
            watched: BTreeSet::new(),
        };
        let warnings = watcher.sync(&BTreeSet::new());
        Ok((watcher, warnings))
    }

    /// Follows a new configuration (another notes folder or roadmap file).
    pub fn update(&mut self, config: &Config) -> Vec<Diagnostic> {
        self.scope = Scope::of(&self.root, config);
        self.sync(&BTreeSet::new())
    }

    /// Puts a recursive watch on every folder of the scope that exists, again on one
    /// that was just created or removed (its old watch died with it).
    fn sync(&mut self, touched: &BTreeSet<PathBuf>) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        let wanted: BTreeSet<PathBuf> = self.scope.dirs.iter().cloned().collect();
        for dir in self.watched.clone() {
            if !wanted.contains(&dir) || !dir.is_dir() {
                let _ = self.inner.unwatch(&dir);
                self.watched.remove(&dir);
            }
        }
        for dir in wanted.into_iter().filter(|d| d.is_dir()) {
            let stale = touched.contains(&dir);
            if self.watched.contains(&dir) && !stale {
                continue;
            }
            if stale {
                let _ = self.inner.unwatch(&dir);
            }
            match self.inner.watch(&dir, RecursiveMode::Recursive) {
                Ok(()) => {
                    self.watched.insert(dir);
                }
                Err(e) => {
                    let shown = dir.strip_prefix(&self.root).unwrap_or(&dir);
                    let message = format!("cannot watch this folder for changes: {e}");
                    warnings.push(
                        Diagnostic::file(Severity::Warning, shown, message).with_hint(
                            "changes in it are not noticed; on Linux, raise \
                             fs.inotify.max_user_watches or max_user_instances",
                        ),
                    );
                }
            }
        }
        warnings
    }

    /// Waits for a change and returns the whole burst it belongs to.
    pub fn next_batch(&mut self) -> Batch {
        loop {
            if let Some(batch) = self.next_batch_within(None) {
                return batch;
            }
        }
    }

    /// As [`Watcher::next_batch`], giving up after `limit` without a relevant event.
    pub fn next_batch_within(&mut self, limit: Option<Duration>) -> Option<Batch> {
        let mut batch = Batch::default();
        let mut touched = BTreeSet::new();
        let deadline = limit.map(|l| Instant::now() + l);
        // Wait for the first relevant event …
        while batch.paths.is_empty() && batch.warnings.is_empty() {
            let event = match deadline {
                None => self.events.recv().ok()?,
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    self.events.recv_timeout(left).ok()?
                }
            };
            self.add(event, &mut batch, &mut touched);
        }
        // … then for the burst to end (no relevant event for a while). A batch ended
        // too early costs one more rebuild, which tells no page if nothing changed.
        let started = Instant::now();
        let mut quiet = if batch.complete { SETTLE } else { QUIET };
        while started.elapsed() < MAX_WAIT {
            match self.events.recv_timeout(quiet) {
                Ok(event) => {
                    if self.add(event, &mut batch, &mut touched) {
                        quiet = if batch.complete { SETTLE } else { QUIET };
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        batch.warnings.extend(self.sync(&touched));
        batch.scratch = (batch.paths.iter())
            .filter(|p| batch.created.contains(*p) || is_scratch_name(p))
            .filter(|p| std::fs::symlink_metadata(self.root.join(p)).is_err())
            .cloned()
            .collect();
        Some(batch)
    }

    /// Adds an event's relevant paths to the batch; true if it had any.
    fn add(
        &self,
        event: notify::Result<Event>,
        batch: &mut Batch,
        touched: &mut BTreeSet<PathBuf>,
    ) -> bool {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                // Events may have been lost: rebuild to be sure.
                let message = format!("file watcher: {e}");
                batch.warnings.push(
                    Diagnostic::general(Severity::Warning, message)
                        .with_hint("changes may have been missed: the site is rebuilt to be sure"),
                );
                batch.paths.insert(PathBuf::from("(unknown)"));
                batch.complete = false;
                return true;
            }
        };
        let mut relevant = false;
        if event.need_rescan() {
            batch.paths.insert(PathBuf::from("(events lost)"));
            relevant = true;
        }
        if is_read_only(&event.kind) {
            return relevant;
        }
        for path in event.paths.iter().filter(|p| self.scope.covers(p)) {
            if self.scope.dirs.contains(path) {
                touched.insert(path.clone());
            }
            let shown = path.strip_prefix(&self.root).unwrap_or(path);
            if matches!(event.kind, EventKind::Create(_)) {
                batch.created.insert(shown.to_path_buf());
            }
            batch.paths.insert(shown.to_path_buf());
            relevant = true;
        }
        if relevant {
            batch.complete = completes_a_write(&event.kind);
        }
        relevant
    }
}

fn watch_error(path: &Path, error: notify::Error) -> Error {
    Error::Refused {
        message: format!("cannot watch {} for changes: {error}", path.display()),
        hint: "on Linux, raise fs.inotify.max_user_watches or max_user_instances".into(),
    }
}

#[cfg(test)]
mod tests;
