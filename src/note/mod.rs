//! A note file → [`Note`]: front matter read, body located, and whether it says
//! anything yet ([`Note::is_blank`]). Linking to tasks and rendering happen in the
//! model, once the tasks are known.

pub mod front_matter;
mod keys;
mod raw_date;
mod split;
mod yaml_error;

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub use front_matter::{FrontMatter, Resource};
pub use raw_date::RawDate;

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

    /// True when the note says nothing yet: no summary, dates, status, tags or
    /// resources, and a body of headings alone. That is the stub `new note` writes,
    /// untouched (or emptied again): it is not a note until something is written in
    /// it, so it must not mark its task as noted nor publish empty headings. Its
    /// `title` and `task` say which note it is, not anything about the task.
    pub fn is_blank(&self) -> bool {
        let front = &self.front;
        let says_something = front.summary.is_some()
            || front.started.is_some()
            || front.completed.is_some()
            || front.status.is_some()
            || !front.tags.is_empty()
            || !front.resources.is_empty();
        !says_something && headings_only(&self.file.source.text[self.body.clone()])
    }
}

/// Markdown with nothing but headings, blank lines, thematic breaks and HTML comments.
fn headings_only(markdown: &str) -> bool {
    // Most notes have a line of prose: seen in one scan of the lines, without the
    // Markdown parser's first pass over the whole note (about 5 ms of the model stage
    // for 1,000 notes; BENCHMARKS.md, session 6). Comments and setext underlines need
    // the parser.
    let plain = |line: &str| {
        let line = line.trim();
        line.is_empty()
            || line.starts_with('#')
            || line.starts_with("<!--")
            || (line.len() >= 3 && line.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')))
    };
    if !markdown.contains("<!--")
        && !markdown.lines().any(|l| l.trim_start().starts_with('='))
        && !markdown.lines().all(plain)
    {
        return false;
    }
    let mut in_heading = 0;
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading += 1,
            Event::End(TagEnd::Heading(_)) => in_heading -= 1,
            _ if in_heading > 0 => {}
            Event::Start(Tag::Paragraph | Tag::HtmlBlock)
            | Event::End(TagEnd::Paragraph | TagEnd::HtmlBlock)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Rule => {}
            Event::Text(text) if text.trim().is_empty() => {}
            Event::Html(html) | Event::InlineHtml(html) if is_comment(&html) => {}
            _ => return false,
        }
    }
    true
}

fn is_comment(html: &str) -> bool {
    let html = html.trim();
    html.is_empty() || (html.starts_with("<!--") && html.ends_with("-->"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn note(text: &str) -> bool {
        let file = NoteFile {
            source: SourceFile::new("content/notes/x.md", text.to_string()),
            relative: "x.md".into(),
        };
        parse(&file).0.is_blank()
    }

    #[test]
    fn a_stub_of_headings_is_blank_and_anything_written_is_a_note() {
        let stub = "+++\ntask = \"A\"\ntitle = \"A\"\n# started = YYYY-MM-DD\ntags = []\n+++\n\n## What I learned\n\n## Questions\n";
        assert!(note(stub));
        assert!(note(""), "an empty file");
        assert!(note("# Only\n\n<!-- later -->\n\n---\n"));
        assert!(!note(&format!("{stub}\nOwnership moves values.\n")));
        assert!(!note(&format!("{stub}\n- a list item\n")));
        assert!(!note(&format!("{stub}\n```rust\nfn main() {{}}\n```\n")));
        assert!(!note(&format!("{stub}\n$x$\n")));
        assert!(!note("<img src=\"a.png\">\n"));
        for key in [
            "summary = \"S\"",
            "started = 2025-01-02",
            "completed = 2025-01-02",
            "status = \"done\"",
            "tags = [\"t\"]",
        ] {
            assert!(!note(&format!("+++\n{key}\n+++\n## H\n")), "{key}");
        }
        let resources = "+++\n[[resources]]\ntitle = \"R\"\nurl = \"https://r.org\"\n+++\n";
        assert!(!note(resources));
    }
}
