//! A Markdown [`Table`] → groups, subgroups and tasks, read the way a person reads it:
//! columns found by their header, empty group cells continuing the group above,
//! indented rows and `<br>`-separated lines as subtasks.

use super::block::{Row, Table};
use super::br_cells;
use super::columns::{self, ColumnNames, Columns};
use super::marker::take_status;
use super::pipes::{inline_cell, split_cells};
use super::reader::Reader;
use super::segment::Segment;
use super::status::Status;
use super::syntax::{Group, Inline, Item, Task};

/// A table's (or a list's) tasks, and how they were read.
pub struct Read {
    /// The tasks and groups.
    pub items: Vec<Item>,
    /// Whether a group column grouped them.
    pub grouped: bool,
    /// For `explain`: which column played which part, and the rows.
    pub how: String,
}

/// Reads a table's tasks; `None` when it is not a table of tasks (no status column).
pub fn read<'a>(table: Table<'a>, names: &ColumnNames, reader: &mut Reader<'a>) -> Option<Read> {
    let mut headers: Vec<String> = table.head.iter().map(Segment::text).collect();
    if !names.is_empty() {
        reader.headers.extend(headers.iter().cloned());
    }
    let columns = columns::find(&table, reader, names)?;
    let name = |i: Option<usize>| match i.and_then(|i| headers.get(i)) {
        Some(h) => format!("\"{h}\""),
        None => "—".to_string(),
    };
    let rows = table.rows.len();
    let how = format!(
        "title ← {}, status ← {}, group ← {}; {rows} row{}",
        name(Some(columns.task)),
        name(Some(columns.status)),
        name(columns.group),
        if rows == 1 { "" } else { "s" }
    );
    let mut out = TableItems::default();
    for mut row in table.rows {
        let text = &reader.source.text;
        // Markdown drops cells beyond the header's count; a person still sees them.
        // (Only a row with more pipes than cells can have any.)
        let pipes = memchr::memchr_iter(b'|', text[row.span.clone()].as_bytes()).count();
        let raw = match pipes > row.cells.len() + 1 {
            true => split_cells(text, row.span.clone()),
            false => Vec::new(),
        };
        for (i, cell) in raw.into_iter().enumerate().skip(row.cells.len()) {
            row.cells.push(inline_cell(text, cell));
            if headers.len() <= i {
                headers.push(format!("Column {}", i + 1));
            }
        }
        if row.cells.iter().all(Segment::is_blank) {
            continue; // a spacer row
        }
        let missing = row
            .cells
            .get(columns.status)
            .is_none_or(|c| c.events.is_empty() && c.span.is_empty() && row.span.end > 0);
        if missing {
            shifted_status(&mut row, &columns, &headers, reader);
        }
        read_row(row, &columns, &headers, reader, &mut out);
    }
    out.close_group(reader);
    Some(Read {
        items: out.items,
        grouped: columns.group.is_some(),
        how,
    })
}

/// A short row: its status may sit in an earlier column (`| Clippy | ✅ |` under four
/// headers). A lone status in a cell that is neither the title nor the group is moved
/// to the status column, with a warning; otherwise the row is to do, with a warning.
fn shifted_status(row: &mut Row, columns: &Columns, headers: &[String], reader: &mut Reader) {
    let end = reader.source.trim_span(row.span.clone()).end;
    if group_cell_left_out(row, columns, reader) {
        // `| Clippy and rustfmt | ✅ |` under `| Area | Task | … | Status |`: the
        // person wrote the task and its status and left the area to the rows above.
        let status = std::mem::take(&mut row.cells[columns.task]);
        let title = std::mem::replace(
            &mut row.cells[columns.group.unwrap_or_default()],
            Segment::new(Vec::new(), end..end),
        );
        let span = title.span.start..status.span.end;
        row.cells[columns.task] = title;
        while row.cells.len() <= columns.status {
            row.cells.push(Segment::new(Vec::new(), end..end));
        }
        row.cells[columns.status] = status;
        let at = |i: usize| headers.get(i).map_or("", String::as_str).to_string();
        reader
            .warn(
                span,
                format!(
                    "this row has no `{}` cell: read as its `{}` and `{}`",
                    at(columns.group.unwrap_or_default()),
                    at(columns.task),
                    at(columns.status)
                ),
            )
            .hint = Some(
            "add the missing cells (an empty one for the group) so each sits under its header"
                .into(),
        );
        return;
    }
    let found = (0..row.cells.len()).find(|&i| {
        i != columns.task
            && Some(i) != columns.group
            && i != columns.status
            && columns::is_bare_status(reader, &row.cells[i].text())
            && !row.cells[i].is_blank()
    });
    let status_header = headers.get(columns.status).map_or("status", String::as_str);
    match found {
        Some(i) => {
            let cell = std::mem::take(&mut row.cells[i]);
            let span = cell.span.clone();
            while row.cells.len() <= columns.status {
                row.cells.push(Segment::new(Vec::new(), end..end));
            }
            row.cells[columns.status] = cell;
            let column = headers.get(i).map_or("another", String::as_str);
            reader
                .warn(
                    span,
                    format!(
                        "this row's status is in the `{column}` column; read as its `{status_header}`"
                    ),
                )
                .hint = Some(format!(
                "this row has fewer cells than the header: add the missing cells so the status sits under `{status_header}`"
            ));
        }
        None => {
            reader
                .warn(
                    end..end,
                    format!("this row has no `{status_header}` cell; counted as to do"),
                )
                .hint = Some(format!(
                "add a `| status |` cell at the end of the row, under `{status_header}`"
            ));
        }
    }
}

/// A short row that ends with words then a bare status, under a group column just
/// before the task column: the group cell was left out, not the task's.
fn group_cell_left_out(row: &Row, columns: &Columns, reader: &Reader) -> bool {
    let Some(group) = columns.group else {
        return false;
    };
    group + 1 == columns.task
        && columns.task < columns.status
        && row.cells.len() > columns.task
        // Cells a short row lacks are there, empty and of no width.
        && (row.cells.iter().skip(columns.task + 1)).all(|c| c.events.is_empty() && c.span.is_empty())
        && !row.cells[group].is_blank()
        && !columns::is_bare_status(reader, &row.cells[group].text())
        && columns::is_bare_status(reader, &row.cells[columns.task].text())
}

/// The items being built, with the open group (from the group column) and the open
/// subgroup (from a row followed by indented rows).
#[derive(Default)]
pub struct TableItems {
    items: Vec<Item>,
    group: Option<Group>,
    subgroup: Option<Group>,
    /// The last top-level row, kept until we know whether indented rows follow it.
    pending: Option<(Task, Option<Status>)>,
}

impl TableItems {
    pub fn container(&mut self) -> &mut Vec<Item> {
        match self.group.as_mut() {
            Some(group) => &mut group.items,
            None => &mut self.items,
        }
    }

    pub fn flush(&mut self, reader: &mut Reader) {
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
    // The group cell this row writes, which titles it when nothing else can.
    let mut row_group = None;
    if let Some(mut group_cell) = columns.group.map(|i| take_cell(&mut row, i))
        && !group_cell.is_blank()
    {
        row_group = Some(group_cell.clone());
        group_cell.strip_bullet();
        group_cell.strip_emphasis();
        group_cell.strip_trailing_colon();
        let title = group_cell.to_inline();
        // The same name written again on the next row continues its group.
        if out
            .group
            .as_ref()
            .is_none_or(|g| g.title.text != title.text)
        {
            out.close_group(reader);
            out.group = Some(Group::new(title, group_cell.span.clone()));
        }
    }
    let mut task_cell = take_cell(&mut row, columns.task);
    // A title cell with no words (`🎯`, `—`) is titled from a better cell if it can be.
    let wordless = !task_cell.events.iter().any(|(event, _)| match event {
        pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => {
            t.chars().any(char::is_alphanumeric)
        }
        _ => false,
    });
    // Only a cell with words can title a row: a session number and a date alone make a
    // placeholder row.
    let worded = |c: &Segment| {
        let text = c.text();
        text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !super::cells::is_date(&text)
    };
    let fallback = match task_cell.is_blank() || wordless {
        true => columns
            .fallbacks
            .iter()
            .find(|&&i| row.cells.get(i).is_some_and(worded))
            .map(|&i| (i, take_cell(&mut row, i)))
            .or_else(|| Some((columns.group?, row_group.filter(worded)?))),
        false => None,
    };
    if let Some((i, cell)) = fallback {
        let empty = task_cell.is_blank();
        // An empty title cell: the row is still a task, titled from its best cell.
        let title_header = headers.get(columns.task).map_or("title", String::as_str);
        let from = headers.get(i).map_or("another", String::as_str);
        task_cell = cell;
        reader
            .warn(
                task_cell.span.clone(),
                format!(
                    "this row's `{title_header}` cell {}; titled from `{from}`",
                    if !empty { "has no words" } else { "is empty" }
                ),
            )
            .hint = Some(format!("write the task's title under `{title_header}`"));
    }
    let status_cell = take_cell(&mut row, columns.status);
    let boxes: Vec<Segment> = columns
        .boxes
        .iter()
        .map(|&i| take_cell(&mut row, i))
        .collect();
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

    let mut lines = br_cells::trim_blank_tail(task_cell.split_br());
    let statuses = br_cells::trim_blank_tail(status_cell.clone().split_br());
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
        br_cells::read(&mut lines, statuses, &status_cell, attributes, reader, out);
        return;
    }
    let mut line = lines.pop().unwrap_or_default();
    let filler = |c: char| c.is_ascii_punctuation() || c.is_whitespace() || "–—…".contains(c);
    let placeholder = line.events.iter().all(|(event, _)| match event {
        pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => t.chars().all(filler),
        _ => true,
    });
    if placeholder {
        return; // a placeholder row: `| ... | ... |`, `| — | |`
    }
    let indented = line.strip_indent();
    line.strip_bullet();
    // `**Title:**` and `**Title**:` both mark a subgroup header; keep neither marker.
    line.unwrap_emphasis();
    if line.strip_trailing_colon() {
        line.unwrap_emphasis();
    }
    let (mut written, remark) = reader.status_and_remark(&status_cell);
    if !boxes.is_empty() {
        let mut all = vec![written.unwrap_or(Status::Todo)];
        all.extend(
            boxes
                .iter()
                .map(|b| reader.status(b).unwrap_or(Status::Todo)),
        );
        written = super::reader::derived_status(&all);
    }
    if status_cell.is_blank() {
        // No status in its cell: a marker in the title says it (`[DONE] Learn X`).
        written = take_status(&mut line, reader.vocabulary).or(written);
    }
    let mut attributes = attributes;
    if let Some(remark) = remark {
        let header = headers.get(columns.status).cloned().unwrap_or_default();
        attributes.push((header, remark));
    }
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
