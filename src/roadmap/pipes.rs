//! Lines of pipes → table cells as a person sees them: rows Markdown did not make a
//! table (no `|---|` separator) and cells beyond the header's count.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::block::{Row, Table, options};
use super::segment::Segment;

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
    Table { span, head, rows }
}

/// Cell ranges of a pipe row: split at `|` outside code spans and not escaped; the
/// outer pipes do not make empty cells.
pub fn split_cells(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
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
pub fn inline_cell(text: &str, cell: Range<usize>) -> Segment<'_> {
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
