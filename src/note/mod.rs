//! A note file → [`Note`]: front matter read, body located. Linking to tasks and
//! rendering happen in the model, once the tasks are known.

pub mod front_matter;
mod keys;

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
    /// The front matter has errors: what it says may be incomplete (no `task` does not
    /// mean that the note is meant to be unlinked).
    pub broken: bool,
}

/// Reads a note's front matter. Its errors come with the note, read as far as it
/// could be, so that the note's other problems (dates, links, formulas) are found in
/// the same run.
pub fn parse(file: &NoteFile) -> (Note<'_>, Vec<Diagnostic>) {
    let parsed = front_matter::parse(&file.source);
    let note = Note {
        file,
        front: parsed.front,
        body: parsed.body,
        broken: !parsed.problems.is_empty(),
    };
    (note, parsed.problems)
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
