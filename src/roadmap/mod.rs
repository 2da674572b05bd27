//! `roadmap.md` text → [`Roadmap`]: title, phases, groups and tasks with source spans.
//!
//! # Accepted grammar
//!
//! The file is GitHub-flavoured Markdown, read with pulldown-cmark (tables,
//! strikethrough, task lists and footnotes on). Where two readings are possible the
//! reader takes the one a person reading the rendered file would. Rules, each tested
//! by name in `tests/` (or the module named), in order of precedence where they meet:
//!
//! 1. **title** — The first heading is the roadmap's title when it is a `#` that names
//!    the whole document: the only `#` (with deeper headings, or no tasks right under
//!    it), or a `#` whose own section holds no tasks, or one followed by at most one
//!    other `#` section with tasks. Several `#` sections with tasks are phases, not a
//!    title and an appendix, when they are numbered alike (`1.`, `Phase 2`, `Week 3`),
//!    when three or more hold tasks, or when the first has tasks right under it.
//! 2. **phases** — Phases are the headings of the *phase level*: the shallowest level
//!    (the title aside) whose sections split the tasks between two or more of them;
//!    with no such level, the shallowest level holding tasks. `[reader] phase_level`
//!    in `roadmap.toml` overrides it. A heading above the phase level with tasks right
//!    under it (`# Appendix`) is a phase too. A phase holds at least one task: a
//!    heading with nothing to count under it (Resources, Links) is prose, not a phase.
//!    Emphasis in phase titles is removed, emoji kept.
//! 3. **labels** — Deeper headings inside a phase are labels. A table or list with no
//!    group column under a label puts its tasks in a group named after the label.
//! 4. **tables** — A table is a task table when it has a status column (see
//!    `columns.rs`): found by header word (Status, State, Progress, 状态, Estado,
//!    Статус…; Done, Check, Solved only when no stronger word), else as the one column
//!    whose cells are almost all bare statuses (two such columns are a matrix, not
//!    tasks, unless all are checkbox columns: then a row is done when every box is).
//!    A Status column wins over a Progress column, which never titles tasks. A table
//!    of metrics (Metric, KPI) with a column in percent is not tasks. The title column is ranked by header
//!    word and by content (prose up; dates, numbers, day ranges, links down), so
//!    `Day | Date | Summary | Status` is titled by Summary. A group column (Stream,
//!    Week, Module, 分类…) must group: repeated or blank-continued cells; a column
//!    of counts or dates groups only under a group word or with blank continuations. Other
//!    columns are kept as task attributes. Tables in block quotes are not tasks.
//! 5. **groups** — A non-empty group cell starts a group, the same name again or an
//!    empty cell continues it. Emphasis and a trailing colon in group names are removed.
//! 6. **tasks** — Each row's title cell is one task. A leading `- ` (or `*`, `+`, `•`)
//!    is a bullet, not text. Inline Markdown is kept for display and stripped for
//!    plain titles and slugs; raw HTML is shown as text.
//! 7. **ragged rows** — A row with fewer cells than the header: a lone status in
//!    another cell is its status (with a warning), else it is to do (with a warning).
//!    Words then a bare status under a group column just before the title column left
//!    out the group cell: they are the title and the status, the group carries on.
//!    An empty or wordless title cell is titled from the best worded cell that is not a
//!    date, else from the group it opens (with a warning); a row with no text at all,
//!    or only dots and dashes, or only a number and a date, is a spacer.
//! 8. **subgroups** — A row followed by rows whose task cell starts with indentation
//!    (`&emsp;`, `&nbsp;`, other Unicode spaces, two spaces, `↳`) is a subgroup, not a
//!    task; the indented rows are its tasks. A status written on it is kept as
//!    *declared*; disagreeing with its tasks is a warning.
//! 9. **`<br>` cells** — A task cell split by `<br>` holds a subgroup title in its
//!    first line (when it is bold, ends with `:`, is followed by indented lines, or has
//!    a blank status) and one task per further line; otherwise every line is a task.
//!    The status cell is split the same way and matched by position.
//! 10. **statuses** — See [`Vocabulary`]: symbols, `:shortcodes:`, checkboxes and
//!     words in fourteen languages. A cell may be a phrase (`🚧 In Progress`,
//!     `In Progress 🚧`, `✅ 已完成`): the first status *word* wins over a symbol
//!     (`⏳ Planned` is to do), and what is left (`:heavy_check_mark: practised
//!     twice`) is kept as a remark. The status must open or close the cell. Empty is
//!     to do; anything else is a warning and counts as to do. More words come from
//!     `[statuses]` in `roadmap.toml`.
//! 11. **implicit phase** — Tasks before the first phase heading form a phase of their
//!     own, named after the heading they sit under, the title, or "Roadmap".
//! 12. **checklists** — In bullet and numbered lists at any depth, an item with a
//!     checkbox is a task; a checkbox item with tasks below it is a task and a group
//!     of them; a plain bullet with tasks below it is a group; a heading written as an
//!     item (`- ### Arrays`) is a group of the items below or after it; an empty bullet
//!     (`- - [x] X`) is no level; a plain bullet with a status marker is a task. A
//!     numbered list without checkboxes that marks some items (`1. Two Sum ✅`,
//!     `2. Three Sum`) is a series: its unmarked numbered leaves are tasks to do (not
//!     labels ending in `:` or bare URLs); so is a numbered list under a heading
//!     numbered like one over a series (`## 3. Sliding Window` beside `## 1. Arrays`).
//!     Other bullets are notes or resources. Any depth is read without recursion; groups
//!     nest at most eight deep. Lists in block quotes are not tasks.
//! 13. **markers** — A status written into a title counts: a symbol, `:shortcode:` or
//!     bracketed phrase at its start or end (`✅ Learn X`, `[IN PROGRESS] X`,
//!     `X (done)`, `- [/] X` in progress, `- [-] X` skipped), a bold status word
//!     (`**DONE** X`, not a label `**Done**: 3`), an outliner keyword in capitals
//!     (`TODO X`, `DOING X`), a progress bar ending it (`X ███░░ 40%`); a title struck
//!     through (`~~X~~`, also `~~X~~ — not needed`) is skipped. In a checklist, an
//!     unticked box takes the marker's status; in a table, a marker counts when the
//!     status cell is empty. Other plain words are never markers; blanks (`___`) are
//!     not titles.
//! 14. **status headings** — A heading (below `#`) with a marker and nothing under it
//!     (`### ✅ Sockets` followed by the next heading) is a task, never a phase. Over
//!     anything (tasks as in `## ✅ Week 1`, prose, code, a legend, a list or table with
//!     no tasks as in `## ✅ Overall Stats`) the marker is decoration and it stays a
//!     heading. Signs that are often decoration (📝 🛠️ 📅) are statuses only in a
//!     status cell.
//! 15. **kanban** — A heading whose whole text (a count aside) names a status in a
//!     board's words (`### Doing`, `## ✅ Completed`, `## ⏳ Pending (22)`, `## 已完成`),
//!     or ends in one in parentheses over plain bullets (`## Learned (Done)`), is a
//!     board column: the top-level items of its lists are its cards and take its
//!     status (a ticked box stays done; nested checkboxes are subtasks with their own
//!     state, nested plain bullets details); a heading in it with a status of its
//!     own is a card, one without groups the cards. A column is never a phase; at the
//!     phase level it starts a section of its own.
//! 16. **legends** — A `| Symbol | Meaning |` table, a list under a "Legend"/"Key"
//!     heading or label line (also `- [x] = solved`), a list whose every item is a
//!     sign and a status word and nothing more (`- 🟢 Done`), or a sign, `=` and a
//!     meaning (`- ❌ = Failed attempt`), or a line `✅ Complete | 🔄 In Progress | ⏳ Planned` is not tasks: it teaches its symbols (also codes such as
//!     `OK`/`NOK` under a legend heading, and an empty symbol for empty cells) for the
//!     whole file, over their built-in meaning. A table with a task column is never a
//!     legend.
//! 17. **tables without separator** — Lines of pipes with no `|---|` row under the
//!     first are still read as a table, with a warning.
//! 18. **not tasks** — Front matter, fenced code, HTML comments and blocks, and
//!     quotes hold no tasks; tasks inside `<details>` count.
//! 19. **prose** — The other blocks are the learner's prose, kept with their place:
//!     paragraphs, code, quotes, and lists and tables that hold no tasks. Before the
//!     first phase they are the [`Roadmap::intro`]; in a phase they stand among its
//!     tasks as [`Item::Prose`], between the tables they were written between, in a
//!     label's group when written under its heading (before its tasks or after);
//!     under a heading with no tasks (`### Resources`, `## Books`) they go with that
//!     heading, which is shown with them (and not at all over nothing), in the
//!     phase or, for a phase-level heading, in [`Roadmap::outside`]. Not prose: the
//!     title, legends, kanban cards' details, raw HTML (a `<details>` opens in one
//!     block and closes in another), front matter and rules (`---`, decoration).
//!
//! Every block's reading is kept in [`Roadmap::notes`] for `roadmap-site explain`.

mod block;
mod br_cells;
mod cells;
mod columns;
mod kanban;
mod legend;
mod list;
mod marker;
mod outline;
mod pipes;
mod prose;
mod reader;
mod rules;
mod segment;
mod status;
mod syntax;
mod table;
mod vocabulary;
mod words;

pub use columns::ColumnNames;
pub use marker::marker_like;
pub use pipes::split_cells;
pub use reader::derived_status;
pub use rules::Rules;
pub use status::Status;
pub use syntax::{Counts, Group, Inline, Item, Note, Phase, Roadmap, Task, done_text};
pub use vocabulary::{Reading, Vocabulary};

use crate::diagnostic::Diagnostic;
use crate::plural::plural;
use crate::source::SourceFile;
use block::Block;
use outline::{Piece, Role};
use reader::Reader;

/// Parses a roadmap. Never fails: problems become diagnostics and the file is read
/// the way a person would read it.
pub fn parse(source: &SourceFile, rules: &Rules, diagnostics: &mut Vec<Diagnostic>) -> Roadmap {
    let blocks = block::blocks(&source.text);
    // Legends teach the file's own symbols before any task is read.
    let legends = legend::find(&blocks, &source.text, &rules.vocabulary);
    let learned = learn(&legends, &rules.vocabulary);
    let vocabulary = learned.as_ref().unwrap_or(&rules.vocabulary);
    let mut reader = Reader::new(source, vocabulary, diagnostics);
    let mut notes = Vec::new();
    let mut pieces = Vec::new();
    let mut board = kanban::Board::default();
    // The numbering of the sections that hold a series of tasks (`## 1. Arrays`).
    let series_sections = series_sections(&blocks, &reader);
    let mut section_shape: Option<String> = None;
    // Inside an Obsidian comment (`%%` … `%%`, a kanban board's settings): not prose.
    let mut comment = false;

    let mut legends = legends.into_iter().peekable();
    let mut blocks = blocks;
    for i in 0..blocks.len() {
        // Taken out whole; the blocks after it stay for a heading to look ahead.
        let block = std::mem::replace(&mut blocks[i], Block::Paragraph(0..0));
        let span = block.span();
        if legends.peek().is_some_and(|(at, _)| *at == i) {
            let (_, entries) = legends.next().expect("peeked");
            notes.push(note(span, "legend", legend_text(&entries)));
            pieces.push(Piece::Content(None)); // a legend teaches; it is not prose
            continue;
        }
        let piece = match block {
            Block::Heading { level, content } => {
                section_shape = outline::numbering(&content.text());
                board.heading(level, content, &blocks[i + 1..], &reader, &mut notes)
            }
            Block::List(_) if board.in_card() => {
                notes.push(note(span, "kanban", "the card's details".into()));
                Piece::Content(None)
            }
            Block::Table(table) => {
                let read = table::read(table, &rules.columns, &mut reader);
                tasks(read, span, &mut notes, "table")
            }
            Block::PipeParagraph(lines) => {
                let mark = reader.mark();
                let at = lines.start..lines.start;
                let table = pipes::from_pipe_lines(&source.text, lines);
                let read = table::read(table, &rules.columns, &mut reader);
                // Only lines read as tasks are worth the warning (`| Editor | vim |`
                // lines are prose to leave alone).
                if read.as_ref().is_some_and(|r| !r.items.is_empty()) {
                    reader.warn_at(
                        mark,
                        at,
                        "this table has no separator row under its header",
                        "add a line like `|---|---|` under the first row; it is read as a table anyway",
                    );
                }
                tasks(read, span, &mut notes, "table")
            }
            Block::List(items) => {
                let count = items.len();
                let series = list::is_series(&items, &reader)
                    || section_shape
                        .as_ref()
                        .is_some_and(|s| series_sections.contains(s));
                let items = list::read(items, board.column(), series, &mut reader);
                let kind = if board.column().is_some() {
                    "kanban"
                } else {
                    "list"
                };
                let read = Some(table::Read {
                    how: list_how(count, &items),
                    items,
                    grouped: false,
                });
                tasks(read, span, &mut notes, kind)
            }
            Block::Paragraph(_) | Block::Other(_)
                if comment || source.text[span.clone()].trim_start().starts_with("%%") =>
            {
                let text = source.text[span.clone()].trim();
                let closes = text.ends_with("%%") && (comment || text.len() > 2);
                comment = !closes;
                Piece::Prose(None)
            }
            Block::Paragraph(_) => Piece::Prose(Some(span)),
            // Raw HTML is left out: a `<details>` around tasks opens in one block
            // and closes in another, and comments are not for readers.
            Block::Other(_) => Piece::Prose(
                (!source.text[span.clone()].trim_start().starts_with('<')).then_some(span),
            ),
        };
        pieces.push(piece);
    }
    let pieces_levels: Vec<u8> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    let mut roles = Vec::new();
    let mut roadmap = outline::assemble(pieces, rules.phase_level, &mut roles);
    prose::widen(&mut roadmap, &source.text);
    check_rules(rules, &pieces_levels, &mut reader);
    if roadmap.phases.is_empty() {
        reader.warn(0..0, "no tasks found in the roadmap").hint = Some(
            "the reader counts table rows with a status column, checkboxes (`- [ ]`, `- [x]`), \
             bullets with a status marker (`✅ Learn X`) and bullets under a kanban column \
             (`## Doing`); run `roadmap-site explain` to see how each block was read"
                .into(),
        );
    }
    notes.extend(
        roles
            .into_iter()
            .map(|(span, role, title)| role_note(span, role, &title, &roadmap)),
    );
    notes.sort_by_key(|n| n.span.start);
    roadmap.notes = notes;
    roadmap
}

/// The numbering shapes (`N`, `week N`) of the headings over numbered lists that are
/// series of tasks.
fn series_sections(blocks: &[Block], reader: &Reader) -> Vec<String> {
    let mut shape = None;
    let mut shapes = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { content, .. } => shape = outline::numbering(&content.text()),
            Block::List(items) if list::is_series(items, reader) => {
                shapes.extend(shape.clone());
            }
            _ => {}
        }
    }
    shapes
}

/// Settings from `roadmap.toml` that this file cannot use are warnings: a column
/// name no table header has, a phase level with no heading.
fn check_rules(rules: &Rules, levels: &[u8], reader: &mut Reader) {
    if let Some(level) = rules.phase_level
        && !levels.contains(&level)
    {
        let hashes = "#".repeat(usize::from(level));
        reader
            .warn(
                0..0,
                format!(
                    "`[reader] phase_level = {level}` but the roadmap has no `{hashes}` heading"
                ),
            )
            .hint =
            Some("set the level of the headings that are your phases, or remove the line".into());
    }
    let keys: Vec<String> = reader.headers.iter().map(|h| columns::key_of(h)).collect();
    let mut unmatched = Vec::new();
    for (key, name) in rules.columns.all() {
        if !keys.contains(&columns::key_of(name)) {
            unmatched.push((key, name.clone()));
        }
    }
    let mut headers = reader.headers.clone();
    headers.sort();
    headers.dedup();
    for (key, name) in unmatched {
        let close = headers
            .iter()
            .map(|h| {
                (
                    strsim::jaro_winkler(&name.to_lowercase(), &h.to_lowercase()),
                    h,
                )
            })
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, h)| format!("did you mean `{h}`? "))
            .unwrap_or_default();
        let message = format!("`[reader.columns] {key} = [\"{name}\"]` matches no table header");
        reader.warn(0..0, message).hint = Some(format!(
            "{close}the headers in the roadmap are: {}",
            headers.join(", ")
        ));
    }
}

/// `14 items, groups "Arrays", "Trees"`: what a list was read into, for `explain`.
fn list_how(count: usize, items: &[Item]) -> String {
    let groups: Vec<String> = items
        .iter()
        .filter_map(|item| match item {
            Item::Group(group) => Some(format!("\"{}\"", group.title.text)),
            Item::Task(_) | Item::Prose(_) => None,
        })
        .collect();
    let items = plural(count, "item");
    match groups.len() {
        0 => items,
        1..=4 => format!("{items}, groups {}", groups.join(", ")),
        n => format!("{items}, {n} groups ({}, …)", groups[..3].join(", ")),
    }
}

/// The vocabulary the file's statuses are read with (the rules' words and symbols,
/// and what its legends teach, `🟩 = done`), and the legends' symbols in order.
pub fn vocabulary_of(text: &str, rules: &Rules) -> (Vocabulary, Vec<(String, Status)>) {
    let blocks = block::blocks(text);
    let legends = legend::find(&blocks, text, &rules.vocabulary);
    let vocabulary = learn(&legends, &rules.vocabulary).unwrap_or_else(|| rules.vocabulary.clone());
    let symbols = legends
        .into_iter()
        .flat_map(|(_, entries)| entries)
        .map(|entry| (entry.symbol, entry.status))
        .collect();
    (vocabulary, symbols)
}

/// The vocabulary with the legends' entries, when there are any.
fn learn(legends: &[(usize, Vec<legend::Entry>)], vocabulary: &Vocabulary) -> Option<Vocabulary> {
    (!legends.is_empty()).then(|| {
        let mut vocabulary = vocabulary.clone();
        for entry in legends.iter().flat_map(|(_, entries)| entries) {
            vocabulary.add(&entry.symbol, entry.status);
        }
        vocabulary
    })
}

fn note(span: std::ops::Range<usize>, kind: &'static str, text: String) -> Note {
    Note { span, kind, text }
}

/// Tasks read from a table or list, with a note saying how; a block with no tasks is
/// content (prose, resources) and noted as skipped.
fn tasks(
    read: Option<table::Read>,
    span: std::ops::Range<usize>,
    notes: &mut Vec<Note>,
    kind: &'static str,
) -> Piece {
    match read {
        Some(read) if !read.items.is_empty() => {
            let counts = Counts::of(&read.items);
            let tasks = plural(counts.tasks, "task");
            let text = format!("{} → {tasks} ({})", read.how, counts.done_text());
            notes.push(note(span, kind, text));
            Piece::Tasks {
                items: read.items,
                grouped: read.grouped,
            }
        }
        Some(_) if kind == "table" => {
            notes.push(note(
                span.clone(),
                "skipped",
                "table with no task rows".into(),
            ));
            Piece::Content(Some(span))
        }
        Some(_) => {
            notes.push(note(
                span.clone(),
                "skipped",
                "list with no checkboxes or statuses".into(),
            ));
            Piece::Content(Some(span))
        }
        None => {
            notes.push(note(
                span.clone(),
                "skipped",
                "table with no status column".into(),
            ));
            Piece::Content(Some(span))
        }
    }
}

fn legend_text(entries: &[legend::Entry]) -> String {
    entries
        .iter()
        .map(|e| {
            let symbol = if e.symbol.is_empty() {
                "(empty)"
            } else {
                &e.symbol
            };
            format!(
                "{symbol} {} ({})",
                e.status.label().to_lowercase(),
                e.meaning
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn role_note(span: std::ops::Range<usize>, role: Role, title: &str, roadmap: &Roadmap) -> Note {
    let (kind, text) = match role {
        Role::Title => ("title", format!("\"{title}\"")),
        Role::Phase(index) => {
            let counts = roadmap.phases.get(index).map(|p| Counts::of(&p.items));
            let counts = counts.unwrap_or_default();
            let implicit = roadmap.phases.get(index).is_some_and(|p| p.span == (0..0));
            let tasks = plural(counts.tasks, "task");
            let text = format!("\"{title}\" → {tasks} ({})", counts.done_text());
            match implicit {
                true => (
                    "phase",
                    format!("{text}, the tasks before any phase heading"),
                ),
                false => ("phase", text),
            }
        }
        Role::Empty => (
            "skipped",
            format!("heading \"{title}\": no tasks under it, not a phase"),
        ),
        Role::Label => (
            "label",
            format!("\"{title}\": a group for the tasks under it that have none"),
        ),
        Role::Task => ("task", format!("heading \"{title}\" (status marker)")),
        Role::Section => ("section", format!("\"{title}\" (above the phase level)")),
    };
    note(span, kind, text)
}

#[cfg(test)]
mod tests;
