//! A task's line → the places on it where a status can be written: the other cells
//! of a table row (each `<br>` slot of them), a checkbox, a marker at the start or
//! the end of the title, or the title's start to put a marker in. Which place holds
//! the task's status is not decided here: the planner tries them and keeps the edit
//! that the reader reads as meant.

use std::ops::Range;

use crate::roadmap::Vocabulary;

/// Where on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A table cell other than the title's: its column, and its `<br>` slot.
    Cell {
        /// Column, counted from 0.
        column: usize,
        /// `<br>` slot in the cell, counted from 0.
        slot: usize,
    },
    /// The character between a list item's `[` and `]`.
    Checkbox,
    /// A status marker at the title's start (`✅ Learn X`, `[WIP] X`).
    Lead,
    /// A status marker at the title's end (`Learn X ✅`, `X (done)`).
    Tail,
    /// Nothing yet: the title's start, where a marker can go.
    Insert,
}

/// A place, and the text now at it (empty for an insertion point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// What kind of place.
    pub kind: Kind,
    /// The status token's bytes in the file's text (empty: an insertion point).
    pub token: Range<usize>,
    /// The whole slot (a cell's or `<br>` slot's inside), for padding an insertion.
    pub around: Range<usize>,
}

/// The places on the line `line` of `text`, where the task's title starts at
/// `title_at`; `title_slot` is the `<br>` slot of the title in its cell.
pub fn on_line(
    text: &str,
    line: Range<usize>,
    title_at: usize,
    words: &Vocabulary,
) -> (Vec<Slot>, usize) {
    let cells = crate::roadmap::split_cells(text, line.clone());
    let mut slots = Vec::new();
    let is_row = cells.len() >= 2 && text[line.clone()].trim_start().starts_with('|')
        || cells.len() >= 2 && cells.iter().any(|c| c.contains(&title_at));
    if is_row {
        let title_cell = cells
            .iter()
            .position(|c| c.start <= title_at && title_at <= c.end)
            .unwrap_or(0);
        let title_slots = br_slots(text, cells[title_cell].clone());
        let title_slot = title_slots
            .iter()
            .position(|s| s.start <= title_at && title_at <= s.end)
            .unwrap_or(0);
        for (column, cell) in cells.iter().enumerate() {
            if column == title_cell {
                continue;
            }
            for (slot, inside) in br_slots(text, cell.clone()).into_iter().enumerate() {
                if let Some(token) = status_token(text, inside.clone(), words) {
                    slots.push(Slot {
                        kind: Kind::Cell { column, slot },
                        token,
                        around: inside,
                    });
                }
            }
        }
        let title = title_slots[title_slot].clone();
        markers(text, title, words, &mut slots);
        return (slots, title_slot);
    }
    let (checkbox, rest) = list_prefix(text, line.clone());
    if let Some(at) = checkbox {
        slots.push(Slot {
            kind: Kind::Checkbox,
            token: at..at + text[at..].chars().next().map_or(0, char::len_utf8),
            around: at - 1..at + 2,
        });
    }
    markers(text, rest..line.end, words, &mut slots);
    (slots, 0)
}

/// The insides of a cell's `<br>`-separated slots.
fn br_slots(text: &str, cell: Range<usize>) -> Vec<Range<usize>> {
    let inside = &text[cell.clone()];
    let lower = inside.to_ascii_lowercase();
    let mut slots = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(found) = lower[from..].find("<br") {
        let at = from + found;
        let Some(close) = lower[at..].find('>') else {
            break;
        };
        let tag = &lower[at + 3..at + close];
        if tag
            .trim_matches(|c: char| c == '/' || c.is_whitespace())
            .is_empty()
        {
            slots.push(cell.start + start..cell.start + at);
            start = at + close + 1;
        }
        from = at + close + 1;
    }
    slots.push(cell.start + start..cell.end);
    slots
}

/// The status token in a slot: the whole slot when it reads as a status with nothing
/// else; the status words at its start or end when something else is written beside
/// them (`✅ practised twice`); an insertion point in an empty slot; `None` when the
/// slot holds no status.
fn status_token(text: &str, inside: Range<usize>, words: &Vocabulary) -> Option<Range<usize>> {
    let slot = &text[inside.clone()];
    let trimmed = slot.trim();
    let start = inside.start + (slot.len() - slot.trim_start().len());
    if trimmed.is_empty() {
        // After one space of padding, when there is one.
        let at = inside.start + usize::from(!slot.is_empty());
        return Some(at..at);
    }
    let reading = words.read(trimmed)?;
    let whole = start..start + trimmed.len();
    if reading.remark.is_none() {
        return Some(whole);
    }
    edge_phrase(text, whole, |phrase| {
        words
            .read(phrase)
            .is_some_and(|r| r.remark.is_none() && r.status == reading.status)
    })
}

/// The longest run of whole words at the start, else at the end, of `range` that
/// `is_status` accepts.
fn edge_phrase(
    text: &str,
    range: Range<usize>,
    is_status: impl Fn(&str) -> bool,
) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let breaks: Vec<usize> = s
        .char_indices()
        .filter(|&(i, c)| c.is_whitespace() && i > 0 && !s[..i].ends_with(char::is_whitespace))
        .map(|(i, _)| i)
        .collect();
    for &end in breaks.iter().rev() {
        if is_status(s[..end].trim()) {
            return Some(range.start..range.start + end);
        }
    }
    for &at in &breaks {
        let from = at + s[at..].len() - s[at..].trim_start().len();
        if is_status(&s[from..]) {
            return Some(range.start + from..range.end);
        }
    }
    None
}

/// A list item's checkbox (the offset of the character inside it) and where the
/// text after the bullet and the checkbox starts.
fn list_prefix(text: &str, line: Range<usize>) -> (Option<usize>, usize) {
    let s = &text[line.clone()];
    let body = s.trim_start();
    let indent = s.len() - body.len();
    let bullet = if body.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        match body.as_bytes().get(digits) {
            Some(b'.' | b')') if digits > 0 => digits + 1,
            _ => 0,
        }
    };
    let hashes = body.bytes().take_while(|&b| b == b'#').count();
    let after = if bullet > 0 && body[bullet..].starts_with(char::is_whitespace) {
        bullet
    } else if hashes > 0 && body[hashes..].starts_with(' ') {
        hashes
    } else {
        return (None, line.start + indent);
    };
    let mut rest = &body[after..];
    let mut after = after;
    // Doubled bullets (`- - [x] Step`) nest by repeating the marker.
    while bullet == 1
        && let Some(next) = rest.trim_start().strip_prefix(['-', '*', '+'])
        && next.starts_with(char::is_whitespace)
    {
        after += rest.len() - next.len();
        rest = next;
    }
    let gap = rest.len() - rest.trim_start().len();
    let from = line.start + indent + after + gap;
    let item = &text[from..line.end];
    let mut chars = item.char_indices();
    if bullet > 0
        && let (Some((_, '[')), Some((_, c)), Some((close, ']'))) =
            (chars.next(), chars.next(), chars.next())
        && c != ']'
    {
        let after_box = from + close + 1;
        let gap = text[after_box..line.end].len() - text[after_box..line.end].trim_start().len();
        return (Some(from + 1), after_box + gap);
    }
    (None, from)
}

/// Markers at the start and the end of a title, and the insertion point before it.
fn markers(text: &str, title: Range<usize>, words: &Vocabulary, slots: &mut Vec<Slot>) {
    let s = &text[title.clone()];
    let lead = s.len() - s.trim_start().len();
    let start = title.start + lead;
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let is_marker = |t: &str| {
        words.read(t).is_some_and(|r| r.remark.is_none())
            && (crate::roadmap::marker_like(t)
                || t.starts_with("**")
                || t.chars().all(|c| !c.is_lowercase()))
    };
    let first = first_token(trimmed);
    let mut at_lead = false;
    if first < trimmed.len() && is_marker(&trimmed[..first]) {
        slots.push(Slot {
            kind: Kind::Lead,
            token: start..start + first,
            around: title.clone(),
        });
        at_lead = true;
    }
    let last = last_token(trimmed);
    if last > 0 && is_marker(&trimmed[last..]) {
        slots.push(Slot {
            kind: Kind::Tail,
            token: start + last..start + trimmed.len(),
            around: title.clone(),
        });
    }
    if !at_lead {
        slots.push(Slot {
            kind: Kind::Insert,
            token: start..start,
            around: title,
        });
    }
}

/// The end of the first token: a bracketed or bold phrase whole, else a word.
fn first_token(s: &str) -> usize {
    let close = |open: &str, close: &str| {
        s.strip_prefix(open)
            .and_then(|rest| rest.find(close))
            .map(|n| open.len() + n + close.len())
    };
    let end = close("**", "**")
        .or_else(|| close("[", "]"))
        .or_else(|| close("(", ")"))
        .unwrap_or_else(|| s.find(char::is_whitespace).unwrap_or(s.len()));
    // Only when the title goes on after it: a lone token is the title itself.
    if s[end..].trim().is_empty() {
        s.len()
    } else {
        end
    }
}

/// The start of the last token: a bracketed phrase whole, else a word.
fn last_token(s: &str) -> usize {
    let open = |open: char, close: char| s.ends_with(close).then(|| s.rfind(open)).flatten();
    let start = open('(', ')')
        .or_else(|| open('[', ']'))
        .unwrap_or_else(|| s.rfind(char::is_whitespace).map_or(0, |n| n + 1));
    if s[..start].trim().is_empty() {
        0
    } else {
        start
    }
}
