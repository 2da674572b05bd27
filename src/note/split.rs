//! A note's text → [`Split`]: whether it opens with front matter between `+++` (TOML)
//! or `---` (YAML) fences, where that ends and where the body starts.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Which syntax the front matter was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Syntax {
    Toml,
    Yaml,
}

/// Where the front matter is.
pub(super) enum Split {
    /// No front matter.
    None,
    /// Opened but never closed: the syntax, and where the line after the fence starts.
    Unclosed(Syntax, usize),
    /// The syntax, the range between the fences, and where the body starts.
    Closed(Syntax, Range<usize>, usize),
}

/// Finds `+++`…`+++` or `---`…`---` at the very start. A `---` that is never closed is
/// front matter only when a `key:` line follows it: otherwise it is a Markdown rule.
pub(super) fn split(text: &str) -> Split {
    let (syntax, fence) = if text.starts_with("+++") {
        (Syntax::Toml, "+++")
    } else if text.starts_with("---") {
        (Syntax::Yaml, "---")
    } else {
        return Split::None;
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != fence {
        return Split::None;
    }
    let inner_start = (first_line_end + 1).min(text.len());
    let mut offset = inner_start;
    for line in text[inner_start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Split::Closed(syntax, inner_start..offset, offset + line.len());
        }
        offset += line.len();
    }
    let looks_like_keys = text[inner_start..]
        .lines()
        .find(|line| !line.trim().is_empty())
        .and_then(|line| line.split_once(':'))
        .is_some_and(|(key, _)| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        });
    match syntax {
        Syntax::Toml => Split::Unclosed(syntax, inner_start),
        Syntax::Yaml if looks_like_keys => Split::Unclosed(syntax, inner_start),
        Syntax::Yaml => Split::None,
    }
}

/// The error for a front matter never closed, at its opening fence.
pub(super) fn unclosed(source: &SourceFile, syntax: Syntax) -> Diagnostic {
    let fence = match syntax {
        Syntax::Toml => "+++",
        Syntax::Yaml => "---",
    };
    let message = format!("the front matter opened here is never closed by a `{fence}` line");
    Diagnostic::at(Severity::Error, source, 0..3, message).with_hint(format!(
        "add a line `{fence}` after the last key, before the note's text"
    ))
}
