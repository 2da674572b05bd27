//! A decoded input file (path + UTF-8 text) → line/column positions for diagnostics.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One input file, decoded to UTF-8 with LF line endings.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the site root when possible).
    pub path: PathBuf,
    /// The decoded text. Byte offsets in spans index into this string.
    pub text: String,
    /// Made when first needed: most notes never get a position asked of them.
    line_starts: OnceLock<Vec<usize>>,
}

/// CRLF and lone CR become LF.
pub fn normalize_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl SourceFile {
    /// Wraps already-decoded text; CRLF and lone CR line endings become LF so that
    /// every later stage sees one kind of line ending.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: normalize_newlines(text.into()),
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let newlines = memchr::memchr_iter(b'\n', self.text.as_bytes());
            std::iter::once(0).chain(newlines.map(|i| i + 1)).collect()
        })
    }

    /// The display path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Line and column of a byte offset (clamped to the text, and to a char boundary).
    pub fn location(&self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&start| start <= offset);
        let start = line_starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        Location { line, column }
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let line_starts = self.line_starts();
        let Some(&start) = line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        &self.text[start..end]
    }

    /// Trims ASCII whitespace from both ends of a span, so carets underline content.
    pub fn trim_span(&self, span: Range<usize>) -> Range<usize> {
        let Some(slice) = self.text.get(span.clone()) else {
            return span;
        };
        let start = span.start + (slice.len() - slice.trim_start().len());
        let end = span.end - (slice.len() - slice.trim_end().len());
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters() {
        let src = SourceFile::new("a.md", "ab\nçé x\n");
        assert_eq!(src.location(0), Location { line: 1, column: 1 });
        assert_eq!(src.location(3), Location { line: 2, column: 1 });
        // "çé " is 5 bytes but 3 characters.
        assert_eq!(src.location(8), Location { line: 2, column: 4 });
        assert_eq!(src.line_text(2), "çé x");
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        let src = SourceFile::new("a.md", "a\r\nb\rc");
        assert_eq!(src.text, "a\nb\nc");
        assert_eq!(src.location(4).line, 3);
    }

    #[test]
    fn offsets_out_of_range_or_inside_a_character_are_clamped() {
        let src = SourceFile::new("a.md", "é");
        assert_eq!(src.location(1), Location { line: 1, column: 1 });
        assert_eq!(src.location(99), Location { line: 1, column: 2 });
        assert_eq!(src.line_text(7), "");
    }
}
