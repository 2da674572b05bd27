//! Rendered pages → a [`Sink`]: the complete site in memory ([`SiteOutput`], for
//! `serve` and tests) or, as they are made, in a build's staging folder.

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::error::Result;

/// Where the files of a site go as they are made, from several threads at once.
pub trait Sink: Sync {
    /// Takes one file, by `/`-separated path relative to the site root. A later file
    /// of the same path replaces the earlier one (a theme's static file can stand in
    /// for a generated one).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// [`put`](Self::put) for bytes the caller no longer needs.
    fn put_owned(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.put(path, &bytes)
    }

    /// Whether `path` is a file of the user's where the site goes (one the tool did
    /// not write): a file the site may add of its own accord (`_headers`) is then
    /// left out rather than put in its place.
    fn is_users(&self, _path: &str) -> bool {
        false
    }
}

impl Sink for Mutex<SiteOutput> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.put_owned(path, bytes.to_vec())
    }

    fn put_owned(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        let path = path.to_owned();
        // Inserting cannot panic halfway, so a poisoned lock still holds a whole map.
        let mut output = self.lock().unwrap_or_else(|p| p.into_inner());
        output.insert(path, bytes);
        Ok(())
    }
}

/// Every file of a generated site, by `/`-separated path relative to the site root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SiteOutput {
    files: BTreeMap<String, Vec<u8>>,
}

impl SiteOutput {
    /// Adds or replaces a file.
    pub fn insert(&mut self, path: impl Into<String>, bytes: Vec<u8>) {
        self.files.insert(path.into(), bytes);
    }

    /// A file's bytes.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// A file as text (for tests and the server's HTML injection).
    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// All files, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
impl SiteOutput {
    /// A site of text files, for tests.
    pub fn of_texts(files: &[(&str, &str)]) -> SiteOutput {
        let mut out = SiteOutput::default();
        for (path, text) in files {
            out.insert(*path, text.as_bytes().to_vec());
        }
        out
    }
}
