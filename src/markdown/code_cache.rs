//! (language, code) → highlighted HTML, remembered in memory across `serve` rebuilds
//! and on disk in `<site>/.roadmap-site-cache/code.msgpack` across `build`s.
//!
//! Highlighting is most of a cold build's time (syntect tries its grammar's regexes at
//! every position), yet between two builds almost every code block is unchanged. The
//! cache keeps exactly the blocks the last build used, so it never grows past the
//! site. Highlighting is a pure function of the language, the code and the program's
//! version, so a cached result is always the one it would compute; a file written by
//! another version is ignored and replaced.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Deserialize;

use super::highlight::highlight;

/// The cache file inside the site's cache folder.
/// MessagePack, not JSON: highlighted HTML is full of quotes, which JSON escapes,
/// and reading the file is on every build's path.
const FILE: &str = "code.msgpack";
/// Changes whenever highlighted HTML could: a new version of roadmap-site (and so
/// possibly of syntect and its grammars) or of this file's format.
const FINGERPRINT: &str = concat!(
    "roadmap-site ",
    env!("CARGO_PKG_VERSION"),
    " syntect 5 onig, code v1"
);

/// A shared cache of highlighted code blocks; clones share it. The default one
/// serves a single build: a block's HTML is handed over at its first use rather than
/// copied (a large site's cache is tens of megabytes, as much again as the notes
/// that use it), and the rest is let go once saved. [`CodeCache::kept`] keeps the
/// blocks in memory for the next build (`serve`).
#[derive(Clone, Default)]
pub struct CodeCache(Arc<Mutex<Blocks>>);

/// (language, code) → the highlighted HTML, `None` for an unknown language.
type Key = (String, String);

#[derive(Default)]
struct Blocks {
    entries: HashMap<Key, Entry>,
    /// Which build is running: entries not used by the latest one are dropped.
    generation: u64,
    /// The cache file read at the first build, if any (an attempt is made once).
    file: Option<PathBuf>,
    /// Entries were added or dropped since the file was written.
    dirty: bool,
    /// Keep the entries in memory after [`CodeCache::finish`], for the next build.
    kept: bool,
    /// A block's HTML is copied rather than handed over: the cache is kept, or this
    /// build used a block twice.
    copy: bool,
}

struct Entry {
    html: Option<String>,
    used: u64,
    /// The HTML was handed over (a one-build cache): saving reads it from the file.
    taken: bool,
}

#[derive(Deserialize)]
struct OnDisk {
    fingerprint: String,
    blocks: Vec<(String, String, Option<String>)>,
}

impl CodeCache {
    /// A cache that keeps its blocks in memory from one build to the next.
    pub fn kept() -> Self {
        let blocks = Blocks {
            kept: true,
            copy: true,
            ..Blocks::default()
        };
        CodeCache(Arc::new(Mutex::new(blocks)))
    }

    /// Starts a build whose cache folder is `cache_dir`: the first call reads the
    /// cache file (a missing, unreadable or outdated one counts as empty).
    pub fn begin(&self, cache_dir: &Path) {
        let mut blocks = self.lock();
        blocks.generation += 1;
        blocks.copy = blocks.kept;
        if blocks.file.is_some() {
            return;
        }
        let file = cache_dir.join(FILE);
        let generation = blocks.generation;
        for (language, code, html) in read(&file) {
            let used = generation - 1; // kept only if this build uses it
            let entry = Entry {
                html,
                used,
                taken: false,
            };
            blocks.entries.insert((language, code), entry);
        }
        blocks.file = Some(file);
    }

    /// [`highlight`], through the cache.
    pub fn highlight(&self, code: &str, language: &str) -> Option<String> {
        if language.is_empty() {
            return None;
        }
        let key = (language.to_string(), code.to_string());
        {
            let mut blocks = self.lock();
            let generation = blocks.generation;
            if blocks.entries.get(&key).is_some_and(|entry| entry.taken)
                && let Some(file) = blocks.file.clone()
            {
                // Used a second time: its HTML was handed over. Every block handed
                // over is taken back from the file (one read, where highlighting
                // could mean loading the grammars), and copied from then on.
                blocks.copy = true;
                blocks.take_back(&file);
            }
            let copy = blocks.copy;
            if let Some(entry) = blocks.entries.get_mut(&key)
                && !entry.taken
            {
                entry.used = generation;
                if copy {
                    return entry.html.clone();
                }
                entry.taken = true;
                return entry.html.take();
            }
        }
        let html = highlight(code, language);
        let mut blocks = self.lock();
        let used = blocks.generation;
        let entry = Entry {
            html: html.clone(),
            used,
            taken: false,
        };
        blocks.entries.insert(key, entry);
        blocks.dirty = true;
        html
    }

    /// Marks blocks as used by the current build without highlighting them: the
    /// blocks of notes that `serve` reuses from its memo.
    pub fn touch(&self, used: &[(String, String)]) {
        let mut blocks = self.lock();
        let generation = blocks.generation;
        for key in used {
            if let Some(entry) = blocks.entries.get_mut(key) {
                entry.used = generation;
            }
        }
    }

    /// Ends a build: forgets the blocks it did not use (or [`touch`](Self::touch)),
    /// and writes the cache file when it changed. A cache that is not
    /// [`kept`](Self::kept) then lets go of all its blocks; a later build reads the
    /// file again. A cache that cannot be written only costs time later, so the error
    /// is returned for the caller to mention, never to fail the build.
    pub fn finish(&self) -> std::io::Result<()> {
        let mut blocks = self.lock();
        let saved = blocks.save();
        if !blocks.kept {
            blocks.entries = HashMap::new();
            blocks.file = None;
            blocks.dirty = false;
        }
        saved
    }

    /// Ends a build that stopped before its notes (unreadable content): nothing is
    /// saved, and a cache that is not [`kept`](Self::kept) lets go of its blocks.
    pub fn abandon(&self) {
        let mut blocks = self.lock();
        if !blocks.kept {
            *blocks = Blocks::default();
        }
    }

    fn lock(&self) -> MutexGuard<'_, Blocks> {
        // A panic while holding the lock cannot leave an entry half written.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Blocks {
    fn save(&mut self) -> std::io::Result<()> {
        let generation = self.generation;
        let before = self.entries.len();
        self.entries.retain(|_, entry| entry.used == generation);
        if self.entries.len() != before {
            self.dirty = true;
        }
        let Some(file) = self.file.clone().filter(|_| self.dirty) else {
            return Ok(());
        };
        self.take_back(&file);
        let mut list: Vec<(&String, &String, &Option<String>)> = self
            .entries
            .iter()
            .map(|((language, code), entry)| (language, code, &entry.html))
            .collect();
        list.sort_unstable(); // the same blocks give the same file
        let disk = (FINGERPRINT, list);
        crate::cache_dir::write_with(&file, |out| {
            rmp_serde::encode::write(out, &disk).map_err(std::io::Error::other)
        })?;
        self.dirty = false;
        Ok(())
    }

    /// Gets the HTML of the blocks handed over back from the cache file. Had another
    /// build rewritten it meanwhile, its blocks would be as good: the fingerprint
    /// vouches that they were highlighted the same way. Blocks the file no longer
    /// holds are left out of the new one, which costs highlighting them next time.
    fn take_back(&mut self, file: &Path) {
        if !self.entries.values().any(|entry| entry.taken) {
            return;
        }
        for (language, code, html) in read(file) {
            if let Some(entry) = self.entries.get_mut(&(language, code))
                && entry.taken
            {
                entry.html = html;
                entry.taken = false;
            }
        }
        self.entries.retain(|_, entry| !entry.taken);
    }
}

/// The blocks of a cache file written by this version; none for a missing,
/// unreadable or outdated file.
fn read(file: &Path) -> Vec<(String, String, Option<String>)> {
    File::open(file)
        .ok()
        .and_then(|f| rmp_serde::from_read::<_, OnDisk>(BufReader::new(f)).ok())
        .filter(|disk| disk.fingerprint == FINGERPRINT)
        .map(|disk| disk.blocks)
        .unwrap_or_default()
}

impl fmt::Debug for CodeCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CodeCache({} blocks)", self.lock().entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_gives_what_highlighting_gives_and_is_shared_by_clones() {
        let cache = CodeCache::default();
        let shared = cache.clone();
        let direct = highlight("x = 1\n", "python");
        assert!(direct.is_some());
        assert_eq!(cache.highlight("x = 1\n", "python"), direct);
        assert_eq!(shared.highlight("x = 1\n", "python"), direct);
        assert_eq!(cache.highlight("x", "no-such-language"), None);
        assert_eq!(cache.highlight("plain text", ""), None);
        assert_eq!(format!("{shared:?}"), "CodeCache(2 blocks)");
    }

    #[test]
    fn a_build_keeps_only_the_blocks_it_used_and_the_file_survives_the_process() {
        let dir = tempfile::tempdir().unwrap();
        let cache = CodeCache::default();
        cache.begin(dir.path());
        cache.highlight("a = 1\n", "python");
        cache.highlight("b = 2\n", "python");
        cache.finish().unwrap();
        // A one-build cache lets go of its blocks once they are saved.
        assert_eq!(format!("{cache:?}"), "CodeCache(0 blocks)");

        // A later build (here: another process) that uses one block keeps one.
        let next = CodeCache::default();
        next.begin(dir.path());
        assert_eq!(format!("{next:?}"), "CodeCache(2 blocks)");
        let html = next.highlight("b = 2\n", "python");
        assert_eq!(html, highlight("b = 2\n", "python"));
        next.finish().unwrap();
        // serve's cache keeps its blocks from one build to the next.
        let third = CodeCache::kept();
        third.begin(dir.path());
        assert_eq!(format!("{third:?}"), "CodeCache(1 blocks)");
        third.highlight("b = 2\n", "python");
        third.finish().unwrap();
        assert_eq!(format!("{third:?}"), "CodeCache(1 blocks)");

        // A block only touched (a note serve reuses) is kept; an unused one is not.
        third.begin(dir.path());
        third.highlight("c = 3\n", "python");
        third.touch(&[("python".into(), "b = 2\n".into())]);
        third.finish().unwrap();
        assert_eq!(format!("{third:?}"), "CodeCache(2 blocks)");
        third.begin(dir.path());
        third.touch(&[("python".into(), "b = 2\n".into())]);
        third.finish().unwrap();
        assert_eq!(format!("{third:?}"), "CodeCache(1 blocks)");
    }

    /// A cache file of blocks with HTML no highlighter makes, which tells where a
    /// result came from.
    fn forged(dir: &Path) -> Vec<u8> {
        let blocks = vec![
            ("python", "a\n", Some("A FROM FILE")),
            ("python", "b\n", Some("B FROM FILE")),
        ];
        let file = rmp_serde::to_vec(&(FINGERPRINT, &blocks)).unwrap();
        std::fs::write(dir.join(FILE), &file).unwrap();
        file
    }

    #[test]
    fn a_one_build_cache_hands_blocks_over_and_saves_them_from_its_file() {
        let dir = tempfile::tempdir().unwrap();
        forged(dir.path());
        let cache = CodeCache::default();
        cache.begin(dir.path());
        let b = cache.highlight("b\n", "python");
        assert_eq!(b.as_deref(), Some("B FROM FILE"));
        cache.highlight("c\n", "python");
        cache.finish().unwrap();

        // `b` was handed over, then taken back from the file when `c` changed it.
        let next = CodeCache::default();
        next.begin(dir.path());
        assert_eq!(format!("{next:?}"), "CodeCache(2 blocks)");
        let b = next.highlight("b\n", "python");
        assert_eq!(b.as_deref(), Some("B FROM FILE"));
        assert_eq!(next.highlight("c\n", "python"), highlight("c\n", "python"));
    }

    #[test]
    fn a_block_used_twice_in_a_build_comes_from_the_file_again_not_the_highlighter() {
        let dir = tempfile::tempdir().unwrap();
        let file = forged(dir.path());
        let cache = CodeCache::default();
        cache.begin(dir.path());
        for block in ["a\n", "b\n", "a\n", "b\n", "a\n"] {
            let html = cache.highlight(block, "python").unwrap();
            assert!(html.ends_with("FROM FILE"), "{block:?}: {html}");
        }
        cache.finish().unwrap();
        // Nothing new: the file is left as it was.
        assert_eq!(std::fs::read(dir.path().join(FILE)).unwrap(), file);
        // The next build hands blocks over again.
        let next = CodeCache::default();
        next.begin(dir.path());
        let a = next.highlight("a\n", "python");
        assert_eq!(a.as_deref(), Some("A FROM FILE"));
        assert!(next.lock().entries.values().any(|entry| entry.taken));
    }

    #[test]
    fn an_abandoned_build_lets_go_of_its_blocks_and_leaves_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = forged(dir.path());
        let cache = CodeCache::default();
        cache.begin(dir.path());
        assert_eq!(format!("{cache:?}"), "CodeCache(2 blocks)");
        cache.abandon();
        assert_eq!(format!("{cache:?}"), "CodeCache(0 blocks)");
        assert_eq!(std::fs::read(dir.path().join(FILE)).unwrap(), file);
        // A kept cache keeps its blocks for the next build.
        let kept = CodeCache::kept();
        kept.begin(dir.path());
        kept.abandon();
        assert_eq!(format!("{kept:?}"), "CodeCache(2 blocks)");
    }

    #[test]
    fn a_handed_over_block_the_file_lost_is_left_out_not_saved_empty() {
        let dir = tempfile::tempdir().unwrap();
        let first = CodeCache::default();
        first.begin(dir.path());
        first.highlight("a\n", "python");
        first.finish().unwrap();

        let cache = CodeCache::default();
        cache.begin(dir.path());
        assert!(cache.highlight("a\n", "python").is_some());
        std::fs::remove_file(dir.path().join(FILE)).unwrap();
        cache.highlight("b\n", "python");
        cache.finish().unwrap();
        let next = CodeCache::default();
        next.begin(dir.path());
        assert_eq!(format!("{next:?}"), "CodeCache(1 blocks)");
        assert_eq!(next.highlight("a\n", "python"), highlight("a\n", "python"));
    }

    #[test]
    fn a_cache_file_of_another_version_or_garbage_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        // The same file is trusted under this version's fingerprint, ignored under another.
        let blocks = vec![("python", "x\n", Some("FORGED"))];
        for (fingerprint, trusted) in [(FINGERPRINT, true), ("roadmap-site 0.0.0 code v1", false)] {
            let file = rmp_serde::to_vec(&(fingerprint, &blocks)).unwrap();
            std::fs::write(dir.path().join(FILE), file).unwrap();
            let cache = CodeCache::default();
            cache.begin(dir.path());
            let html = cache.highlight("x\n", "python");
            assert_eq!(html.as_deref() == Some("FORGED"), trusted, "{fingerprint}");
        }

        std::fs::write(dir.path().join(FILE), b"\xff not msgpack").unwrap();
        let cache = CodeCache::default();
        cache.begin(dir.path());
        assert_eq!(format!("{cache:?}"), "CodeCache(0 blocks)");
    }
}
