//! A kind of place and a status → the ways to write that status there, best first:
//! as the same column (or checkbox, or title marker) says it on the nearest other
//! task with that status, then as the file's legend says it, then the documented
//! default in the style of the place (`:shortcode:`, emoji, checkbox, words).

use crate::roadmap::Status;

use super::slots::{Kind, Slot};

/// A task of the file, as the planner sees it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Its status.
    pub status: Status,
    /// Its line, counted from 0.
    pub line: usize,
    /// The places on its line.
    pub slots: Vec<Slot>,
    /// The `<br>` slot of its title in its cell: in a packed row, only that slot of
    /// the status cell is its status (the others are its neighbours').
    pub own_slot: usize,
}

/// The defaults, by style: done, in progress, to do, skipped. An empty string is
/// "no marker" (or an empty cell), which the reader reads as to do.
const EMOJI: [&[&str]; 4] = [&["✅"], &["🚧"], &["⬜", ""], &["⏭️"]];
const SHORTCODES: [&[&str]; 4] = [
    &[":white_check_mark:"],
    &[":construction:"],
    &[":x:", ""],
    &[":fast_forward:"],
];
const WORDS: [&[&str]; 4] = [&["Done"], &["In progress"], &["To do", ""], &["Skipped"]];
const CHECKBOX: [&[&str]; 4] = [&["x"], &["/"], &[" "], &["-"]];
const MARKERS: [&[&str]; 4] = [&["✅"], &["🚧"], &["", "⬜"], &["⏭️"]];

/// The ways to write `to` at a place of `kind` holding `current`, on line `line`,
/// given the file's other tasks and its legend.
pub fn forms(
    kind: Kind,
    current: &str,
    to: Status,
    line: usize,
    tasks: &[Seen],
    text: &str,
    legend: &[(String, Status)],
) -> Vec<String> {
    let mut examples: Vec<(usize, &str)> = tasks
        .iter()
        .filter(|task| task.status == to && task.line != line)
        .flat_map(|task| {
            let distance = task.line.abs_diff(line);
            task.slots
                .iter()
                .filter(move |slot| same_kind(slot.kind, kind))
                .filter(move |slot| !matches!(slot.kind, Kind::Cell { slot, .. } if slot != task.own_slot))
                .map(move |slot| (distance, &text[slot.token.clone()]))
        })
        // A shortcode table stays in shortcodes beside an emoji table, and the reverse.
        .filter(|(_, example)| {
            !matches!(kind, Kind::Cell { .. })
                || current.is_empty()
                || example.is_empty()
                || style(example) == style(current)
        })
        .collect();
    examples.sort_by_key(|&(distance, _)| distance);
    let mut out: Vec<String> = Vec::new();
    let mut push = |form: &str| {
        if !out.iter().any(|f| f == form) {
            out.push(form.to_string());
        }
    };
    for (_, example) in examples {
        push(example);
    }
    if kind != Kind::Checkbox {
        for (symbol, status) in legend {
            if *status == to {
                push(symbol);
            }
        }
    }
    let index = Status::ALL.iter().position(|&s| s == to).unwrap_or(0);
    let defaults = match kind {
        Kind::Checkbox => CHECKBOX,
        Kind::Lead | Kind::Tail | Kind::Insert => MARKERS,
        Kind::Cell { .. } if current.starts_with(':') && current.ends_with(':') => SHORTCODES,
        Kind::Cell { .. } if current.chars().any(char::is_alphabetic) => WORDS,
        Kind::Cell { .. } => EMOJI,
    };
    for form in defaults[index] {
        push(form);
    }
    out
}

/// Markers at either end of a title, and an inserted one, are one kind; cells match
/// by column.
fn same_kind(a: Kind, b: Kind) -> bool {
    use Kind::*;
    match (a, b) {
        (Cell { column: x, .. }, Cell { column: y, .. }) => x == y,
        (Checkbox, Checkbox) => true,
        (Lead | Tail, Lead | Tail | Insert) => true,
        _ => false,
    }
}

/// How a status token is written, so that a cell is never written in another
/// table's style.
#[derive(PartialEq, Eq)]
enum Style {
    Shortcode,
    Words,
    Symbol,
}

fn style(token: &str) -> Style {
    if token.len() > 2 && token.starts_with(':') && token.ends_with(':') {
        Style::Shortcode
    } else if token
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '_')
    {
        Style::Words
    } else {
        Style::Symbol
    }
}
