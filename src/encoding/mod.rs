//! Raw file bytes → UTF-8 text, repairing the damage people's files really have:
//! a BOM, UTF-16 (with or without a BOM), legacy 8-bit text, and UTF-8 that went through a Mac Roman or
//! Windows-1252 round trip ("üöÄ" or "ðŸš€" for 🚀). Each repair is one warning.

mod utf16;

use std::path::Path;

use encoding_rs::{Encoding, MACINTOSH, UTF_8, WINDOWS_1252};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use utf16::{Utf16, utf16_without_bom};

/// Decodes a text file. Binary input is an error; everything else decodes, with a
/// warning for each repair so the user can fix the file for good.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(SourceFile, Vec<Diagnostic>), Box<Diagnostic>> {
    let mut warnings = Vec::new();
    let (text, bom) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) if encoding != UTF_8 => {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                return Err(Box::new(binary(path)));
            }
            warnings.push(
                Diagnostic::file(
                    Severity::Warning,
                    path,
                    format!("file is {}, read as such", encoding.name()),
                )
                .with_hint("save it as UTF-8, which every Markdown tool reads"),
            );
            (text.into_owned(), true)
        }
        // `bom` stays false for a UTF-8 BOM before bytes that are not UTF-8, so that
        // they are read as legacy text below rather than replaced.
        Some((_, bom_len)) => (
            String::from_utf8_lossy(&bytes[bom_len..]).into_owned(),
            std::str::from_utf8(&bytes[bom_len..]).is_ok(),
        ),
        None => match utf16_without_bom(bytes) {
            Utf16::Text(encoding, text) => {
                warnings.push(
                    Diagnostic::file(
                        Severity::Warning,
                        path,
                        format!(
                            "file is {} without a byte-order mark, read as such",
                            encoding.name()
                        ),
                    )
                    .with_hint("save it as UTF-8, which every Markdown tool reads"),
                );
                (text, true)
            }
            Utf16::Damaged => {
                return Err(Box::new(
                    Diagnostic::file(
                        Severity::Error,
                        path,
                        "this looks like UTF-16 text without a byte-order mark, but it does \
                         not decode as UTF-16 (an odd number of bytes, or a broken character)",
                    )
                    .with_hint("save it as UTF-8 from the program that wrote it"),
                ));
            }
            Utf16::No => (String::from_utf8_lossy(bytes).into_owned(), false),
        },
    };
    if text.contains('\0') {
        return Err(Box::new(binary(path)));
    }
    let body = if bytes.starts_with(b"\xEF\xBB\xBF") {
        &bytes[3..]
    } else {
        bytes
    };
    let text = match std::str::from_utf8(body) {
        Err(invalid) if !bom => {
            let (decoded, _) = WINDOWS_1252.decode_without_bom_handling(body);
            let good = &body[..invalid.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            warnings.push(
                Diagnostic::file(
                    Severity::Warning,
                    path,
                    format!(
                        "not valid UTF-8 (first bad byte on line {line}); read as Windows-1252"
                    ),
                )
                .with_hint("save the file as UTF-8"),
            );
            decoded.into_owned()
        }
        _ => text,
    };
    // Line endings first, so that repair positions match the text they are shown in.
    let text = crate::source::normalize_newlines(text);
    let source = match repair_mojibake(&text) {
        Some(repair) => {
            let garbled = SourceFile::new(path, text);
            warnings.push(
                Diagnostic::at(
                    Severity::Warning,
                    &garbled,
                    repair.first.clone(),
                    format!(
                        "garbled text: UTF-8 that was read as {} (`{}` stands for `{}`); \
                         repaired {} in memory",
                        display_name(repair.encoding),
                        repair.example.0,
                        repair.example.1,
                        crate::cmd::plural(repair.count, "place")
                    ),
                )
                .with_hint(format!(
                    "fix the file itself with `iconv -f UTF-8 -t {} {} > fixed.md`, check \
                     fixed.md, then replace the file with it",
                    iconv_name(repair.encoding),
                    path.display()
                )),
            );
            SourceFile::new(path, repair.text)
        }
        None => SourceFile::new(path, text),
    };
    Ok((source, warnings))
}

fn binary(path: &Path) -> Diagnostic {
    Diagnostic::file(
        Severity::Error,
        path,
        "this is a binary file, not Markdown text",
    )
    .with_hint("point `roadmap` in roadmap.toml at your Markdown roadmap")
}

fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == MACINTOSH {
        "Mac Roman"
    } else {
        "Windows-1252"
    }
}

fn iconv_name(encoding: &'static Encoding) -> &'static str {
    if encoding == MACINTOSH {
        "MACINTOSH"
    } else {
        "WINDOWS-1252"
    }
}

/// The outcome of undoing a UTF-8 → 8-bit round trip.
struct Repair {
    text: String,
    encoding: &'static Encoding,
    count: usize,
    first: std::ops::Range<usize>,
    example: (String, String),
}

/// Tries each legacy encoding and keeps the one that explains the most garbled runs.
fn repair_mojibake(text: &str) -> Option<Repair> {
    if text.is_ascii() {
        return None;
    }
    [MACINTOSH, WINDOWS_1252]
        .into_iter()
        .filter_map(|encoding| repair_with(text, encoding))
        .max_by_key(|repair| repair.count)
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
    let mut count = 0;
    let mut long = 0;
    let mut first = None;
    let mut example = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        let len = byte_of(c).map_or(0, sequence_len);
        if len > 1 && i + len <= chars.len() {
            let bytes: Option<Vec<u8>> =
                chars[i..i + len].iter().map(|&(_, c)| byte_of(c)).collect();
            if let Some(decoded) = bytes.as_deref().and_then(|b| std::str::from_utf8(b).ok()) {
                count += 1;
                long += usize::from(len >= 3);
                let end = chars.get(i + len).map_or(text.len(), |&(o, _)| o);
                first.get_or_insert(offset..end);
                example.get_or_insert_with(|| (text[offset..end].to_string(), decoded.to_string()));
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
    let convincing = long > 0 || (encoding == WINDOWS_1252 && count > 0);
    convincing.then(|| Repair {
        text: out,
        encoding,
        count,
        first: first.unwrap_or(0..0),
        example: example.unwrap_or_default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_str(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
        let (src, warnings) = decode(Path::new("r.md"), bytes).unwrap();
        (src.text, warnings)
    }

    #[test]
    fn clean_utf8_is_untouched_and_silent() {
        let (text, warnings) = decode_str("# 🚀 Café “école” ✅".as_bytes());
        assert_eq!(text, "# 🚀 Café “école” ✅");
        assert!(warnings.is_empty());
    }

    #[test]
    fn bom_is_stripped_silently() {
        let (text, warnings) = decode_str(b"\xEF\xBB\xBF# T");
        assert_eq!(text, "# T");
        assert!(warnings.is_empty());
    }

    #[test]
    fn mac_roman_mojibake_is_repaired_with_one_warning() {
        let (text, warnings) =
            decode_str("# \u{f8ff}üöÄ Roadmap\nBayes‚Äô DALL¬∑E \u{f8ff}üõ†Ô∏è".as_bytes());
        assert_eq!(text, "# 🚀 Roadmap\nBayes’ DALL·E 🛠️");
        assert_eq!(warnings.len(), 1);
        let w = warnings[0].to_string();
        assert!(w.starts_with("r.md:1:3: warning: garbled text"), "{w}");
        assert!(
            w.contains("read as Mac Roman") && w.contains("MACINTOSH"),
            "{w}"
        );
    }

    #[test]
    fn windows_1252_mojibake_is_repaired() {
        let (text, warnings) = decode_str("| âœ… | Bayesâ€™ |".as_bytes());
        assert_eq!(text, "| ✅ | Bayes’ |");
        assert!(
            warnings[0].message.contains("read as Windows-1252"),
            "{:?}",
            warnings
        );
    }

    #[test]
    fn genuine_symbols_are_not_repaired() {
        let (text, warnings) = decode_str("x = √π and ≈∞, “école”".as_bytes());
        assert_eq!(text, "x = √π and ≈∞, “école”");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn repair_positions_count_lines_after_crlf() {
        let (_, warnings) = decode_str("a\r\n\r\n\r\n| ‚Äô |".as_bytes());
        assert_eq!(
            warnings[0].location.map(|l| (l.line, l.column)),
            Some((4, 3))
        );
    }

    #[test]
    fn bom_before_latin1_bytes_is_read_as_windows_1252() {
        let (text, warnings) = decode_str(b"\xEF\xBB\xBF# Caf\xe9");
        assert_eq!(text, "# Café");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn latin1_bytes_are_read_as_windows_1252() {
        let (text, warnings) = decode_str(b"# Caf\xe9\n");
        assert_eq!(text, "# Café\n");
        assert!(warnings[0].message.contains("line 1"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("# Hi ✅".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let (text, warnings) = decode_str(&bytes);
        assert_eq!(text, "# Hi ✅");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn binary_input_is_an_error() {
        let err = decode(Path::new("x.png"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap_err();
        assert!(err.is_error());
        assert!(err.message.contains("binary"));
    }
}
