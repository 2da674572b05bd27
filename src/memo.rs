//! Results of the previous build (the parsed roadmap, rendered notes, rendered pages),
//! kept by `serve` and
//! reused when a fingerprint of everything they were made from is unchanged: a note
//! edit re-renders that note and the pages whose data changed, not the whole site.
//!
//! A fingerprint covers all inputs of the result, so a reused result is the one that
//! would be computed; `tests/fast_path.rs` checks that a build after edits through
//! the memo gives the bytes of a fresh build. Results not used by the latest build are
//! dropped, so the memo never grows past the site. `build` runs without one.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::roadmap::{self, Roadmap, Vocabulary};
use crate::source::SourceFile;

/// The notes of one page rendered: each note's HTML and warnings, in order.
pub type RenderedPage = Vec<(Rendered, Vec<Diagnostic>)>;

/// Shared by clones; disabled (every lookup misses, nothing is stored) by default.
#[derive(Clone, Default)]
pub struct Memo(Option<Arc<Mutex<Store>>>);

#[derive(Default)]
struct Store {
    generation: u64,
    /// The last roadmap parsed, by fingerprint of its file and status words, with
    /// its warnings.
    roadmap: Option<(u64, Roadmap, Vec<Diagnostic>)>,
    notes: HashMap<u64, (u64, RenderedPage)>,
    /// Output path → (fingerprint, generation, bytes).
    pages: HashMap<String, (u64, u64, Vec<u8>)>,
    /// Notes and pages reused by the current build.
    reused: (usize, usize),
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
            store.reused = (0, 0);
        }
    }

    /// Drops what the build that just ended did not use.
    pub fn finish(&self) {
        if let Some(mut store) = self.lock() {
            let generation = store.generation;
            store.notes.retain(|_, (used, _)| *used == generation);
            store.pages.retain(|_, (_, used, _)| *used == generation);
        }
    }

    /// [`roadmap::parse`], through the memo: a note edit leaves the roadmap file as it
    /// was, and a 10,000-task roadmap is 40 ms to parse again.
    pub fn parse_roadmap(
        &self,
        source: &SourceFile,
        vocabulary: &Vocabulary,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Roadmap {
        if !self.is_enabled() {
            return roadmap::parse(source, vocabulary, diagnostics);
        }
        let mut fingerprint = Fingerprint::default();
        let inputs = (&source.path, &source.text, vocabulary.fingerprint());
        let fingerprint = fingerprint.add(inputs).finish();
        let kept = self.lock().and_then(|store| store.roadmap.clone());
        if let Some((_, roadmap, found)) = kept.filter(|(f, _, _)| *f == fingerprint) {
            diagnostics.extend(found);
            return roadmap;
        }
        let mut found = Vec::new();
        let roadmap = roadmap::parse(source, vocabulary, &mut found);
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
        store.reused.0 += page.len();
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
        store.reused.1 += 1;
        Some(bytes)
    }

    /// How many notes and pages the current (or last) build reused.
    pub fn reused(&self) -> (usize, usize) {
        self.lock().map_or((0, 0), |store| store.reused)
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
        assert_eq!(memo.reused(), (0, 1));
        memo.finish();
        assert_eq!(format!("{memo:?}"), "Memo(0 notes, 1 pages)");
    }

    #[test]
    fn fingerprints_differ_with_the_data() {
        let of = |v: &serde_json::Value| Fingerprint::default().add_serialized(v).finish();
        let a = serde_json::json!({"title": "A", "n": 1});
        assert_eq!(of(&a), of(&a.clone()));
        assert_ne!(of(&a), of(&serde_json::json!({"title": "A", "n": 2})));
    }
}
