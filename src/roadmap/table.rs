//! A Markdown [`Table`] → groups, subgroups and tasks, read the way a person reads it:
//! columns found by their header, empty group cells continuing the group above,
//! indented rows and `<br>`-separated lines as subtasks.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::block::{Row, Table, options};
use super::marker::marker_like;
use super::reader::Reader;
use super::segment::Segment;
use super::status::Status;
use super::status::Vocabulary;
use super::syntax::{Group, Inline, Item, Task};

const STATUS_WORDS: &[&str] = &[
    "status",
    "state",
    "progress",
    "done",
    "completed",
    "complete",
    "check",
    "checked",
    "finished",
    "result",
];
/// Task header words, strongest first: when two columns match, the weaker one (a
/// Course or Project beside a Lesson or Task) is the group.
const TASK_WORDS: &[&[&str]] = &[
    &["task", "tasks", "item", "items", "todo", "to do"],
    &[
        "goal",
        "goals",
        "lesson",
        "lessons",
        "step",
        "steps",
        "skill",
        "skills",
        "objective",
        "objectives",
        "exercise",
        "exercises",
        "concept",
        "concepts",
        "subtopic",
        "subtopics",
        "name",
        "title",
        "description",
        "problem",
        "problems",
        "what",
    ],
    &[
        "chapter",
        "chapters",
        "course",
        "courses",
        "project",
        "projects",
        "milestone",
        "milestones",
        "activity",
        "activities",
    ],
];
const GROUP_WORDS: &[&str] = &[
    "stream",
    "streams",
    "category",
    "categories",
    "area",
    "areas",
    "module",
    "modules",
    "section",
    "sections",
    "group",
    "groups",
    "track",
    "tracks",
    "domain",
    "domains",
    "week",
    "weeks",
    "month",
    "months",
    "day",
    "days",
    "phase",
    "stage",
    "unit",
    "units",
    "part",
    "field",
    "level",
    "type",
    "kind",
];
/// Words that name the task column when there is no better one, else the group column.
const EITHER_WORDS: &[&str] = &["topic", "topics", "subject", "subjects", "theme", "themes"];

/// Which column plays which part.
#[derive(Debug, PartialEq, Eq)]
struct Columns {
    group: Option<usize>,
    task: usize,
    status: usize,
}

/// Reads a table's tasks; `None` when it is not a table of tasks (no status column).
/// The flag says whether the table had a group column.
pub fn read<'a>(table: Table<'a>, reader: &mut Reader<'a>) -> Option<(Vec<Item>, bool)> {
    let columns = find_columns(&table, reader)?;
    let mut headers: Vec<String> = table.head.iter().map(|c| c.to_inline().text).collect();
    let mut out = TableItems::default();
    for mut row in table.rows {
        let text = &reader.source.text;
        // Markdown drops cells beyond the header's count; a person still sees them.
        let raw = split_cells(text, row.span.clone());
        for (i, cell) in raw.into_iter().enumerate().skip(row.cells.len()) {
            row.cells.push(inline_cell(text, cell));
            if headers.len() <= i {
                headers.push(format!("Column {}", i + 1));
            }
        }
        let missing = row
            .cells
            .get(columns.status)
            .is_some_and(|c| c.events.is_empty() && c.span.is_empty() && row.span.end > 0);
        if missing {
            let end = reader.source.trim_span(row.span.clone()).end;
            reader
                .warn(end..end, "this row has no status cell; counted as to do")
                .hint = Some("add a `| status |` cell at the end of the row".into());
        }
        read_row(row, &columns, &headers, reader, &mut out);
    }
    out.close_group(reader);
    Some((out.items, columns.group.is_some()))
}

/// The lines of a table whose `|---|` separator row is missing → the table a person
/// sees: the first line is the header, the others are rows.
pub fn from_pipe_lines(text: &str, span: Range<usize>) -> Table<'_> {
    let mut offset = span.start;
    let mut lines = Vec::new();
    for line in text[span.clone()].split_inclusive('\n') {
        lines.push(offset..offset + line.trim_end_matches('\n').len());
        offset += line.len();
    }
    let mut rows: Vec<Row> = lines
        .into_iter()
        .filter(|line| !text[line.clone()].trim().is_empty())
        .map(|line| Row {
            cells: split_cells(text, line.clone())
                .into_iter()
                .map(|cell| inline_cell(text, cell))
                .collect(),
            span: line,
        })
        .collect();
    let head = if rows.is_empty() {
        Vec::new()
    } else {
        rows.remove(0).cells
    };
    Table { head, rows }
}

/// Cell ranges of a pipe row: split at `|` outside code spans and not escaped; the
/// outer pipes do not make empty cells.
fn split_cells(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let row = &text[line.clone()];
    let mut cells = Vec::new();
    let (mut start, mut in_code, mut escaped) = (0, false, false);
    for (i, c) in row.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '`' => in_code = !in_code,
            '|' if !in_code => {
                cells.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(start..row.len());
    if cells
        .first()
        .is_some_and(|c| row[c.clone()].trim().is_empty())
    {
        cells.remove(0);
    }
    if cells
        .last()
        .is_some_and(|c| row[c.clone()].trim().is_empty())
    {
        cells.pop();
    }
    cells
        .into_iter()
        .map(|c| line.start + c.start..line.start + c.end)
        .collect()
}

/// A cell's text parsed as inline Markdown, with spans in the whole file.
fn inline_cell(text: &str, cell: Range<usize>) -> Segment<'_> {
    let inner = &text[cell.clone()];
    let events = Parser::new_ext(inner, options())
        .into_offset_iter()
        .filter(|(e, _)| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
            )
        })
        .map(|(e, r)| (e, cell.start + r.start..cell.start + r.end))
        .collect();
    Segment::new(events, cell)
}

/// A legend: a small table whose rows pair a status symbol with its meaning
/// (`| 🟢 | Mastered |`). Returns what it teaches, or `None` for other tables.
pub fn legend(table: &Table, vocabulary: &Vocabulary) -> Option<Vec<(String, Status)>> {
    if !(2..=10).contains(&table.rows.len()) {
        return None;
    }
    table
        .rows
        .iter()
        .map(|row| {
            let texts: Vec<String> = row.cells.iter().map(|c| c.to_inline().text).collect();
            let symbol = texts
                .iter()
                .find(|t| !t.is_empty() && t.chars().count() <= 16 && marker_like(t))?;
            let meaning = texts
                .iter()
                .filter(|t| *t != symbol)
                .find_map(|t| vocabulary.classify(t).filter(|_| !t.is_empty()))?;
            Some((symbol.clone(), meaning))
        })
        .collect()
}

/// A header's words: lowercase letters and digits only, so `**📚 Task**` is `task`.
fn header_key(cell: &Segment) -> String {
    let text = cell.to_inline().text.to_lowercase();
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 2 when the header is one of `words`, 1 when one of its words is, else 0.
fn score(key: &str, words: &[&str]) -> u8 {
    if words.contains(&key) {
        2
    } else if key.split(' ').any(|w| words.contains(&w)) {
        1
    } else {
        0
    }
}

fn best(keys: &[String], words: &[&str], taken: &[usize]) -> Option<usize> {
    (0..keys.len())
        .filter(|i| !taken.contains(i))
        .map(|i| (score(&keys[i], words), i))
        .filter(|&(s, _)| s > 0)
        .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)))
        .map(|(_, i)| i)
}

/// The strongest task column, as (tier, column).
fn task_column(keys: &[String], taken: &[usize]) -> Option<(usize, usize)> {
    TASK_WORDS
        .iter()
        .enumerate()
        .find_map(|(tier, words)| best(keys, words, taken).map(|col| (tier, col)))
}

fn find_columns(table: &Table, reader: &Reader) -> Option<Columns> {
    let keys: Vec<String> = table.head.iter().map(header_key).collect();
    let status = best(&keys, STATUS_WORDS, &[]).or_else(|| status_by_content(table, reader))?;
    let task = task_column(&keys, &[status]).map(|(_, col)| col);
    let either = best(&keys, EITHER_WORDS, &[status]);
    let (task, group) = match (task, either) {
        (Some(task), either) => {
            let group = best(&keys, GROUP_WORDS, &[status, task])
                .or(either.filter(|&e| e != task))
                .or_else(|| task_column(&keys, &[status, task]).map(|(_, col)| col));
            (task, group)
        }
        (None, Some(either)) => (either, best(&keys, GROUP_WORDS, &[status, either])),
        (None, None) => {
            let group = best(&keys, GROUP_WORDS, &[status]);
            let task = (0..keys.len()).find(|i| *i != status && Some(*i) != group)?;
            (task, group)
        }
    };
    Some(Columns {
        group,
        task,
        status,
    })
}

/// With no status header, the column whose cells are (almost) all status symbols.
fn status_by_content(table: &Table, reader: &Reader) -> Option<usize> {
    (0..table.head.len())
        .filter_map(|col| {
            let cells: Vec<String> = table
                .rows
                .iter()
                .filter_map(|row| row.cells.get(col))
                .map(|cell| cell.to_inline().text)
                .filter(|text| !text.is_empty())
                .collect();
            let known = cells
                .iter()
                .filter(|t| reader.vocabulary.classify(t).is_some())
                .count();
            (!cells.is_empty() && known * 5 >= cells.len() * 4).then_some((known, col))
        })
        .max()
        .map(|(_, col)| col)
}

/// The items being built, with the open group (from the group column) and the open
/// subgroup (from a row followed by indented rows).
#[derive(Default)]
struct TableItems {
    items: Vec<Item>,
    group: Option<Group>,
    subgroup: Option<Group>,
    /// The last top-level row, kept until we know whether indented rows follow it.
    pending: Option<(Task, Option<Status>)>,
}

impl TableItems {
    fn container(&mut self) -> &mut Vec<Item> {
        match self.group.as_mut() {
            Some(group) => &mut group.items,
            None => &mut self.items,
        }
    }

    fn flush(&mut self, reader: &mut Reader) {
        if let Some((task, _)) = self.pending.take() {
            self.container().push(Item::Task(task));
        }
        if let Some(subgroup) = self.subgroup.take() {
            reader.check_declared(&subgroup);
            self.container().push(Item::Group(subgroup));
        }
    }

    fn close_group(&mut self, reader: &mut Reader) {
        self.flush(reader);
        if let Some(group) = self.group.take() {
            self.items.push(Item::Group(group));
        }
    }

    /// An indented row: a task of the open subgroup, or the first task of a subgroup
    /// opened by the row above it.
    fn push_indented(&mut self, task: Task) {
        if let Some((parent, declared)) = self.pending.take() {
            let mut subgroup = Group::new(parent.title, parent.span);
            subgroup.declared = declared;
            self.subgroup = Some(subgroup);
        }
        match self.subgroup.as_mut() {
            Some(subgroup) => subgroup.items.push(Item::Task(task)),
            None => self.container().push(Item::Task(task)),
        }
    }
}

fn take_cell<'a>(row: &mut Row<'a>, i: usize) -> Segment<'a> {
    match row.cells.get_mut(i) {
        Some(cell) => std::mem::take(cell),
        None => Segment::new(Vec::new(), row.span.clone()),
    }
}

fn read_row(
    mut row: Row,
    columns: &Columns,
    headers: &[String],
    reader: &mut Reader,
    out: &mut TableItems,
) {
    if let Some(mut group_cell) = columns.group.map(|i| take_cell(&mut row, i))
        && !group_cell.is_blank()
    {
        out.close_group(reader);
        group_cell.strip_bullet();
        group_cell.strip_emphasis();
        group_cell.strip_trailing_colon();
        out.group = Some(Group::new(group_cell.to_inline(), group_cell.span.clone()));
    }
    let task_cell = take_cell(&mut row, columns.task);
    let status_cell = take_cell(&mut row, columns.status);
    let attributes: Vec<(String, Inline)> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, cell)| {
            Some(*i) != columns.group
                && *i != columns.task
                && *i != columns.status
                && !cell.is_blank()
        })
        .map(|(i, cell)| {
            (
                headers.get(i).cloned().unwrap_or_default(),
                cell.to_inline(),
            )
        })
        .collect();

    let mut lines = trim_blank_tail(task_cell.split_br());
    let statuses = trim_blank_tail(status_cell.clone().split_br());
    if lines.iter().all(Segment::is_blank) {
        if !status_cell.is_blank() {
            reader
                .warn(
                    status_cell.span.clone(),
                    "a status with no task beside it is ignored",
                )
                .hint = Some("write the task in the same row, or delete the status".into());
        }
        return;
    }
    if lines.len() > 1 {
        out.flush(reader);
        read_multiline(&mut lines, statuses, &status_cell, attributes, reader, out);
        return;
    }
    let mut line = lines.pop().unwrap_or_default();
    let indented = line.strip_indent();
    line.strip_bullet();
    // `**Title:**` and `**Title**:` both mark a subgroup header; keep neither marker.
    line.unwrap_emphasis();
    if line.strip_trailing_colon() {
        line.unwrap_emphasis();
    }
    let written = reader.status(&status_cell);
    let task = Task {
        title: line.to_inline(),
        status: written.unwrap_or(Status::Todo),
        span: line.span.clone(),
        attributes,
    };
    if indented && (out.pending.is_some() || out.subgroup.is_some()) {
        out.push_indented(task);
    } else if indented {
        // Indented with nothing above to hang from: an ordinary task, never a parent.
        out.flush(reader);
        out.container().push(Item::Task(task));
    } else {
        out.flush(reader);
        out.pending = Some((task, written));
    }
}

/// A cell with `<br>`-separated lines: a subgroup title and its tasks, or several tasks.
fn read_multiline(
    lines: &mut [Segment],
    statuses: Vec<Segment>,
    status_cell: &Segment,
    attributes: Vec<(String, Inline)>,
    reader: &mut Reader,
    out: &mut TableItems,
) {
    let mut titles = Vec::with_capacity(lines.len());
    let mut indented = Vec::with_capacity(lines.len());
    let mut marked_header = false;
    for (i, line) in lines.iter_mut().enumerate() {
        indented.push(line.strip_indent());
        line.strip_bullet();
        let mut bold = line.unwrap_emphasis();
        let colon = line.strip_trailing_colon();
        if colon {
            bold |= line.unwrap_emphasis();
        }
        if i == 0 {
            marked_header = bold || colon;
        }
        titles.push((line.to_inline(), line.span.clone()));
    }
    let status_blank = |i: usize| statuses.get(i).is_none_or(Segment::is_blank);
    let header = marked_header
        || (!indented[0] && indented[1..].iter().all(|&i| i))
        || (statuses.len() == lines.len() && status_blank(0) && !status_blank(1));
    // Statuses line up with every line, or (under a header) with the tasks only.
    let offset = if header && statuses.len() + 1 == lines.len() {
        1
    } else {
        0
    };
    let aligned = statuses.len() + offset == lines.len() || statuses.len() <= 1;
    // A single status is read once, not once per line (one warning if unknown).
    let single = (statuses.len() == 1).then(|| reader.status(&statuses[0]));
    if !aligned {
        reader
            .warn(
                status_cell.span.clone(),
                format!(
                    "{} lines in the task cell but {} in the status cell",
                    lines.len(),
                    statuses.len()
                ),
            )
            .hint = Some("give each `<br>`-separated task its own `<br>`-separated status".into());
    }
    let status_of = |i: usize, reader: &mut Reader| -> Option<Status> {
        match statuses.len() {
            // One status for several lines applies to all of them.
            1 => single.flatten(),
            _ => i
                .checked_sub(offset)
                .and_then(|j| statuses.get(j))
                .and_then(|s| reader.status(s)),
        }
    };
    let mut tasks = Vec::new();
    for (i, (title, span)) in titles.into_iter().enumerate().skip(usize::from(header)) {
        if title.text.is_empty() {
            continue;
        }
        let status = status_of(i, reader).unwrap_or(Status::Todo);
        tasks.push(Item::Task(Task {
            title,
            status,
            span,
            attributes: attributes.clone(),
        }));
    }
    if header {
        let mut subgroup = Group::new(lines[0].to_inline(), lines[0].span.clone());
        subgroup.declared =
            status_of(0, reader).filter(|_| offset == 0 && statuses.len() > 1 && !status_blank(0));
        subgroup.items = tasks;
        reader.check_declared(&subgroup);
        out.container().push(Item::Group(subgroup));
    } else {
        out.container().extend(tasks);
    }
}

fn trim_blank_tail(mut segments: Vec<Segment>) -> Vec<Segment> {
    while segments.len() > 1 && segments.last().is_some_and(Segment::is_blank) {
        segments.pop();
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::block::{Block, blocks};
    use crate::roadmap::status::Vocabulary;
    use crate::source::SourceFile;

    fn columns(markdown: &str) -> Option<Columns> {
        let src = SourceFile::new("t.md", markdown);
        let vocabulary = Vocabulary::default();
        let mut diagnostics = Vec::new();
        let reader = Reader::new(&src, &vocabulary, &mut diagnostics);
        let Some(Block::Table(table)) = blocks(&src.text).into_iter().next() else {
            panic!("no table in {markdown}");
        };
        find_columns(&table, &reader)
    }

    #[test]
    fn columns_by_header_in_any_order_case_and_markup() {
        let c = columns("| **Status** | Tasks | Stream |\n|-|-|-|\n| ✅ | a | s |\n").unwrap();
        assert_eq!(
            c,
            Columns {
                group: Some(2),
                task: 1,
                status: 0
            }
        );
        let c = columns("| 📚 Category | 📝 TASK | Progress |\n|-|-|-|\n| s | a | ✅ |\n").unwrap();
        assert_eq!(
            c,
            Columns {
                group: Some(0),
                task: 1,
                status: 2
            }
        );
    }

    #[test]
    fn topic_is_the_task_unless_a_task_column_exists() {
        let c = columns("| Topic | Status |\n|-|-|\n| a | ✅ |\n").unwrap();
        assert_eq!(
            c,
            Columns {
                group: None,
                task: 0,
                status: 1
            }
        );
        let c = columns("| Topic | Item | Done |\n|-|-|-|\n| t | a | ✅ |\n").unwrap();
        assert_eq!(
            c,
            Columns {
                group: Some(0),
                task: 1,
                status: 2
            }
        );
    }

    #[test]
    fn status_column_found_by_content_when_header_says_nothing() {
        let c = columns("| Week | What | ? |\n|-|-|-|\n| 1 | a | ✅ |\n| 2 | b | ❌ |\n").unwrap();
        assert_eq!(c.status, 2);
        assert_eq!(c.task, 1);
    }

    #[test]
    fn a_table_without_status_is_not_a_task_table() {
        assert_eq!(columns("| Book | Link |\n|-|-|\n| a | b |\n"), None);
    }
}
