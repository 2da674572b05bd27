//! UTF-16 without a byte-order mark → text, told apart from binary files.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// What [`utf16_without_bom`] made of a file.
pub(super) enum Utf16 {
    /// UTF-16 of the one byte order, decoded.
    Text(&'static Encoding, String),
    /// Laid out as UTF-16 but not valid UTF-16.
    Damaged,
    /// Not UTF-16 (binary, or UTF-8 with a stray zero byte).
    No,
}

/// UTF-16 saved without a byte-order mark (some tools and scripts write it so), told
/// from binary by where its zero bytes are: the high byte of every ASCII or Latin-1
/// character, so nearly all on one side (odd offsets in little-endian, even in
/// big-endian) and many, where binary data has them on both sides. CJK text has few
/// ASCII characters, but its line breaks, spaces and Markdown marks are enough.
pub(super) fn utf16_without_bom(bytes: &[u8]) -> Utf16 {
    let (mut even, mut odd) = (0usize, 0usize);
    for i in memchr::memchr_iter(0, bytes) {
        if i % 2 == 0 {
            even += 1;
        } else {
            odd += 1;
        }
    }
    let (encoding, high, low) = if odd > even {
        (UTF_16LE, odd, even)
    } else {
        (UTF_16BE, even, odd)
    };
    // Characters like U+4E00 (一) or U+3000 have a zero low byte: a few on the other
    // side are text; one in ten Latin-1 characters at the least.
    let units = bytes.len() / 2;
    // A stray zero byte or two in a short UTF-8 file is no sign of UTF-16.
    const FEWEST_ZEROS: usize = 4;
    if high < FEWEST_ZEROS || low * 4 > high || high * 10 < units {
        return Utf16::No;
    }
    if !bytes.len().is_multiple_of(2) {
        return Utf16::Damaged;
    }
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Utf16::Damaged;
    };
    // Control characters (U+0000 is two zero bytes) are binary's, not text's.
    let text_like = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c');
    if !text.chars().all(text_like) {
        return Utf16::No;
    }
    Utf16::Text(encoding, text.into_owned())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::encoding::decode;

    fn decode_str(bytes: &[u8]) -> (String, Vec<crate::diagnostic::Diagnostic>) {
        let (src, warnings) = decode(Path::new("r.md"), bytes).unwrap();
        (src.text, warnings)
    }

    fn utf16(text: &str, encode: fn(u16) -> [u8; 2]) -> Vec<u8> {
        text.encode_utf16().flat_map(encode).collect()
    }

    #[test]
    fn utf16_without_bom_is_decoded_in_either_byte_order_with_a_warning() {
        let roadmap = "# Roadmap\r\n\r\n- [x] Café ✅\r\n- [ ] 学习一 🚀\r\n";
        for (encode, name) in [
            (u16::to_le_bytes as fn(u16) -> [u8; 2], "UTF-16LE"),
            (u16::to_be_bytes, "UTF-16BE"),
        ] {
            let (text, warnings) = decode_str(&utf16(roadmap, encode));
            assert_eq!(text, roadmap.replace("\r\n", "\n"));
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            let warning = warnings[0].to_string();
            assert!(
                warning.starts_with(&format!(
                    "r.md: warning: file is {name} without a byte-order mark, read as such"
                )),
                "{warning}"
            );
            assert!(warning.contains("save it as UTF-8"), "{warning}");
        }
    }

    #[test]
    fn mostly_cjk_utf16_without_bom_is_decoded() {
        let roadmap = "# 机器学习路线图\n\n## 第一阶段：数学基础\n\n- [ ] 线性代数与矩阵运算\n";
        let (text, _) = decode_str(&utf16(roadmap, u16::to_le_bytes));
        assert_eq!(text, roadmap);
    }

    #[test]
    fn utf16_without_bom_cut_short_says_so() {
        let mut bytes = utf16("# Roadmap\n- [ ] A\n", u16::to_le_bytes);
        bytes.pop();
        let err = decode(Path::new("r.md"), &bytes).unwrap_err().to_string();
        assert!(
            err.starts_with("r.md: error: this looks like UTF-16 text without a byte-order mark"),
            "{err}"
        );
        assert!(err.contains("save it as UTF-8"), "{err}");
    }

    #[test]
    fn binary_files_and_stray_zero_bytes_are_not_taken_for_utf16() {
        // The signature and header chunk of a 1×1 PNG image.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82";
        let err = decode(Path::new("x.png"), png).unwrap_err();
        assert!(err.message.contains("binary file"), "{err}");
        // UTF-8 text with one zero byte read as UTF-16 would be CJK gibberish.
        let err = decode(Path::new("r.md"), b"# Roadmap\n\n- [ ] Learn\0 Rust\n").unwrap_err();
        assert!(err.message.contains("binary file"), "{err}");
        // UTF-32 has zero bytes on both sides.
        let utf32: Vec<u8> = "# Roadmap\n"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        let err = decode(Path::new("r.md"), &utf32).unwrap_err();
        assert!(err.message.contains("binary file"), "{err}");
        // Short UTF-8 files with a stray zero byte, all on one side by chance.
        for short in [&b"hello\0world\n"[..], b"ok\0\n", b"# T\n\nab\0cd\n"] {
            let err = decode(Path::new("r.md"), short).unwrap_err();
            assert!(err.message.contains("binary file"), "{short:?}: {err}");
            assert!(
                err.to_string().contains("UTF-16"),
                "the hint names it: {err}"
            );
        }
    }
}
