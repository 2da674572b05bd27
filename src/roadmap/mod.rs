//! `roadmap.md` text → [`Roadmap`]: title, phases, groups and tasks with source spans.
//!
//! # Accepted grammar
//!
//! The file is GitHub-flavoured Markdown, read with pulldown-cmark (tables,
//! strikethrough, task lists and footnotes on). Rules, each tested below by name:
//!
//! 1. **title** — The first `#` heading is the roadmap's title (emoji kept, emphasis
//!    removed) when the file has deeper headings or it is the only `#`; in a file of
//!    `#` headings only, it is the title when no tasks sit directly under it.
//! 2. **phases** — Phases are the headings of the *phase level*: the highest heading
//!    level (below `#` when the file has deeper headings) whose sections hold tasks;
//!    `##` in the usual file. With no tasks at all, the highest such level. Phases with
//!    no tasks are kept. A higher heading with tasks right under it (`# Appendix`) is a
//!    phase too; one without (`# References`) just ends the previous phase's labels.
//!    Emphasis in phase titles is removed, emoji kept.
//! 3. **labels** — Deeper headings inside a phase ("Streams and Tasks") are labels.
//!    A table with no group column under a label puts its tasks in a group named
//!    after the label; a table with a group column ignores the label.
//! 4. **tables** — A table is a task table when it has a status column. Columns are
//!    found by header text, case-insensitive, markup and emoji ignored: status
//!    (Status, State, Progress, Done…), task (Task, Tasks, Item, Goal…), group
//!    (Stream, Category, Area, Module, Week…); Topic/Subject name the task column when
//!    there is none, else the group. Without a status header, the column whose cells
//!    are almost all status symbols is the status column. Order is free; other
//!    columns are kept as task attributes. Tables in block quotes are not tasks.
//! 5. **groups** — A non-empty group cell starts a group; an empty one continues the
//!    group above. Emphasis and a trailing colon in group names are removed.
//! 6. **tasks** — Each row's task cell is one task. A leading `- ` (or `*`, `+`, `•`)
//!    is a bullet, not text. Inline Markdown (links, code, emphasis) is kept for
//!    display and stripped for plain titles and slugs; raw HTML is shown as text.
//! 7. **subgroups** — A row followed by rows whose task cell starts with indentation
//!    (`&emsp;`, `&nbsp;`, other Unicode spaces, two spaces, `↳`) is a subgroup, not a
//!    task; the indented rows are its tasks. Its marker `**Title:**` is removed. A
//!    status written on it is kept as *declared*; disagreeing with its tasks is a
//!    warning.
//! 8. **`<br>` cells** — A task cell split by `<br>` (`<br>`, `<br/>`, `<br />`) holds
//!    a subgroup title in its first line (when it is bold, ends with `:`, is followed
//!    by indented lines, or has a blank status) and one task per further line;
//!    otherwise every line is a task. The status cell is split the same way and
//!    matched by position; differing counts are a warning.
//! 9. **statuses** — See [`Vocabulary`]: ✅ `:white_check_mark:` ✔️ done → done;
//!    ❌ `:x:` ⬜ todo → todo; 🚧 ⏳ `:construction:` wip → in progress; ⏭️ skipped →
//!    skipped; empty → todo; anything else is a warning and counts as todo. More words
//!    come from `[statuses]` in `roadmap.toml`.
//! 10. **implicit phase** — Tasks before the first phase heading form a phase named
//!     after the title (or "Roadmap").

mod block;
mod reader;
mod segment;
mod status;
mod syntax;
mod table;

use std::ops::Range;

pub use reader::derived_status;
pub use status::{Status, Vocabulary};
pub use syntax::{Group, Inline, Item, Phase, Roadmap, Task};

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use block::Block;
use reader::Reader;
use segment::Segment;

/// A block after tables have been read.
#[derive(Clone)]
enum Piece {
    Heading {
        level: u8,
        title: Inline,
        span: Range<usize>,
    },
    Tasks {
        items: Vec<Item>,
        grouped: bool,
    },
}

/// Parses a roadmap. Never fails: problems become diagnostics and the file is read
/// the way a person would read it.
pub fn parse(
    source: &SourceFile,
    vocabulary: &Vocabulary,
    diagnostics: &mut Vec<Diagnostic>,
) -> Roadmap {
    let mut reader = Reader::new(source, vocabulary, diagnostics);
    let pieces: Vec<Piece> = block::blocks(&source.text)
        .into_iter()
        .filter_map(|block| match block {
            Block::Heading { level, content } => Some(heading(level, content)),
            Block::Table(table) => table::read(table, &mut reader)
                .filter(|(items, _)| !items.is_empty())
                .map(|(items, grouped)| Piece::Tasks { items, grouped }),
        })
        .collect();
    assemble(pieces)
}

fn heading(level: u8, mut content: Segment) -> Piece {
    content.strip_emphasis();
    let span = content.span.clone();
    Piece::Heading {
        level,
        title: content.to_inline(),
        span,
    }
}

/// Does the section starting at `pieces[i]` (a heading) hold tasks?
fn holds_tasks(pieces: &[Piece], i: usize) -> bool {
    let Piece::Heading { level, .. } = pieces[i] else {
        return false;
    };
    pieces[i + 1..]
        .iter()
        .take_while(|p| !matches!(p, Piece::Heading { level: l, .. } if *l <= level))
        .any(|p| matches!(p, Piece::Tasks { .. }))
}

/// Does a table come right after `pieces[i]`, before any other heading?
fn holds_direct_tasks(pieces: &[Piece], i: usize) -> bool {
    pieces[i + 1..]
        .iter()
        .take_while(|p| !matches!(p, Piece::Heading { .. }))
        .any(|p| matches!(p, Piece::Tasks { .. }))
}

fn has_subheadings(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .any(|p| matches!(p, Piece::Heading { level, .. } if *level >= 2))
}

fn title_index(pieces: &[Piece]) -> Option<usize> {
    let h1: Vec<usize> = (0..pieces.len())
        .filter(|&i| matches!(pieces[i], Piece::Heading { level: 1, .. }))
        .collect();
    match h1.as_slice() {
        [] => None,
        [only] => Some(*only),
        // With `##` headings in the file, the first `#` is the title and later ones
        // (References, Appendix) are not the phase level.
        [first, ..] if has_subheadings(pieces) => Some(*first),
        [first, ..] => (!holds_direct_tasks(pieces, *first)).then_some(*first),
    }
}

fn phase_level(pieces: &[Piece], title: Option<usize>) -> Option<u8> {
    let min_level = if has_subheadings(pieces) { 2 } else { 1 };
    let candidates = || {
        (0..pieces.len())
            .filter(move |&i| Some(i) != title)
            .filter_map(|i| match pieces[i] {
                Piece::Heading { level, .. } if level >= min_level => Some((i, level)),
                _ => None,
            })
    };
    candidates()
        .filter(|&(i, _)| holds_tasks(pieces, i))
        .map(|(_, level)| level)
        .min()
        .or_else(|| candidates().map(|(_, level)| level).min())
}

fn assemble(pieces: Vec<Piece>) -> Roadmap {
    let title_at = title_index(&pieces);
    let level = phase_level(&pieces, title_at);
    let mut roadmap = Roadmap::default();
    // Index in the current phase's items of the group made for the current label.
    let mut label: Option<(Inline, Range<usize>)> = None;
    let mut label_group: Option<usize> = None;
    for i in 0..pieces.len() {
        match pieces[i].clone() {
            Piece::Heading { title, .. } if Some(i) == title_at => roadmap.title = Some(title),
            Piece::Heading {
                level: l,
                title,
                span,
            } => {
                label_group = None;
                let above = level.is_some_and(|level| l < level);
                if Some(l) == level || (above && holds_direct_tasks(&pieces, i)) {
                    roadmap.phases.push(Phase {
                        title,
                        span,
                        items: Vec::new(),
                    });
                    label = None;
                } else if level.is_some_and(|level| l > level) {
                    label = Some((title, span));
                } else {
                    label = None;
                }
            }
            Piece::Tasks { items, grouped } => {
                if roadmap.phases.is_empty() {
                    let title = roadmap.title.clone().unwrap_or_else(|| Inline {
                        html: "Roadmap".into(),
                        text: "Roadmap".into(),
                    });
                    roadmap.phases.push(Phase {
                        title,
                        span: 0..0,
                        items: Vec::new(),
                    });
                }
                let phase = roadmap.phases.last_mut().expect("a phase exists");
                match (&label, grouped) {
                    (Some((title, span)), false) => {
                        let index = *label_group.get_or_insert_with(|| {
                            phase
                                .items
                                .push(Item::Group(Group::new(title.clone(), span.clone())));
                            phase.items.len() - 1
                        });
                        if let Some(Item::Group(group)) = phase.items.get_mut(index) {
                            group.items.extend(items);
                        }
                    }
                    _ => phase.items.extend(items),
                }
            }
        }
    }
    roadmap
}

#[cfg(test)]
mod tests;
