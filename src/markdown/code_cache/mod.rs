//! (language, code) → highlighted HTML, remembered on disk in
//! `<site>/.roadmap-site-cache/code.msgpack` across `build`s and in memory across
//! `serve` rebuilds.
//!
//! Highlighting is most of a cold build's time (syntect tries its grammar's regexes at
//! every position), yet between two builds almost every code block is unchanged. The
//! cache keeps exactly the blocks the last build used, so it never grows past the
//! site. Highlighting is a pure function of the language, the code and the program's
//! version, so a cached result is always the one it would compute; a file written by
//! another version is ignored and replaced.
//!
//! Memory holds the keys; a block's HTML stays in the file, read each time a note uses
//! it, until the build ends and the file is rewritten from the blocks used, merged
//! with the new ones (held in memory as `Arc<str>`). Measured on the synthetic
//! N = 10,000 site (5,000 blocks, 18 MB of HTML, `/usr/bin/time`, medians of 10): a
//! rebuild peaks at 96 MiB, 98 MiB after one block was edited; holding the file's
//! HTML in memory beside each note's copy peaked at 112 MiB, and the earlier cache,
//! which handed each block's HTML over to its note, at 101 and 108 MiB. Reading the
//! keys takes 36–39 ms where decoding the whole file took 85–130 ms; build times are
//! within noise of each other.

mod file;

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use super::highlight::highlight;

/// A shared cache of highlighted code blocks; clones share it. The default one
/// serves a single build and lets go of its blocks once they are saved;
/// [`CodeCache::kept`] keeps them for the next build (`serve`).
#[derive(Clone, Default)]
pub struct CodeCache(Arc<Mutex<Blocks>>);

/// (language, code).
type Key = (String, String);

#[derive(Default)]
struct Blocks {
    entries: HashMap<Key, Entry>,
    /// Which build is running: entries not used by the latest one are dropped.
    generation: u64,
    /// The cache file read at the first build, if any (an attempt is made once).
    file: Option<Stored>,
    /// Entries were added or dropped since the file was written.
    dirty: bool,
    /// Keep the entries after [`CodeCache::finish`], for the next build.
    kept: bool,
    /// How many blocks were highlighted rather than found, for the tests.
    highlighted: u64,
}

/// The cache file: where it is written, and the one read, open while its blocks are
/// used. Another build may replace the file meanwhile; this one reads the file it
/// indexed.
struct Stored {
    path: PathBuf,
    open: Option<File>,
}

struct Entry {
    html: Html,
    /// The last build that used it.
    used: u64,
}

/// A block's HTML.
enum Html {
    /// An unknown language: the code is shown as text.
    None,
    /// Highlighted by this process.
    Here(Arc<str>),
    /// `len` bytes at `at` in the cache file read at the first build.
    InFile { at: u64, len: usize },
}

impl CodeCache {
    /// A cache that keeps its blocks from one build to the next.
    pub fn kept() -> Self {
        let blocks = Blocks {
            kept: true,
            ..Blocks::default()
        };
        CodeCache(Arc::new(Mutex::new(blocks)))
    }

    /// Starts a build whose cache folder is `cache_dir`: the first call reads the
    /// cache file's keys (a missing, unreadable or outdated file counts as empty).
    pub fn begin(&self, cache_dir: &Path) {
        let mut blocks = self.lock();
        blocks.generation += 1;
        if blocks.file.is_some() {
            return;
        }
        let path = cache_dir.join(file::FILE);
        let mut open = File::open(&path).ok();
        let index = open.as_ref().and_then(|f| file::index(f).ok());
        let used = blocks.generation - 1; // kept only if this build uses it
        for (language, code, html) in index.unwrap_or_default() {
            blocks
                .entries
                .insert((language, code), Entry { html, used });
        }
        if !blocks
            .entries
            .values()
            .any(|e| matches!(e.html, Html::InFile { .. }))
        {
            open = None;
        }
        blocks.file = Some(Stored { path, open });
    }

    /// [`highlight`], through the cache.
    pub fn highlight(&self, code: &str, language: &str) -> Option<Arc<str>> {
        if language.is_empty() {
            return None;
        }
        let key = (language.to_string(), code.to_string());
        if let Some(found) = self.lock().find(&key) {
            return found;
        }
        // Highlighted without the lock, so that threads highlight side by side. Two
        // threads may both highlight a new block; they compute the same HTML.
        let html: Option<Arc<str>> = highlight(code, language).map(Arc::from);
        let mut blocks = self.lock();
        blocks.highlighted += 1;
        blocks.dirty = true;
        let entry = Entry {
            html: html.clone().map_or(Html::None, Html::Here),
            used: blocks.generation,
        };
        blocks.entries.insert(key, entry);
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
            *blocks = Blocks {
                generation: blocks.generation,
                highlighted: blocks.highlighted,
                ..Blocks::default()
            };
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
    /// The HTML of a block the cache holds (`None` for an unknown language), marked
    /// as used; `None` when it must be highlighted, also when the file fails to give
    /// it back.
    fn find(&mut self, key: &Key) -> Option<Option<Arc<str>>> {
        let entry = self.entries.get_mut(key)?;
        entry.used = self.generation;
        match entry.html {
            Html::None => Some(None),
            Html::Here(ref html) => Some(Some(html.clone())),
            Html::InFile { at, len } => {
                let open = self.file.as_ref()?.open.as_ref()?;
                let html = file::read_at(open, at, len).ok()?;
                Some(Some(html.into()))
            }
        }
    }

    fn save(&mut self) -> std::io::Result<()> {
        let generation = self.generation;
        let before = self.entries.len();
        self.entries.retain(|_, entry| entry.used == generation);
        if self.entries.len() != before {
            self.dirty = true;
        }
        let Some(stored) = self.file.as_ref().filter(|_| self.dirty) else {
            return Ok(());
        };
        let blocks = self.entries.iter();
        let blocks = blocks.map(|((language, code), entry)| (&**language, &**code, &entry.html));
        file::write(&stored.path, blocks.collect(), stored.open.as_ref())?;
        self.dirty = false;
        Ok(())
    }
}

impl fmt::Debug for CodeCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CodeCache({} blocks)", self.lock().entries.len())
    }
}

#[cfg(test)]
mod tests;
