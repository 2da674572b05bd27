//! Rendered pages → [`SiteOutput`]: the complete site in memory, by relative path.

use std::collections::BTreeMap;

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
