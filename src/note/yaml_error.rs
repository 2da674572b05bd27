//! The YAML reader's errors → diagnostics in the note's own lines and words: one
//! position for a syntax error, and a limit it went over said as what to change.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// A YAML syntax error: one position (the reader's own `line N column M:` prefix,
/// relative to the front matter, is left out of the message).
pub(super) fn yaml_syntax_error(
    source: &SourceFile,
    inner: Range<usize>,
    e: &serde_saphyr::Error,
) -> Diagnostic {
    let first_line = source.location(inner.start).line;
    let message = format!("invalid front matter: {}", yaml_message(e));
    let place = match e.location() {
        Some(l) => super::keys::yaml_place(&l, first_line, inner.start, 1),
        None => super::keys::Place::Span(inner.start..inner.start),
    };
    place.error(source, message).with_hint(
        "YAML front matter is `key: value` lines such as `title: Eigenvectors`, lists as \
         `tags: [math, proofs]`; keys are task, title, status, started, completed, tags, \
         resources, summary",
    )
}

/// The YAML reader's message alone: its first line, without `error:` and without the
/// position it starts with (the diagnostic gives the position, in the note's lines).
pub fn yaml_message(error: &serde_saphyr::Error) -> String {
    let text = error.to_string();
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    let message = first.trim_start_matches("error: ");
    match message
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((position, rest)) if position.contains(" column ") => rest.to_string(),
        _ => message.to_string(),
    }
}

/// Which of the YAML reader's limits the front matter went over, in words: the
/// reader's own message names a Rust value (`budget breached: Nodes { nodes: 250001 }`)
/// at the line where it gave up, deep inside the list that is too long.
pub(super) fn yaml_limit(error: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    let mut error = error;
    while let Error::WithSnippet { error: inner, .. } | Error::AliasError { error: inner, .. } =
        error
    {
        error = inner;
    }
    let Error::Budget { breach, .. } = error else {
        return None;
    };
    // The limits in force: `from_str` reads with the default budget.
    let budget = serde_saphyr::Budget::default();
    Some(match breach {
        BudgetBreach::Nodes { .. } => format!("more than {} values", budget.max_nodes),
        BudgetBreach::Events { .. } => format!("more than {} YAML events", budget.max_events),
        BudgetBreach::Depth { .. } => format!("nested more than {} levels deep", budget.max_depth),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => {
            "too many anchors or aliases (`&name`, `*name`)".to_string()
        }
        BudgetBreach::Documents { .. } => {
            format!("more than {} YAML documents", budget.max_documents)
        }
        _ => "over the YAML reader's limits".to_string(),
    })
}

/// Front matter over a limit, at its opening `---`: where it goes over is somewhere in
/// a long list, and the fix is to the whole block.
pub(super) fn too_large(source: &SourceFile, limit: &str) -> Diagnostic {
    let message = format!(
        "the front matter is too large or too deeply nested ({limit}); front matter holds \
         a few fields such as title and tags"
    );
    Diagnostic::at(Severity::Error, source, 0..3, message).with_hint(
        "move long lists and data into the note's body, below the closing `---`; keys are \
         task, title, status, started, completed, tags, resources, summary",
    )
}
