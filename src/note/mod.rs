//! A note file → [`Note`]: front matter read, body located. Linking to tasks and
//! rendering happen in the model, once the tasks are known.

pub mod front_matter;

use std::ops::Range;

pub use front_matter::{FrontMatter, RawDate, Resource};

use crate::diagnostic::Diagnostic;
use crate::load::NoteFile;

/// A parsed note, before linking.
#[derive(Debug)]
pub struct Note<'a> {
    /// The file.
    pub file: &'a NoteFile,
    /// Its front matter (defaults when it has none).
    pub front: FrontMatter,
    /// The Markdown body's byte range.
    pub body: Range<usize>,
}

/// Reads a note's front matter; a broken front matter is an error diagnostic.
pub fn parse(file: &NoteFile) -> Result<Note<'_>, Diagnostic> {
    let (front, body) = front_matter::parse(&file.source)?;
    Ok(Note { file, front, body })
}

impl Note<'_> {
    /// The file name without `.md`, used to link a note with no `task` key.
    pub fn stem(&self) -> &str {
        let name = self
            .file
            .relative
            .rsplit('/')
            .next()
            .unwrap_or(&self.file.relative);
        name.strip_suffix(".md").unwrap_or(name)
    }
}
