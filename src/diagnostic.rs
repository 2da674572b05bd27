//! A problem found in an input file → `path:line:col: severity: message`, the source
//! line with carets under the offending text, and a hint on how to fix it.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use crate::source::{Location, SourceFile};

/// How bad a problem is: warnings let the build finish, errors stop it (exit code 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build goes on; the input was read the way a person would read it.
    Warning,
    /// The build stops and the previous site is left untouched.
    Error,
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// File the problem is in, as shown to the user.
    pub path: PathBuf,
    /// Position of the problem; `None` when it concerns the whole file.
    pub location: Option<Location>,
    /// Warning or error.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The source line and the caret range (character columns, 0-based, end exclusive).
    #[serde(skip)]
    excerpt: Option<Box<(String, Range<usize>)>>,
}

impl Diagnostic {
    /// A problem at a byte span of a source file.
    pub fn at(
        severity: Severity,
        source: &SourceFile,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let span = source.trim_span(span);
        let start = source.location(span.start);
        let end = source.location(span.end.max(span.start));
        let line = source.line_text(start.line).to_string();
        let first = start.column - 1;
        // Carets stop at the end of the first line of a multi-line span.
        let last = if end.line == start.line {
            end.column - 1
        } else {
            line.chars().count()
        };
        Diagnostic {
            path: source.path.clone(),
            location: Some(start),
            severity,
            message: message.into(),
            hint: None,
            excerpt: Some(Box::new(window(&line, first..last.max(first + 1)))),
        }
    }

    /// A problem at a known line and column, e.g. as reported by another parser.
    pub fn at_location(
        severity: Severity,
        source: &SourceFile,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        let line = source.line_text(location.line);
        let first = location.column.saturating_sub(1);
        Diagnostic {
            path: source.path.clone(),
            location: Some(location),
            severity,
            message: message.into(),
            hint: None,
            excerpt: Some(Box::new(window(line, first..first + 1))),
        }
    }

    /// A problem with a whole file (or with no file position at all).
    pub fn file(severity: Severity, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            location: None,
            severity,
            message: message.into(),
            hint: None,
            excerpt: None,
        }
    }

    /// A problem that concerns no file (the server, the file watcher): printed as
    /// `severity: message`, with no place.
    pub fn general(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic::file(severity, PathBuf::new(), message)
    }

    /// Adds the "how to fix it" line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line alone: `path:line:col: severity: message`.
    pub fn headline(&self) -> String {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.location {
            Some(loc) => format!(
                "{}:{}:{}: {severity}: {}",
                self.path.display(),
                loc.line,
                loc.column,
                self.message
            ),
            None if self.path.as_os_str().is_empty() => format!("{severity}: {}", self.message),
            None => format!("{}: {severity}: {}", self.path.display(), self.message),
        }
    }
}

/// Characters of context kept on each side of the carets on long lines.
const CONTEXT: usize = 60;

/// The part of a long line around the carets (a generated table can put thousands of
/// characters on one line), with `…` where it was cut; caret columns follow the cut.
fn window(line: &str, carets: Range<usize>) -> (String, Range<usize>) {
    let length = line.chars().count();
    if length <= 2 * CONTEXT + 40 {
        return (line.to_string(), carets);
    }
    let carets = carets.start..carets.end.min(carets.start + 40);
    let from = carets.start.saturating_sub(CONTEXT);
    let to = (carets.end + CONTEXT).min(length);
    let mut text: String = line.chars().skip(from).take(to - from).collect();
    let mut shift = from;
    if from > 0 {
        text.insert(0, '…');
        shift -= 1;
    }
    if to < length {
        text.push('…');
    }
    (text, carets.start - shift..carets.end - shift)
}

/// Terminal styles for the parts of a diagnostic (all plain for [`fmt::Display`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Styles {
    /// `error`
    pub error: anstyle::Style,
    /// `warning`
    pub warning: anstyle::Style,
    /// The `path:line:col` and the message.
    pub headline: anstyle::Style,
    /// The gutter and carets.
    pub marker: anstyle::Style,
    /// `= help:`
    pub help: anstyle::Style,
}

impl Styles {
    /// The colours used in a terminal.
    pub fn colored() -> Self {
        use anstyle::{AnsiColor, Effects};
        Styles {
            error: AnsiColor::Red.on_default().effects(Effects::BOLD),
            warning: AnsiColor::Yellow.on_default().effects(Effects::BOLD),
            headline: anstyle::Style::new().effects(Effects::BOLD),
            marker: AnsiColor::Blue.on_default().effects(Effects::BOLD),
            help: AnsiColor::Cyan.on_default().effects(Effects::BOLD),
        }
    }
}

impl Diagnostic {
    /// The full text with the given styles: headline, source line, carets under the
    /// problem (in display columns, so emoji and CJK text line up), help.
    pub fn render(&self, styles: &Styles) -> String {
        use unicode_width::UnicodeWidthStr;
        let (severity, style) = match self.severity {
            Severity::Warning => ("warning", styles.warning),
            Severity::Error => ("error", styles.error),
        };
        let (h, m) = (styles.headline, styles.marker);
        let place = match self.location {
            Some(loc) => format!("{}:{}:{}", self.path.display(), loc.line, loc.column),
            None => self.path.display().to_string(),
        };
        let place = if place.is_empty() {
            place
        } else {
            format!("{h}{place}:{h:#} ")
        };
        let mut out = format!(
            "{place}{style}{severity}:{style:#} {h}{}{h:#}",
            self.message
        );
        if let (Some(excerpt), Some(loc)) = (&self.excerpt, self.location) {
            let (line, carets) = excerpt.as_ref();
            let number = loc.line.to_string();
            let gutter = " ".repeat(number.len());
            // Tabs would shift the carets; show them as single spaces.
            let line = line.replace('\t', " ");
            let before: String = line.chars().take(carets.start).collect();
            let under: String = line.chars().skip(carets.start).take(carets.len()).collect();
            let pad = " ".repeat(before.width());
            let marks = "^".repeat(under.width().max(1));
            out.push_str(&format!(
                "\n{m}{gutter} |{m:#}\n{m}{number} |{m:#} {line}\n{m}{gutter} |{m:#} {pad}{style}{marks}{style:#}"
            ));
        }
        if let Some(hint) = &self.hint {
            let help = styles.help;
            out.push_str(&format!("\n  {help}= help:{help:#} {hint}"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&Styles::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_position_line_carets_and_hint() {
        let src = SourceFile::new("content/roadmap.md", "# T\n| a | maybe |\n");
        let at = src.text.find("maybe").unwrap();
        let d = Diagnostic::at(
            Severity::Warning,
            &src,
            at..at + 5,
            "unknown status `maybe`",
        )
        .with_hint("write ✅ or ❌");
        assert_eq!(
            d.to_string(),
            "content/roadmap.md:2:7: warning: unknown status `maybe`\n  |\n2 | | a | maybe |\n  |       ^^^^^\n  = help: write ✅ or ❌"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_carets() {
        let text = format!("{}maybe{}", "x".repeat(500), "y".repeat(500));
        let src = SourceFile::new("a.md", text);
        let d = Diagnostic::at(Severity::Warning, &src, 500..505, "m");
        let shown = d.to_string();
        assert!(shown.starts_with("a.md:1:501: warning: m"), "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[2].len() < 200, "{shown}");
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        let under: String = lines[2].chars().skip(caret).take(5).collect();
        assert_eq!(under, "maybe", "{shown}");
    }

    #[test]
    fn carets_count_display_columns_of_wide_characters() {
        let src = SourceFile::new("a.md", "| 📘 数学 | maybe |");
        let at = src.text.find("maybe").unwrap();
        let d = Diagnostic::at(Severity::Warning, &src, at..at + 5, "m");
        let lines: Vec<String> = d.to_string().lines().map(str::to_string).collect();
        // The emoji and the two CJK characters are two columns wide each.
        assert_eq!(lines[3], format!("  | {}^^^^^", " ".repeat(12)), "{d}");
    }

    #[test]
    fn styles_only_add_escape_codes() {
        let src = SourceFile::new("a.md", "x\n");
        let d = Diagnostic::at(Severity::Error, &src, 0..1, "bad").with_hint("fix");
        let styled = d.render(&Styles::colored());
        assert!(styled.contains("\u{1b}["), "{styled}");
        let stripped: String = anstream::adapter::strip_str(&styled).to_string();
        assert_eq!(stripped, d.to_string());
    }

    #[test]
    fn whole_file_problems_have_no_excerpt() {
        let d = Diagnostic::file(Severity::Error, "x.md", "not UTF-8");
        assert_eq!(d.to_string(), "x.md: error: not UTF-8");
    }

    #[test]
    fn problems_of_no_file_have_no_place() {
        let d = Diagnostic::general(Severity::Warning, "cannot watch").with_hint("raise it");
        assert_eq!(d.to_string(), "warning: cannot watch\n  = help: raise it");
        assert_eq!(d.headline(), "warning: cannot watch");
    }

    #[test]
    fn spans_are_trimmed_and_multi_line_spans_stop_at_line_end() {
        let src = SourceFile::new("a.md", "ab  cd\nef\n");
        let d = Diagnostic::at(Severity::Error, &src, 2..9, "m");
        assert_eq!(d.location, Some(Location { line: 1, column: 5 }));
        assert!(d.to_string().ends_with("|     ^^"), "{d}");
    }
}
