//! A roadmap file's bytes, a task (by its place among the file's tasks) and a new
//! status → the file's new bytes, changed only where the status is written.
//!
//! The planner proposes edits, most likely first (a place that now holds the task's
//! status before one that does not; the file's own way of writing the status before
//! a default), and keeps the first one that the reader, run on the edited file,
//! reads as meant: this task has the new status, every other task is as it was, and
//! no title changed. So an edit is never a guess: what the reader does not read that
//! way is not written, and the task is refused with the line to edit by hand.

use std::ops::Range;

use crate::roadmap::{Roadmap, Rules, Status, Task};
use crate::source::SourceFile;

use super::forms::{Seen, forms};
use super::raw::RawText;
use super::slots::{Kind, Slot, on_line};

/// Why a status cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cannot {
    /// The file is not UTF-8.
    NotUtf8,
    /// The file has no task at that place (it changed).
    NoTask,
    /// The task takes its status from the heading it is under (a kanban column): the
    /// way to change it is to move the card, which is not an edit of its status.
    Column {
        /// Line, counted from 1.
        line: usize,
        /// Column, counted from 1.
        column: usize,
    },
    /// No edit of the task's line is read as meant: the line (from 1) and column.
    Ambiguous {
        /// Line, counted from 1.
        line: usize,
        /// Column, counted from 1.
        column: usize,
    },
}

/// Tasks as the reader reads a text: title, status, where the title starts.
pub fn read_tasks(text: &str, rules: &Rules) -> Vec<(String, Status, usize)> {
    let source = SourceFile::new("roadmap.md", text);
    let roadmap = crate::roadmap::parse(&source, rules, &mut Vec::new());
    let mut tasks = Vec::new();
    for_each_task(&roadmap, &mut |task: &Task| {
        tasks.push((task.title.text.clone(), task.status, task.span.start));
    });
    tasks
}

fn for_each_task<'a>(roadmap: &'a Roadmap, f: &mut impl FnMut(&'a Task)) {
    for phase in &roadmap.phases {
        for item in &phase.items {
            item.for_each_task(f);
        }
    }
}

/// The file with task `index` set to `to`. `remembered` is the task's line as it
/// was written the last time it had that status (this session), tried first so that
/// setting a status back restores the very text it had.
pub fn plan(
    raw: &[u8],
    rules: &Rules,
    index: usize,
    to: Status,
    remembered: Option<&str>,
) -> Result<Vec<u8>, Cannot> {
    let file = RawText::new(raw).map_err(|_| Cannot::NotUtf8)?;
    let text = &file.text;
    let tasks = read_tasks(text, rules);
    let &(_, status, at) = tasks.get(index).ok_or(Cannot::NoTask)?;
    if status == to {
        return Ok(raw.to_vec());
    }
    let (vocabulary, legend) = crate::roadmap::vocabulary_of(text, rules);
    let line = line_of(text, at);
    // Line numbers by the file's line starts: counting newlines per task was
    // quadratic (a 10,000-task roadmap: 1.53 s → 0.17 s an edit, examples/time_edit.rs).
    let lines = SourceFile::new("roadmap.md", text.as_str());
    let place = lines.location(at);
    if from_column(text, rules, &tasks, index, line.start) {
        return Err(Cannot::Column {
            line: place.line,
            column: place.column,
        });
    }
    let (slots, title_slot) = on_line(text, line.clone(), at, &vocabulary);
    let line_number = place.line - 1;
    let seen: Vec<Seen> = tasks
        .iter()
        .map(|&(_, status, at)| {
            let (slots, own_slot) = on_line(text, line_of(text, at), at, &vocabulary);
            Seen {
                status,
                line: lines.location(at).line - 1,
                slots,
                own_slot,
            }
        })
        .collect();
    let mut candidates: Vec<Vec<(Range<usize>, String)>> = Vec::new();
    if let Some(before) = remembered.filter(|before| *before != &text[line.clone()]) {
        candidates.push(vec![(line.clone(), before.to_string())]);
    }
    let reads_now = |slot: &Slot| vocabulary.classify(&text[slot.token.clone()]) == Some(status);
    let mut ordered: Vec<&Slot> = slots.iter().collect();
    ordered.sort_by_key(|slot| {
        let rank = match slot.kind {
            Kind::Cell { slot, .. } if slot == title_slot => 0,
            Kind::Cell { .. } => 2,
            Kind::Checkbox => 1,
            Kind::Lead | Kind::Tail => 3,
            Kind::Insert => 4,
        };
        (!reads_now(slot) || slot.token.is_empty(), rank)
    });
    for slot in &ordered {
        let current = &text[slot.token.clone()];
        for form in forms(slot.kind, current, to, line_number, &seen, text, &legend) {
            if let Some(edit) = write(text, slot, &form) {
                candidates.push(vec![edit]);
            }
        }
    }
    // A checkbox and a marker beside it that disagrees: both change (`- [ ] 🚧 X`).
    if let Some(checkbox) = slots.iter().find(|s| s.kind == Kind::Checkbox) {
        for marker in slots
            .iter()
            .filter(|s| matches!(s.kind, Kind::Lead | Kind::Tail))
        {
            let boxes = forms(Kind::Checkbox, "", to, line_number, &seen, text, &legend);
            let marks = forms(marker.kind, "", to, line_number, &seen, text, &legend);
            for (b, m) in boxes.iter().flat_map(|b| marks.iter().map(move |m| (b, m))) {
                if let (Some(first), Some(second)) =
                    (write(text, checkbox, b), write(text, marker, m))
                {
                    let mut pair = vec![first, second];
                    pair.sort_by_key(|(range, _)| range.start);
                    candidates.push(pair);
                }
            }
        }
    }
    // Several cells that say the status together (`| [x] | [x] |`, read and
    // understood): all of them change, each as its column writes the new status.
    let cells: Vec<&Slot> = slots
        .iter()
        .filter(|s| matches!(s.kind, Kind::Cell { .. }))
        .collect();
    if cells.len() > 1 {
        let mut together: Vec<_> = cells
            .iter()
            .filter_map(|slot| {
                let current = &text[slot.token.clone()];
                let form = forms(slot.kind, current, to, line_number, &seen, text, &legend)
                    .into_iter()
                    .next()?;
                write(text, slot, &form)
            })
            .collect();
        together.sort_by_key(|(range, _)| range.start);
        if together.len() > 1 {
            candidates.push(together);
        }
    }
    for edits in candidates.iter().take(MAX_TRIES) {
        let new = file.apply(edits);
        if reads_as_meant(&new, rules, &tasks, index, to) {
            return Ok(new);
        }
    }
    Err(Cannot::Ambiguous {
        line: place.line,
        column: place.column,
    })
}

/// Whether task `index` (on the line starting at `line_start`) has its status from the
/// nearest heading above its line: with that heading's words replaced by neutral
/// ones, the reader reads the task (or the tasks) otherwise.
fn from_column(
    text: &str,
    rules: &Rules,
    tasks: &[(String, Status, usize)],
    index: usize,
    line_start: usize,
) -> bool {
    let mut offset = line_start;
    let heading = text[..line_start].lines().rev().find_map(|line| {
        offset -= line.len() + 1;
        let trimmed = line.trim_start_matches(' ');
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        let is_heading = line.len() - trimmed.len() < 4
            && (1..=6).contains(&hashes)
            && trimmed[hashes..].starts_with(' ');
        is_heading.then(|| offset + (line.len() - trimmed.len()) + hashes + 1..offset + line.len())
    });
    let Some(words) = heading else {
        return false;
    };
    let mut neutral = text.to_string();
    neutral.replace_range(words, "Section");
    let after = read_tasks(&neutral, rules);
    after.len() != tasks.len() || after[index].1 != tasks[index].1
}

/// Edits tried at most: each costs a read of the whole file.
const MAX_TRIES: usize = 40;

/// The edit that writes `form` at `slot`: an insertion gets the padding a cell needs,
/// a marker removed takes one space beside it along.
fn write(text: &str, slot: &Slot, form: &str) -> Option<(Range<usize>, String)> {
    let token = slot.token.clone();
    match slot.kind {
        Kind::Insert if form.is_empty() => None,
        Kind::Insert => Some((token, format!("{form} "))),
        Kind::Lead | Kind::Tail if form.is_empty() => {
            let after = &text[token.end..slot.around.end];
            let before = &text[slot.around.start..token.start];
            if slot.kind == Kind::Lead && after.starts_with(' ') {
                Some((token.start..token.end + 1, String::new()))
            } else if before.ends_with(' ') {
                Some((token.start - 1..token.end, String::new()))
            } else {
                Some((token, String::new()))
            }
        }
        Kind::Cell { .. } if token.is_empty() && !form.is_empty() => {
            let inside = &text[slot.around.clone()];
            let left = if inside.is_empty() { " " } else { "" };
            let right = if inside.len() < 2 { " " } else { "" };
            Some((token, format!("{left}{form}{right}")))
        }
        _ if text[token.clone()] == *form => None,
        _ => Some((token, form.to_string())),
    }
}

/// Whether the reader reads `new` with task `index` as `to` and all else the same.
fn reads_as_meant(
    new: &[u8],
    rules: &Rules,
    before: &[(String, Status, usize)],
    index: usize,
    to: Status,
) -> bool {
    let Ok(file) = RawText::new(new) else {
        return false;
    };
    let after = read_tasks(&file.text, rules);
    after.len() == before.len()
        && after
            .iter()
            .zip(before)
            .enumerate()
            .all(|(i, (a, b))| a.0 == b.0 && if i == index { a.1 == to } else { a.1 == b.1 })
}

/// The line holding `at`, without its newline.
pub fn line_of(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    start..end
}
