//! Raw file bytes → UTF-8 text, repairing the damage people's files really have:
//! a BOM, UTF-16 (with or without a BOM), legacy 8-bit text, and UTF-8 that went through a Mac Roman or
//! Windows-1252 round trip ("üöÄ" or "ðŸš€" for 🚀). Each repair is one warning.

mod mojibake;
mod utf16;

use std::path::Path;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
pub use mojibake::repair_mojibake;
pub use mojibake::{FileRepair, Repair, repair_file, visible};
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
    // Any warning so far says the file is not UTF-8: `fix-encoding` repairs UTF-8
    // files only, so it is suggested for this one once it is saved as UTF-8.
    let utf8 = warnings.is_empty();
    // Line endings first, so that repair positions match the text they are shown in.
    let text = crate::source::normalize_newlines(text);
    let source = match repair_mojibake(&text) {
        Some(repair) => {
            let garbled = SourceFile::new(path, text);
            warnings.push(garbled_warning(&garbled, &repair, utf8));
            SourceFile::new(path, repair.text)
        }
        None => SourceFile::new(path, text),
    };
    Ok((source, warnings))
}

/// One warning for all the places repaired, with the command that repairs the file.
fn garbled_warning(garbled: &SourceFile, repair: &Repair, utf8: bool) -> Diagnostic {
    let (first, fixed) = &repair.places[0];
    let command = format!("roadmap-site fix-encoding {}", garbled.path.display());
    let hint = if utf8 {
        format!(
            "repair the file itself with `{command}` (it keeps the original as a .orig \
             backup; add --dry-run to see what would change)"
        )
    } else {
        format!("save the file as UTF-8, then repair it with `{command}`")
    };
    Diagnostic::at(
        Severity::Warning,
        garbled,
        first.clone(),
        format!(
            "garbled text: UTF-8 that was read as {} (`{}` stands for `{}`); repaired {} \
             in memory",
            repair.encoding_name(),
            visible(&garbled.text[first.clone()]),
            fixed,
            crate::plural::plural(repair.places.len(), "place")
        ),
    )
    .with_hint(hint)
}

fn binary(path: &Path) -> Diagnostic {
    Diagnostic::file(
        Severity::Error,
        path,
        "this is a binary file, not Markdown text",
    )
    // Said of notes and of the roadmap alike: no setting is named.
    .with_hint(
        "roadmap-site reads Markdown text; if this is text, save it as UTF-8 from the \
         program that wrote it (UTF-16 without a byte-order mark can look binary)",
    )
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
            w.contains("read as Mac Roman")
                && w.contains("`\\u{f8ff}üöÄ` stands for `🚀`")
                && w.contains("`roadmap-site fix-encoding r.md`"),
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
