//! A roadmap file's bytes → the text the reader sees, with the way back: an edit of
//! that text becomes an edit of the bytes that leaves everything else as it was (the
//! BOM, CRLF line endings, and text garbled by a Mac Roman or Windows-1252 round trip,
//! where a new symbol is written garbled the same way so that the file never mixes
//! two encodings).

use std::ops::Range;

use encoding_rs::Encoding;

use crate::encoding::repair_mojibake;

/// A UTF-8 file as the reader sees it, and where each of its bytes went.
#[derive(Debug)]
pub struct RawText<'a> {
    raw: &'a [u8],
    /// 3 with a UTF-8 BOM.
    bom: usize,
    /// The text the reader parses: newlines normalised, mojibake repaired.
    pub text: String,
    /// Offsets (in the normalised text) of the newlines that were CRLF in the file.
    crlf: Vec<usize>,
    /// The repaired places (ranges in the normalised, garbled text, and what each
    /// stood for), and the encoding the file went through.
    garbled: Option<(Places, &'static Encoding)>,
}

/// Repaired places: a range of the garbled text and what it stood for.
type Places = Vec<(Range<usize>, String)>;

/// Why the file's bytes cannot be edited in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8;

impl<'a> RawText<'a> {
    /// Reads the bytes as the reader does (`encoding::decode`) for a UTF-8 file; any
    /// other encoding (UTF-16, legacy 8-bit) is refused: rewriting it is a conversion.
    pub fn new(raw: &'a [u8]) -> Result<RawText<'a>, NotUtf8> {
        let bom = if raw.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let body = std::str::from_utf8(&raw[bom..]).map_err(|_| NotUtf8)?;
        if Encoding::for_bom(raw).is_some_and(|(e, _)| e != encoding_rs::UTF_8)
            || body.contains('\0')
        {
            return Err(NotUtf8);
        }
        let mut normalized = String::with_capacity(body.len());
        let mut crlf = Vec::new();
        let mut chars = body.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if c == '\r' {
                if chars.peek().is_some_and(|&(_, next)| next == '\n') {
                    crlf.push(normalized.len());
                    chars.next();
                }
                normalized.push('\n');
            } else {
                normalized.push(c);
            }
        }
        let (text, garbled) = match repair_mojibake(&normalized) {
            Some(repair) => (repair.text, Some((repair.places, repair.encoding))),
            None => (normalized, None),
        };
        Ok(RawText {
            raw,
            bom,
            text,
            crlf,
            garbled,
        })
    }

    /// Whether the file's symbols are garbled (and new ones are written garbled too).
    pub fn is_garbled(&self) -> bool {
        self.garbled.is_some()
    }

    /// The file with `edits` (ranges of [`text`](Self::text), sorted, not
    /// overlapping) made: each range's bytes replaced, nothing else touched.
    pub fn apply(&self, edits: &[(Range<usize>, String)]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.raw.len() + 64);
        let mut at = 0;
        for (range, new) in edits {
            let bytes = self.raw_range(range.clone());
            out.extend_from_slice(&self.raw[at..bytes.start]);
            out.extend_from_slice(self.written(new).as_bytes());
            at = bytes.end;
        }
        out.extend_from_slice(&self.raw[at..]);
        out
    }

    /// `new` as this file writes it: garbled the way the file is when it holds
    /// anything beyond ASCII that a reader would have to repair.
    fn written(&self, new: &str) -> String {
        match &self.garbled {
            Some((_, encoding)) if !new.is_ascii() => encoding
                .decode_without_bom_handling(new.as_bytes())
                .0
                .into_owned(),
            _ => new.to_string(),
        }
    }

    /// The bytes of the file that a range of the text was read from.
    pub fn raw_range(&self, range: Range<usize>) -> Range<usize> {
        let (start, end) = match &self.garbled {
            Some((places, _)) => (
                unrepair(places, range.start, false),
                unrepair(places, range.end, true),
            ),
            None => (range.start, range.end),
        };
        self.raw_offset(start)..self.raw_offset(end.max(start))
    }

    fn raw_offset(&self, normalized: usize) -> usize {
        self.bom + normalized + self.crlf.partition_point(|&at| at < normalized)
    }
}

/// An offset in the repaired text → the offset in the garbled text. An offset inside
/// a repaired symbol goes to the symbol's start, or with `end` to its end.
fn unrepair(places: &Places, offset: usize, end: bool) -> usize {
    let mut shift: isize = 0; // repaired minus garbled offsets, before the place looked at
    for (garbled, fixed) in places {
        let start = garbled.start.saturating_add_signed(shift); // in the repaired text
        if offset <= start {
            break;
        }
        if offset < start + fixed.len() {
            return if end { garbled.end } else { garbled.start };
        }
        shift += fixed.len() as isize - garbled.len() as isize;
    }
    offset.saturating_add_signed(-shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(raw: &[u8], find: &str, new: &str) -> Vec<u8> {
        let text = RawText::new(raw).unwrap();
        let at = text.text.find(find).unwrap();
        text.apply(&[(at..at + find.len(), new.into())])
    }

    #[test]
    fn an_edit_leaves_the_bom_and_crlf_line_endings_as_they_were() {
        let raw = b"\xEF\xBB\xBF# T\r\n\r\n| A | \xE2\x9C\x85 |\r\n";
        let out = edit(raw, "✅", "🚧");
        assert_eq!(out, "\u{feff}# T\r\n\r\n| A | 🚧 |\r\n".as_bytes());
    }

    #[test]
    fn a_garbled_file_gets_the_new_symbol_garbled_the_same_way() {
        // ✅ read as Mac Roman is "‚úÖ"; 🚀 is "\u{f8ff}üöÄ" (F0 is the Apple logo).
        let raw = "# \u{f8ff}üöÄ Plan\n\n| A | ‚úÖ |\n| B | ‚úÖ |\n".as_bytes();
        let text = RawText::new(raw).unwrap();
        assert!(text.is_garbled());
        assert_eq!(text.text, "# 🚀 Plan\n\n| A | ✅ |\n| B | ✅ |\n");
        let at = text.text.rfind('✅').unwrap();
        let out = text.apply(&[(at..at + '✅'.len_utf8(), "❌".into())]);
        let garbled_cross = encoding_rs::MACINTOSH
            .decode_without_bom_handling("❌".as_bytes())
            .0
            .into_owned();
        let expected = format!("# \u{f8ff}üöÄ Plan\n\n| A | ‚úÖ |\n| B | {garbled_cross} |\n");
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn ascii_is_written_as_is_in_a_garbled_file() {
        let raw = "# üöÄ Plan\n\n- [ ] A\n".as_bytes();
        assert_eq!(
            edit(raw, "[ ]", "[x]"),
            "# üöÄ Plan\n\n- [x] A\n".as_bytes()
        );
    }

    #[test]
    fn other_encodings_are_refused() {
        assert_eq!(RawText::new(b"\xFF\xFEa\0").unwrap_err(), NotUtf8);
        assert_eq!(RawText::new(b"caf\xE9").unwrap_err(), NotUtf8);
    }
}
