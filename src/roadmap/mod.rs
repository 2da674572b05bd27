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
//! 11. **checklists** — In bullet and numbered lists at any depth, an item with a
//!     checkbox (`- [ ]`, `- [x]`, `* [X]`, `1. [x]`) is a task; a checkbox item with
//!     tasks below it is a task and a group of them; a plain bullet with tasks below
//!     it is a group; a plain bullet with a status marker is a task; other bullets
//!     are notes or resources, not tasks. Lists in block quotes are not tasks.
//! 12. **markers** — A status written into a title counts: a symbol, `:shortcode:` or
//!     bracketed word at its start or end (`✅ Learn X`, `Learn X ✔`, `[WIP] X`,
//!     `X (done)`), a bold status word (`**DONE** X`); a title struck through
//!     (`~~X~~`) is skipped. In a checklist, an unticked box takes the marker's
//!     status (`- [ ] 🚧 X` is in progress). Plain words are never markers.
//! 13. **status headings** — A heading with a marker and no tasks under it
//!     (`### ✅ Sockets`) is a task, never a phase. With tasks under it (`## ✅ Week 1`
//!     over a checklist), the marker is decoration and it stays a heading.
//! 14. **legends** — A small table whose rows pair a symbol with a status word
//!     (`| 🟢 | Mastered |`) is not tasks: it teaches the file's own symbols, used
//!     everywhere in the file.
//! 15. **tables without separator** — Lines of pipes with no `|---|` row under the
//!     first are still read as a table, with a warning.
//! 16. **not tasks** — Front matter, fenced code, HTML comments and blocks, and
//!     quotes hold no tasks; tasks inside `<details>` count.

mod block;
mod list;
mod marker;
mod outline;
mod reader;
mod segment;
mod status;
mod syntax;
mod table;

pub use reader::derived_status;
pub use status::{Status, Vocabulary};
pub use syntax::{Group, Inline, Item, Phase, Roadmap, Task};

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use block::Block;
use outline::Piece;
use reader::Reader;

/// Parses a roadmap. Never fails: problems become diagnostics and the file is read
/// the way a person would read it.
pub fn parse(
    source: &SourceFile,
    vocabulary: &Vocabulary,
    diagnostics: &mut Vec<Diagnostic>,
) -> Roadmap {
    let blocks = block::blocks(&source.text);
    // Legends teach the file's own symbols before any task is read.
    let mut learned: Option<Vocabulary> = None;
    let mut legends = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if let Block::Table(table) = block
            && let Some(pairs) = table::legend(table, learned.as_ref().unwrap_or(vocabulary))
        {
            let vocabulary = learned.get_or_insert_with(|| vocabulary.clone());
            pairs
                .iter()
                .for_each(|(symbol, status)| vocabulary.add(symbol, *status));
            legends.push(i);
        }
    }
    let vocabulary = learned.as_ref().unwrap_or(vocabulary);
    let mut reader = Reader::new(source, vocabulary, diagnostics);
    let mut pieces = Vec::new();
    for (i, block) in blocks.into_iter().enumerate() {
        let piece = match block {
            Block::Heading { level, content } => Some(outline::heading(level, content, &reader)),
            Block::Table(_) if legends.contains(&i) => None,
            Block::Table(table) => tasks(table::read(table, &mut reader)),
            Block::PipeParagraph(span) => {
                reader
                    .warn(
                        span.start..span.start,
                        "this table has no separator row under its header",
                    )
                    .hint = Some(
                    "add a line like `|---|---|` under the first row; it is read as a table anyway"
                        .into(),
                );
                tasks(table::read(
                    table::from_pipe_lines(&source.text, span),
                    &mut reader,
                ))
            }
            Block::List(items) => tasks(Some((list::read(items, &mut reader), false))),
        };
        pieces.extend(piece);
    }
    outline::assemble(pieces)
}

fn tasks(read: Option<(Vec<Item>, bool)>) -> Option<Piece> {
    read.filter(|(items, _)| !items.is_empty())
        .map(|(items, grouped)| Piece::Tasks { items, grouped })
}

#[cfg(test)]
mod tests;
