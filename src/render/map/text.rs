//! A title and a box width → at most two lines that fit it, the second cut with an
//! ellipsis when the title is longer. Widths are estimated from the badge's Verdana
//! metrics, which are wider than the system fonts the map is drawn in: an estimate
//! that errs towards room to spare, never towards text running out of its box.

use crate::badge::text_width;

/// The badge metrics' font size, in pixels.
const METRICS_SIZE: f64 = 11.0;
/// Bold text is about this much wider than regular.
const BOLD: f64 = 1.08;
/// Most lines a title takes in a node.
pub const MAX_LINES: usize = 2;
const ELLIPSIS: char = '…';

/// How a node's text is set.
#[derive(Debug, Clone, Copy)]
pub struct Font {
    /// Size in pixels.
    pub size: f64,
    /// Bold.
    pub bold: bool,
}

impl Font {
    /// Estimated width of `text` in pixels.
    pub fn width(self, text: &str) -> f64 {
        let scale = self.size / METRICS_SIZE * if self.bold { BOLD } else { 1.0 };
        text_width(text) * scale
    }
}

/// A title set in at most [`MAX_LINES`] lines of `width` pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// The lines, one or two (one, empty, for an empty title).
    pub lines: Vec<String>,
    /// Some of the title did not fit: the last line ends in an ellipsis.
    pub cut: bool,
}

/// Breaks `text` at spaces (inside a word longer than a line, and in scripts
/// written without spaces, between any two characters) into lines of `width`.
pub fn wrap(text: &str, font: Font, width: f64) -> Wrapped {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = match line.is_empty() {
            true => word.to_string(),
            false => format!("{line} {word}"),
        };
        if font.width(&joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone: broken between characters where it is wider than a line.
        for c in word.chars() {
            line.push(c);
            if font.width(&line) > width && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
        if lines.len() > MAX_LINES {
            break; // the rest is cut anyway: long titles cost no more than short ones
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    let cut = lines.len() > MAX_LINES;
    lines.truncate(MAX_LINES);
    if cut {
        let last = lines.last_mut().expect("two lines");
        while !last.is_empty() && font.width(&format!("{last}{ELLIPSIS}")) > width {
            last.pop();
        }
        *last = format!("{}{ELLIPSIS}", last.trim_end());
    }
    Wrapped { lines, cut }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: Font = Font {
        size: 13.0,
        bold: false,
    };

    #[test]
    fn a_short_title_is_one_line() {
        let w = wrap("Linear algebra", TEXT, 200.0);
        assert_eq!(w.lines, vec!["Linear algebra"]);
        assert!(!w.cut);
    }

    #[test]
    fn a_long_title_wraps_to_two_lines_then_an_ellipsis() {
        let title = "A very long title about many things ".repeat(6);
        let w = wrap(&title, TEXT, 150.0);
        assert_eq!(w.lines.len(), 2);
        assert!(w.cut);
        assert!(w.lines[1].ends_with('…'));
        for line in &w.lines {
            assert!(TEXT.width(line) <= 150.0, "{line:?} is wider than its box");
        }
    }

    #[test]
    fn scripts_without_spaces_break_between_characters() {
        let w = wrap(&"機械学習の基礎".repeat(5), TEXT, 120.0);
        assert_eq!(w.lines.len(), 2);
        assert!(w.cut);
        for line in &w.lines {
            assert!(TEXT.width(line) <= 120.0);
        }
        let arabic = wrap("تعلم الآلة والجبر الخطي والإحصاء والاحتمالات", TEXT, 120.0);
        assert!(arabic.lines.iter().all(|l| TEXT.width(l) <= 120.0));
    }

    /// Before: every letter of these alphabets counted one em, and an Arabic phase
    /// title ("المرحلة الأولى: الأساسيات") kept its first word and an ellipsis.
    #[test]
    fn greek_cyrillic_hebrew_and_arabic_are_estimated_with_room_to_spare() {
        // The widest Chromium drew them in, in ems a character.
        for (title, drawn) in [
            ("المرحلة الأولى: الأساسيات", 0.48),
            ("מבני נתונים ואלגוריתמים", 0.48),
            ("Структуры данных и алгоритмы", 0.61),
            ("Γραμμική άλγεβρα και πίνακες", 0.56),
        ] {
            let per_char = TEXT.width(title) / TEXT.size / title.chars().count() as f64;
            assert!(per_char > drawn, "{title}: {per_char:.2} em a character");
            assert!(per_char < 0.75, "{title}: {per_char:.2} em a character");
        }
    }

    #[test]
    fn nothing_fits_in_no_room_yet_nothing_panics() {
        for width in [0.0, 1.0, 8.0] {
            let w = wrap("Word", TEXT, width);
            assert!(w.lines.len() <= MAX_LINES);
        }
        assert_eq!(wrap("", TEXT, 100.0).lines, vec![""]);
    }
}
