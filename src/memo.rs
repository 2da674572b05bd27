//! Results of the previous build (note files read, the parsed roadmap, rendered
//! notes, rendered pages), kept by `serve` and
//! reused when a fingerprint of everything they were made from is unchanged: a note
//! edit re-renders that note and the pages whose data changed, not the whole site.
//!
//! A fingerprint covers all inputs of the result, so a reused result is the one that
//! would be computed; `tests/fast_path.rs` checks that a build after edits through
//! the memo gives the bytes of a fresh build. Results not used by the latest build are
//! dropped, so the memo never grows past the site. `build` runs without one.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::markdown::Rendered;
use crate::roadmap::{self, Roadmap, Rules};
use crate::source::SourceFile;

/// The notes of one page rendered: each note's HTML and warnings, in order.
pub type RenderedPage = Vec<(Rendered, Vec<Diagnostic>)>;

/// A text file read and decoded (`None` when it could not be), with the warnings or
/// error about it.
pub type ReadFile = (Option<SourceFile>, Vec<Diagnostic>);

/// A file modified less than this before it was read may be modified again within
/// the same tick of the file system's clock, with the same size: it is read again
/// next time rather than trusted (git's "racily clean" files).
const SETTLED: Duration = Duration::from_secs(2);

/// Shared by clones; disabled (every lookup misses, nothing is stored) by default.
#[derive(Clone, Default)]
pub struct Memo(Option<Arc<Mutex<Store>>>);

#[derive(Default)]
struct Store {
    generation: u64,
    /// Files by path and path as shown: what they held when they had this stamp.
    files: HashMap<(PathBuf, PathBuf), (Stamp, u64, ReadFile)>,
    /// The last roadmap parsed, by fingerprint of its file and status words, with
    /// its warnings.
    roadmap: Option<(u64, Roadmap, Vec<Diagnostic>)>,
    notes: HashMap<u64, (u64, RenderedPage)>,
    /// Output path → (fingerprint, generation, bytes).
    pages: HashMap<String, (u64, u64, Vec<u8>)>,
    /// What the current build reused.
    reused: Reused,
}

/// What a build took from the memo instead of making it again.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reused {
    /// Note files not read again.
    pub files: usize,
    /// Whether the roadmap was not parsed again.
    pub roadmap: bool,
    /// Notes not rendered again.
    pub notes: usize,
    /// Pages not rendered again.
    pub pages: usize,
}

impl Memo {
    /// A memo that remembers.
    pub fn enabled() -> Memo {
        Memo(Some(Arc::default()))
    }

    /// True when results are remembered, so fingerprints are worth computing.
    pub fn is_enabled(&self) -> bool {
        self.0.is_some()
    }

    /// Starts a build: results it does not use will be dropped at [`Memo::finish`].
    pub fn begin(&self) {
        if let Some(mut store) = self.lock() {
            store.generation += 1;
            store.reused = Reused::default();
        }
    }

    /// Drops what the build that just ended did not use.
    pub fn finish(&self) {
        if let Some(mut store) = self.lock() {
            let generation = store.generation;
            store.files.retain(|_, (_, used, _)| *used == generation);
            store.notes.retain(|_, (used, _)| *used == generation);
            store.pages.retain(|_, (_, used, _)| *used == generation);
        }
    }

    /// `read`s the file at `path` (shown to the user as `shown`), or gives what it
    /// read before when the file's size and times are the same as then (a note edit
    /// changes one file of thousands).
    pub fn read_file(
        &self,
        path: &Path,
        shown: &Path,
        read: impl FnOnce() -> Result<ReadFile>,
    ) -> Result<ReadFile> {
        if !self.is_enabled() {
            return read();
        }
        let now = SystemTime::now();
        // Taken before reading: a change while reading gives a new stamp next time.
        let stamp = std::fs::metadata(path).ok().map(|meta| Stamp::of(&meta));
        let key = (path.to_path_buf(), shown.to_path_buf());
        if let Some(stamp) = stamp
            && let Some(mut store) = self.lock()
        {
            let generation = store.generation;
            if let Some((kept, used, file)) = store.files.get_mut(&key)
                && *kept == stamp
            {
                *used = generation;
                let file = file.clone();
                store.reused.files += 1;
                return Ok(file);
            }
        }
        let file = read()?;
        let settled = |stamp: &Stamp| stamp.modified.is_some_and(|m| m + SETTLED <= now);
        if let Some(stamp) = stamp.filter(settled)
            && let Some(mut store) = self.lock()
        {
            let generation = store.generation;
            let entry = (stamp, generation, file.clone());
            store.files.insert(key, entry);
        }
        Ok(file)
    }

    /// [`roadmap::parse`], through the memo: a note edit leaves the roadmap file as it
    /// was, and a 10,000-task roadmap is 40 ms to parse again.
    pub fn parse_roadmap(
        &self,
        source: &SourceFile,
        rules: &Rules,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Roadmap {
        if !self.is_enabled() {
            return roadmap::parse(source, rules, diagnostics);
        }
        let mut fingerprint = Fingerprint::default();
        let inputs = (&source.path, &source.text, rules.fingerprint());
        let fingerprint = fingerprint.add(inputs).finish();
        let kept = self.lock().and_then(|store| {
            let (kept, roadmap, found) = store.roadmap.as_ref()?;
            (*kept == fingerprint).then(|| (roadmap.clone(), found.clone()))
        });
        if let Some((roadmap, found)) = kept {
            if let Some(mut store) = self.lock() {
                store.reused.roadmap = true;
            }
            diagnostics.extend(found);
            return roadmap;
        }
        let mut found = Vec::new();
        let roadmap = roadmap::parse(source, rules, &mut found);
        if let Some(mut store) = self.lock() {
            store.roadmap = Some((fingerprint, roadmap.clone(), found.clone()));
        }
        diagnostics.extend(found);
        roadmap
    }

    /// The notes of a page rendered from inputs with this fingerprint, if remembered.
    pub fn notes(&self, fingerprint: u64) -> Option<RenderedPage> {
        let mut store = self.lock()?;
        let generation = store.generation;
        let (used, page) = store.notes.get_mut(&fingerprint)?;
        *used = generation;
        let page = page.clone();
        store.reused.notes += page.len();
        Some(page)
    }

    /// Remembers the notes of a page.
    pub fn keep_notes(&self, fingerprint: u64, page: &RenderedPage) {
        if let Some(mut store) = self.lock() {
            let generation = store.generation;
            store.notes.insert(fingerprint, (generation, page.clone()));
        }
    }

    /// The bytes of the page at `path` if it was rendered from this fingerprint.
    pub fn page(&self, path: &str, fingerprint: u64) -> Option<Vec<u8>> {
        let mut store = self.lock()?;
        let generation = store.generation;
        let (kept, used, bytes) = store.pages.get_mut(path)?;
        if *kept != fingerprint {
            return None;
        }
        *used = generation;
        let bytes = bytes.clone();
        store.reused.pages += 1;
        Some(bytes)
    }

    /// What the current (or last) build reused.
    pub fn reused(&self) -> Reused {
        self.lock().map_or(Reused::default(), |store| store.reused)
    }

    /// Remembers a page.
    pub fn keep_page(&self, path: &str, fingerprint: u64, bytes: &[u8]) {
        if let Some(mut store) = self.lock() {
            let generation = store.generation;
            let entry = (fingerprint, generation, bytes.to_vec());
            store.pages.insert(path.to_string(), entry);
        }
    }

    fn lock(&self) -> Option<MutexGuard<'_, Store>> {
        let store = self.0.as_ref()?;
        // A panic while holding the lock cannot leave an entry half written.
        Some(store.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// What changes when a file's contents do: its size, modification time and, on Unix,
/// inode and status-change time (which no tool can set back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
    changed: (i64, i64),
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), (meta.ctime(), meta.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, (0, 0));
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
            changed,
        }
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.lock() {
            None => write!(f, "Memo(off)"),
            Some(s) => write!(f, "Memo({} notes, {} pages)", s.notes.len(), s.pages.len()),
        }
    }
}

/// A 64-bit fingerprint being computed: feed it values and serialisable data.
/// XXH3 rather than the standard library's SipHash: pages are fingerprinted whole
/// (note HTML included) on every rebuild, and XXH3 is several times faster.
#[derive(Default)]
pub struct Fingerprint(twox_hash::XxHash3_64);

impl Fingerprint {
    /// Adds a hashable value.
    pub fn add(&mut self, value: impl Hash) -> &mut Self {
        value.hash(&mut self.0);
        self
    }

    /// Adds data as its MessagePack serialisation: what templates see of it, without
    /// the cost of escaping JSON strings.
    pub fn add_serialized(&mut self, value: &impl Serialize) -> &mut Self {
        // Writing to a hasher cannot fail; a value serde rejects is hashed as far as
        // it got plus a marker, which still differs from any other value.
        if rmp_serde::encode::write(&mut *self, value).is_err() {
            self.add("unserialisable");
        }
        self
    }

    /// The fingerprint.
    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl std::io::Write for Fingerprint {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disabled_memo_remembers_nothing() {
        let memo = Memo::default();
        memo.begin();
        memo.keep_page("a.html", 1, b"x");
        assert_eq!(memo.page("a.html", 1), None);
        assert!(!memo.is_enabled());
    }

    #[test]
    fn pages_are_given_back_for_the_same_fingerprint_and_dropped_when_unused() {
        let memo = Memo::enabled();
        memo.begin();
        memo.keep_page("a.html", 1, b"a");
        memo.keep_page("b.html", 2, b"b");
        memo.finish();
        memo.begin();
        assert_eq!(memo.page("a.html", 1).as_deref(), Some(&b"a"[..]));
        assert_eq!(memo.page("b.html", 3), None, "another fingerprint");
        assert_eq!(memo.reused().pages, 1);
        memo.finish();
        assert_eq!(format!("{memo:?}"), "Memo(0 notes, 1 pages)");
    }

    #[test]
    fn a_file_is_read_again_only_when_it_changed_or_changed_too_recently_to_tell() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        let reads = std::cell::Cell::new(0);
        let memo = Memo::enabled();
        // One build each, as serve runs them.
        let read = |memo: &Memo| {
            memo.begin();
            let file = memo.read_file(&path, Path::new("note.md"), || {
                reads.set(reads.get() + 1);
                let text = std::fs::read_to_string(&path).unwrap();
                Ok((Some(SourceFile::new("note.md", text)), Vec::new()))
            });
            memo.finish();
            file.unwrap().0.unwrap().text
        };
        let write = |text: &str, modified: SystemTime| {
            std::fs::write(&path, text).unwrap();
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(modified).unwrap();
        };
        // Just written: it could change again unseen in the same clock tick.
        write("one", SystemTime::now());
        assert_eq!(
            (read(&memo), read(&memo), reads.get()),
            ("one".into(), "one".into(), 2)
        );
        // Settled: read once, then given back.
        let a_minute_ago = SystemTime::now() - Duration::from_secs(60);
        write("two", a_minute_ago);
        assert_eq!(
            (read(&memo), read(&memo), reads.get()),
            ("two".into(), "two".into(), 3)
        );
        // Changed, same size, modification time set back as it was: read again.
        write("six", a_minute_ago);
        assert_eq!((read(&memo), reads.get()), ("six".into(), 4));
        assert_eq!(
            (read(&memo), reads.get(), memo.reused().files),
            ("six".into(), 4, 1)
        );
        // A build that does not read it forgets it.
        memo.begin();
        memo.finish();
        assert_eq!((read(&memo), reads.get()), ("six".into(), 5));
    }

    #[test]
    fn fingerprints_differ_with_the_data() {
        let of = |v: &serde_json::Value| Fingerprint::default().add_serialized(v).finish();
        let a = serde_json::json!({"title": "A", "n": 1});
        assert_eq!(of(&a), of(&a.clone()));
        assert_ne!(of(&a), of(&serde_json::json!({"title": "A", "n": 2})));
    }
}
