//! Text garbled by a UTF-8 → Mac Roman or → Windows-1252 round trip ("üöÄ" or "ðŸš€"
//! for 🚀) → the text it was, with every repaired place. The reader repairs in memory
//! with it and `fix-encoding` rewrites the file with it, so both always agree.

use std::ops::Range;

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

/// The outcome of undoing a UTF-8 → 8-bit round trip.
#[derive(Debug)]
pub struct Repair {
    /// The repaired text.
    pub text: String,
    /// The encoding the UTF-8 was wrongly read as.
    pub encoding: &'static Encoding,
    /// Every repaired sequence, in order: its bytes in the garbled text and what it
    /// stood for.
    pub places: Vec<(Range<usize>, String)>,
}

impl Repair {
    /// "Mac Roman" or "Windows-1252", as people call them.
    pub fn encoding_name(&self) -> &'static str {
        if self.encoding == MACINTOSH {
            "Mac Roman"
        } else {
            "Windows-1252"
        }
    }
}

/// Tries each legacy encoding and keeps the one that explains the most garbled runs.
pub fn repair_mojibake(text: &str) -> Option<Repair> {
    if text.is_ascii() {
        return None;
    }
    [MACINTOSH, WINDOWS_1252]
        .into_iter()
        .filter_map(|encoding| repair_with(text, encoding))
        .max_by_key(|repair| repair.places.len())
}

/// What `fix-encoding` can do with a file's bytes.
#[derive(Debug)]
pub enum FileRepair {
    /// The file repaired: its new bytes (a BOM and line endings kept as they were).
    Repaired {
        /// The whole new file.
        bytes: Vec<u8>,
        /// What was repaired, with places in `original`.
        repair: Repair,
        /// The file's text before the repair (without its BOM).
        original: String,
    },
    /// Valid UTF-8 with nothing garbled in it.
    Clean,
    /// Not UTF-8 text (UTF-16, a legacy encoding, binary): the reader converts such
    /// files in memory, but rewriting them is more than undoing a round trip.
    NotUtf8,
}

/// A UTF-8 file's bytes → the file repaired as the reader repairs it in memory.
/// Line endings are left as they are: the repair never spans one (they are ASCII).
pub fn repair_file(bytes: &[u8]) -> FileRepair {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    // UTF-16, with a BOM or without, is never valid UTF-8 free of NUL characters.
    let Ok(text) = std::str::from_utf8(&bytes[bom..]) else {
        return FileRepair::NotUtf8;
    };
    if text.contains('\0') {
        return FileRepair::NotUtf8;
    }
    match repair_mojibake(text) {
        None => FileRepair::Clean,
        Some(repair) => {
            let mut out = bytes[..bom].to_vec();
            out.extend_from_slice(repair.text.as_bytes());
            FileRepair::Repaired {
                bytes: out,
                repair,
                original: text.to_string(),
            }
        }
    }
}

/// Maps each non-ASCII character back to the byte the legacy encoding decoded it from,
/// then re-reads runs of those bytes as UTF-8. Only sequences that decode to plausible
/// text are replaced, so genuine accented text next to garbled text is left alone.
fn repair_with(text: &str, encoding: &'static Encoding) -> Option<Repair> {
    // The legacy encoding's upper half, sorted by character for lookups.
    let mut high_half: Vec<(char, u8)> = (0x80..=0xffu8)
        .map(|b| {
            let byte = [b];
            let (decoded, _) = encoding.decode_without_bom_handling(&byte);
            (decoded.chars().next().unwrap_or('\u{fffd}'), b)
        })
        .collect();
    high_half.sort_unstable();
    let byte_of = |c: char| {
        if c.is_ascii() {
            return None;
        }
        high_half
            .binary_search_by_key(&c, |&(h, _)| h)
            .ok()
            .map(|i| high_half[i].1)
    };
    // Nothing to repair without a character that stands for a UTF-8 lead byte; most
    // files have none, and then the copy below is skipped.
    if !text.chars().any(|c| byte_of(c).is_some_and(|b| b >= 0xc2)) {
        return None;
    }

    let mut out = String::with_capacity(text.len());
    let mut places = Vec::new();
    let mut long = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        let len = byte_of(c).map_or(0, sequence_len);
        if len > 1 && i + len <= chars.len() {
            let bytes: Option<Vec<u8>> =
                chars[i..i + len].iter().map(|&(_, c)| byte_of(c)).collect();
            if let Some(decoded) = bytes.as_deref().and_then(|b| std::str::from_utf8(b).ok()) {
                long += usize::from(len >= 3);
                let end = chars.get(i + len).map_or(text.len(), |&(o, _)| o);
                places.push((offset..end, decoded.to_string()));
                out.push_str(decoded);
                i += len;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    // Two-byte sequences alone are weak evidence in Mac Roman text: `√π` is genuine
    // mathematics, not a garbled `ù`. Garbled files nearly always hold an emoji or a
    // typographic quote (three or more bytes) too.
    let convincing = long > 0 || (encoding == WINDOWS_1252 && !places.is_empty());
    convincing.then_some(Repair {
        text: out,
        encoding,
        places,
    })
}

/// Length of the UTF-8 sequence a lead byte starts, for leads that begin plausible
/// text: two-byte leads only for Latin-1 and Latin Extended-A (accents, `·`, `’`'s
/// relatives), so that genuine pairs such as “é in Mac Roman text are not "repaired".
fn sequence_len(lead: u8) -> usize {
    match lead {
        0xc2..=0xc5 => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 0,
    }
}

/// A garbled sequence as it can be shown in a terminal: Mac Roman's Apple logo
/// (U+F8FF, a private-use character most fonts lack) and control characters escaped.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || ('\u{e000}'..='\u{f8ff}').contains(&c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(bytes: &[u8]) -> (String, usize) {
        match repair_file(bytes) {
            FileRepair::Repaired { bytes, repair, .. } => {
                (String::from_utf8(bytes).unwrap(), repair.places.len())
            }
            other => panic!("not repaired: {other:?}"),
        }
    }

    #[test]
    fn a_file_keeps_its_bom_and_crlf_line_endings() {
        let (text, count) = repaired("\u{feff}# \u{f8ff}üöÄ A\r\n\r\nB‚Äô\r\n".as_bytes());
        assert_eq!(text, "\u{feff}# 🚀 A\r\n\r\nB’\r\n");
        assert_eq!(count, 2);
    }

    #[test]
    fn places_are_byte_ranges_of_the_garbled_text() {
        let text = "ab ‚Äô c \u{f8ff}üöÄ";
        let repair = repair_mojibake(text).unwrap();
        let shown: Vec<(&str, &str)> = (repair.places.iter())
            .map(|(range, fixed)| (&text[range.clone()], fixed.as_str()))
            .collect();
        assert_eq!(shown, [("‚Äô", "’"), ("\u{f8ff}üöÄ", "🚀")]);
        assert_eq!(repair.encoding_name(), "Mac Roman");
    }

    #[test]
    fn clean_and_non_utf8_files_are_told_apart() {
        assert!(matches!(
            repair_file("# Café “é” √π ✅".as_bytes()),
            FileRepair::Clean
        ));
        assert!(matches!(repair_file(b"# Caf\xe9"), FileRepair::NotUtf8));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("# ‚Äô".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert!(matches!(repair_file(&utf16), FileRepair::NotUtf8));
        assert!(matches!(
            repair_file("a\0b ‚Äô".as_bytes()),
            FileRepair::NotUtf8
        ));
    }

    #[test]
    fn the_apple_logo_is_shown_escaped() {
        assert_eq!(visible("\u{f8ff}üöÄ\t"), "\\u{f8ff}üöÄ\\u{9}");
    }
}
