//! Markdown text → the blocks a roadmap is made of: headings and tables, with every
//! cell's inline events and source span. Everything else (paragraphs, code, quotes,
//! HTML) is prose and is skipped here.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::segment::Segment;

/// A structural block of the roadmap file.
#[derive(Debug)]
pub enum Block<'a> {
    /// A heading of level 1–6.
    Heading {
        /// 1 for `#`, 2 for `##`, …
        level: u8,
        /// The heading's inline content.
        content: Segment<'a>,
    },
    /// A GitHub table.
    Table(Table<'a>),
}

/// A table: header cells and body rows.
#[derive(Debug)]
pub struct Table<'a> {
    /// Header cells.
    pub head: Vec<Segment<'a>>,
    /// Body rows.
    pub rows: Vec<Row<'a>>,
}

/// A body row.
#[derive(Debug)]
pub struct Row<'a> {
    /// Its cells, as many as the header has.
    pub cells: Vec<Segment<'a>>,
    /// Source span of the row.
    pub span: Range<usize>,
}

/// Inline events with their source ranges, as collected for a heading or a cell.
type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// The one Markdown dialect roadmaps are read with (GitHub's).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// Collects headings and tables, in document order. Tables inside block quotes are
/// quoted material, not the plan, and are skipped.
pub fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut quote_depth = 0usize;
    let mut heading: Option<(u8, Events, Range<usize>)> = None;
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    let mut cell: Option<(Events, Range<usize>)> = None;

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) if quote_depth == 0 => {
                heading = Some((level as u8, Vec::new(), range));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, events, span)) = heading.take() {
                    let content = Segment::new(events, span);
                    blocks.push(Block::Heading { level, content });
                }
            }
            Event::Start(Tag::Table(_)) if quote_depth == 0 => {
                table = Some(Table {
                    head: Vec::new(),
                    rows: Vec::new(),
                });
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    blocks.push(Block::Table(t));
                }
            }
            Event::Start(Tag::TableRow) if table.is_some() => {
                row = Some(Row {
                    cells: Vec::new(),
                    span: range,
                });
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    t.rows.push(r);
                }
            }
            Event::Start(Tag::TableCell) if table.is_some() => cell = Some((Vec::new(), range)),
            Event::End(TagEnd::TableCell) => {
                if let (Some(t), Some((events, span))) = (table.as_mut(), cell.take()) {
                    // A blank cell keeps the cell's own span, so it still has a position.
                    let segment = Segment::new(events, span);
                    match row.as_mut() {
                        Some(r) => r.cells.push(segment),
                        None => t.head.push(segment),
                    }
                }
            }
            other => {
                if let Some((events, _)) = cell.as_mut() {
                    events.push((other, range));
                } else if let Some((_, events, _)) = heading.as_mut() {
                    events.push((other, range));
                }
            }
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_tables_in_order_with_spans() {
        let text = "# T\n\nprose\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n## P\n";
        let blocks = blocks(text);
        assert_eq!(blocks.len(), 3);
        let Block::Table(table) = &blocks[1] else {
            panic!("expected a table, got {:?}", blocks[1]);
        };
        assert_eq!(table.head.len(), 2);
        assert_eq!(table.rows.len(), 1);
        let cell = &table.rows[0].cells[1];
        assert_eq!(&text[cell.span.clone()], "2");
        assert!(matches!(blocks[2], Block::Heading { level: 2, .. }));
    }

    #[test]
    fn tables_in_quotes_and_code_are_not_blocks() {
        let text = "> | A | B |\n> |---|---|\n> | 1 | 2 |\n\n```\n| A | B |\n|---|---|\n```\n";
        assert!(blocks(text).is_empty());
    }
}
