//! The font shipped in the binary (Inter, a subset: Latin, Greek, Cyrillic) → the
//! font database the images are drawn with, and text widths for fitting titles.
//!
//! The subset is of Inter 3.19, Regular and Bold (licence: `fonts/OFL.txt`): Latin with
//! its European accents, Greek, Cyrillic, punctuation, digits and a few symbols. A
//! title in a script it lacks (Chinese, Japanese, Arabic, Hebrew…) is drawn with the
//! machine's own fonts when it has some that cover it ([`super::fallback`]: loaded
//! then, and only then, as a picture drawn from the shipped font alone is the same on
//! every machine). Characters no font here has, and emoji, are left out of the
//! picture rather than drawn as boxes; `docs/output.md` says so.

use std::sync::Arc;

use resvg::usvg::fontdb;
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

/// The family name the SVGs ask for.
pub const FAMILY: &str = "Inter";
/// What a browser showing `card.svg` falls back to (it does not have the shipped font).
pub const FAMILY_CSS: &str = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const REGULAR: &[u8] = include_bytes!("fonts/Inter-Regular.subset.otf");
const BOLD: &[u8] = include_bytes!("fonts/Inter-Bold.subset.otf");

/// A font weight the images use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// 400.
    Regular,
    /// 700.
    Bold,
}

/// The fonts of one build: the shipped ones, and the system's once a text needs them.
pub struct Fonts {
    shipped: Arc<fontdb::Database>,
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts {
            shipped: Arc::new(shipped()),
        }
    }
}

/// The shipped fonts alone.
pub fn shipped() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    db.load_font_data(REGULAR.to_vec());
    db.load_font_data(BOLD.to_vec());
    db.set_sans_serif_family(FAMILY);
    db
}

impl Fonts {
    /// The database to draw `svg` with: the shipped fonts, plus the system's when
    /// the text has characters they lack.
    pub fn for_text(&self, svg: &str) -> Arc<fontdb::Database> {
        if text_of(svg).all(covered) {
            return self.shipped.clone();
        }
        super::fallback::database()
    }
}

/// The characters between tags: enough to tell whether the shipped font covers them
/// (markup is ASCII, which it does).
fn text_of(svg: &str) -> impl Iterator<Item = char> + '_ {
    svg.chars().filter(|c| !c.is_ascii())
}

/// Whether the shipped font has a glyph for `c`.
pub fn covered(c: char) -> bool {
    c.is_ascii() || charmap(Weight::Regular).map(c).is_some()
}

fn face(weight: Weight) -> skrifa::FontRef<'static> {
    let data = match weight {
        Weight::Regular => REGULAR,
        Weight::Bold => BOLD,
    };
    skrifa::FontRef::new(data).expect("the shipped font parses (tested)")
}

fn charmap(weight: Weight) -> skrifa::charmap::Charmap<'static> {
    face(weight).charmap()
}

/// The width of `text` at `size` px in the shipped font. A character the font lacks
/// counts as wide as in the machine's font that draws it, or as a CJK ideograph
/// (one em) when none does: a title is then cut short rather than run off the picture.
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    let face = face(weight);
    let (charmap, metrics) = (
        face.charmap(),
        face.glyph_metrics(Size::new(size), LocationRef::default()),
    );
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|glyph| metrics.advance_width(glyph))
                .or_else(|| super::fallback::advance(c, size, weight == Weight::Bold))
                .unwrap_or(size)
        })
        .sum()
}

/// `text` without what would be drawn as a box or differ from machine to machine:
/// emoji (with their joiners and variation selectors), and characters that neither
/// the shipped font nor any of the machine's has; the spaces they leave are closed
/// up. Other scripts stay when the machine has a font for them.
pub fn drawable(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| {
            let shown = covered(c)
                || c.is_whitespace()
                || (!emoji(c) && super::fallback::advance(c, 1.0, false).is_some());
            if shown { c } else { ' ' }
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Emoji and their joiners, selectors and tags: drawn in colour by some machines and
/// not at all by others, so never.
fn emoji(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{200D}' | '\u{20E3}' | '\u{E0000}'..='\u{E007F}')
}

/// `text`, cut at a word (or a character, for a long word) and ended with `…`, to fit
/// in `max` px at `size`.
pub fn fit(text: &str, size: f32, weight: Weight, max: f32) -> String {
    let text = &drawable(text);
    if width(text, size, weight) <= max {
        return text.to_string();
    }
    let room = max - width("…", size, weight);
    let mut end = 0;
    let mut used = 0.0;
    for (i, c) in text.char_indices() {
        used += width(c.encode_utf8(&mut [0; 4]), size, weight);
        if used > room {
            break;
        }
        end = i + c.len_utf8();
    }
    let cut = &text[..end];
    // Back to the last space when it keeps most of the line: words stay whole.
    let cut = match cut.rfind(' ') {
        Some(space) if space * 3 > end * 2 => &cut[..space],
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// `text` in at most `lines` lines of `max` px, broken at spaces (a word longer
/// than a line is cut); the last line ends with `…` when text is left over.
pub fn wrap(text: &str, size: f32, weight: Weight, max: f32, lines: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in drawable(text).split_whitespace() {
        let longer = match line.is_empty() {
            true => word.to_string(),
            false => format!("{line} {word}"),
        };
        if width(&longer, size, weight) <= max {
            line = longer;
            continue;
        }
        if out.len() + 1 >= lines {
            out.push(fit(&longer, size, weight, max));
            return out;
        }
        match line.is_empty() {
            true => out.push(fit(word, size, weight, max)),
            false => {
                out.push(fit(&line, size, weight, max));
                line = word.to_string();
            }
        }
    }
    if !line.is_empty() {
        out.push(fit(&line, size, weight, max));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_fonts_parse_and_cover_latin_greek_and_cyrillic_but_not_cjk() {
        for weight in [Weight::Regular, Weight::Bold] {
            assert!(face(weight).charmap().map('é').is_some());
        }
        assert!("Alpha é ß Ω Привет".chars().all(covered));
        assert!(!covered('学'));
        assert!(!covered('ع'));
        assert_eq!(Fonts::default().shipped.faces().count(), 2);
    }

    #[test]
    fn emoji_are_left_out_and_letters_of_every_script_kept() {
        assert_eq!(drawable("🚀 My  Roadmap ✅"), "My Roadmap");
        assert_eq!(drawable("👩‍💻 Code"), "Code");
        // Other scripts stay where the machine has a font for them, else go.
        let machine_has = |c| super::super::fallback::advance(c, 1.0, false).is_some();
        let chinese = if machine_has('学') {
            "学习 Rust"
        } else {
            "Rust"
        };
        assert_eq!(drawable("学习 Rust"), chinese);
        let arabic = if machine_has('ع') { "تعلم" } else { "" };
        assert_eq!(drawable("تعلم"), arabic);
        // A character no font has (private use) is never drawn as a box.
        assert_eq!(drawable("A\u{F8FF}B"), "A B");
    }

    #[test]
    fn widths_grow_with_text_and_bold_is_wider() {
        let (a, b) = (
            width("Roadmap", 40.0, Weight::Regular),
            width("Roadmap", 40.0, Weight::Bold),
        );
        assert!(a > 100.0 && a < 200.0, "{a}");
        assert!(b > a);
        // A character the shipped font lacks: as wide as in the machine's font, or 1 em.
        let cjk = width("学", 40.0, Weight::Regular);
        assert!((30.0..=44.0).contains(&cjk), "{cjk}");
        assert_eq!(width("\u{F8FF}", 40.0, Weight::Regular), 40.0);
    }

    #[test]
    fn fit_keeps_what_fits_and_cuts_the_rest_at_a_word() {
        assert_eq!(fit(" Short ", 40.0, Weight::Bold, 1000.0), "Short");
        let long = "Linear algebra for machine learning practitioners";
        let cut = fit(long, 40.0, Weight::Bold, 400.0);
        assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
        assert!(width(&cut, 40.0, Weight::Bold) <= 400.0);
        assert!(long.starts_with(cut.trim_end_matches('…')), "{cut}");
        assert!(!cut.trim_end_matches('…').ends_with(' '));
    }

    #[test]
    fn wrap_breaks_at_spaces_and_ends_cut_text_with_an_ellipsis() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let all = wrap(text, 20.0, Weight::Regular, 2000.0, 3);
        assert_eq!(all, vec![text.to_string()]);
        let lines = wrap(text, 20.0, Weight::Regular, 120.0, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| width(l, 20.0, Weight::Regular) <= 120.0)
        );
        assert!(text.starts_with(&lines[0]));
        assert!(wrap("", 20.0, Weight::Regular, 100.0, 2).is_empty());
    }
}
