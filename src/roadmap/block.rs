//! Markdown text → the blocks a roadmap is made of: headings, tables and lists, with
//! every cell's and item's inline events and source span. Everything else (prose,
//! code, quotes, HTML, front matter) is skipped here.

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
    /// A bullet or numbered list, with nested lists inside its items.
    List(Vec<ListItem<'a>>),
    /// A paragraph whose lines look like table rows but that has no `|---|` separator
    /// line, so Markdown did not make it a table: the source range of its lines.
    PipeParagraph(Range<usize>),
    /// Any other top-level paragraph (prose, a one-line legend): its source range.
    Paragraph(Range<usize>),
    /// Other top-level content that holds no tasks: code, HTML, a quote.
    Other(Range<usize>),
}

impl Block<'_> {
    /// Where the block starts and ends in the file.
    pub fn span(&self) -> Range<usize> {
        match self {
            Block::Heading { content, .. } => content.span.clone(),
            Block::Table(table) => table.span.clone(),
            Block::List(items) => match (items.first(), items.last()) {
                (Some(first), Some(last)) => first.content.span.start..last.content.span.end,
                _ => 0..0,
            },
            Block::PipeParagraph(span) | Block::Paragraph(span) | Block::Other(span) => {
                span.clone()
            }
        }
    }
}

/// A table: header cells and body rows.
#[derive(Debug)]
pub struct Table<'a> {
    /// Source span of the whole table.
    pub span: Range<usize>,
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

/// A list item. A list's items come flat, in document order, each with its depth
/// (0 for the outer list), so that no depth of nesting needs recursion to read.
#[derive(Debug, Default)]
pub struct ListItem<'a> {
    /// 0 for an item of the outer list, 1 for an item of a list inside it, …
    pub depth: usize,
    /// `Some(done)` for a task-list item `- [ ]` / `- [x]`.
    pub checkbox: Option<bool>,
    /// The level of a heading written as the item's text (`- ### Arrays`).
    pub heading: Option<u8>,
    /// An item of a numbered list (`1. Two Sum`).
    pub numbered: bool,
    /// The item's own text (its first paragraph), without nested lists.
    pub content: Segment<'a>,
}

/// Inline events with their source ranges, as collected for a heading or a cell.
type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// The one Markdown dialect roadmaps are read with (GitHub's), front matter skipped.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// An item being read: its events until its first block ends, and its place in
/// the flat list.
struct OpenItem<'a> {
    index: usize,
    events: Events<'a>,
    span: Range<usize>,
    closed: bool,
}

fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineMath(_)
        | Event::FootnoteReference(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// Collects headings, tables and lists, in document order. Tables and lists inside
/// block quotes are quoted material, not the plan, and are skipped.
pub fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut quote_depth = 0usize;
    let mut heading: Option<(u8, Events, Range<usize>)> = None;
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    let mut cell: Option<(Events, Range<usize>)> = None;
    let mut list: Vec<ListItem> = Vec::new();
    let mut list_depth = 0usize;
    // Whether each open list is numbered, innermost last.
    let mut numbered: Vec<bool> = Vec::new();
    let mut items: Vec<OpenItem> = Vec::new();
    let mut paragraph: Option<(Range<usize>, bool)> = None;

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        // Any block start inside an item ends the item's own text, except a heading
        // that opens it (`- ### Arrays`): that heading is the item's text.
        if let (Event::Start(tag), Some(item)) = (&event, items.last_mut())
            && !matches!(tag, Tag::Paragraph)
            && !is_inline(&event)
        {
            match tag {
                Tag::Heading { level, .. } if item.events.is_empty() && !item.closed => {
                    if let Some(entry) = list.get_mut(item.index) {
                        entry.heading = Some(*level as u8);
                    }
                    continue;
                }
                _ => item.closed = true,
            }
        }
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::HtmlBlock)
                if quote_depth == 0 && items.is_empty() && table.is_none() =>
            {
                if let Event::Start(Tag::BlockQuote(_)) = event {
                    quote_depth += 1;
                }
                blocks.push(Block::Other(range));
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::End(TagEnd::Heading(_)) if heading.is_none() => {
                if let Some(item) = items.last_mut() {
                    item.closed = true;
                }
            }
            Event::Start(Tag::Heading { level, .. }) if quote_depth == 0 => {
                heading = Some((level as u8, Vec::new(), range));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, events, span)) = heading.take() {
                    let content = Segment::new(events, span);
                    blocks.push(Block::Heading { level, content });
                }
            }
            Event::Start(Tag::Paragraph) if items.is_empty() && quote_depth == 0 => {
                let first_line = text[range.clone()].lines().next().unwrap_or("");
                paragraph = Some((range, first_line.trim_start().starts_with('|')));
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(item) = items.last_mut()
                    && !item.events.is_empty()
                {
                    item.closed = true;
                }
                match paragraph.take() {
                    Some((span, true)) if looks_like_rows(&text[span.clone()]) => {
                        blocks.push(Block::PipeParagraph(span));
                    }
                    Some((span, _)) => blocks.push(Block::Paragraph(span)),
                    None => {}
                }
            }
            Event::Start(Tag::Table(_)) if quote_depth == 0 && items.is_empty() => {
                table = Some(Table {
                    span: range,
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
            Event::Start(Tag::List(first)) => {
                list_depth += 1;
                numbered.push(first.is_some());
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                numbered.pop();
                if list_depth == 0 {
                    let finished = std::mem::take(&mut list);
                    if quote_depth == 0 && !finished.is_empty() {
                        blocks.push(Block::List(finished));
                    }
                }
            }
            Event::Start(Tag::Item) => {
                list.push(ListItem {
                    depth: list_depth.saturating_sub(1),
                    numbered: numbered.last().copied().unwrap_or(false),
                    ..ListItem::default()
                });
                items.push(OpenItem {
                    index: list.len() - 1,
                    events: Vec::new(),
                    span: range,
                    closed: false,
                });
            }
            Event::End(TagEnd::Item) => {
                if let Some(item) = items.pop()
                    && let Some(entry) = list.get_mut(item.index)
                {
                    entry.content = Segment::new(item.events, item.span);
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(entry) = items.last().and_then(|item| list.get_mut(item.index)) {
                    entry.checkbox = Some(done);
                }
            }
            other => {
                if let Some((events, _)) = cell.as_mut() {
                    events.push((other, range));
                } else if let Some((_, events, _)) = heading.as_mut() {
                    events.push((other, range));
                } else if let Some(item) = items.last_mut().filter(|i| !i.closed)
                    && is_inline(&other)
                {
                    item.events.push((other, range));
                }
            }
        }
    }
    blocks
}

/// Two or more lines, each with at least one `|` inside: a table whose separator row
/// is missing.
fn looks_like_rows(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.len() >= 2
        && lines
            .iter()
            .all(|l| l.trim().trim_matches('|').contains('|') || l.trim().starts_with('|'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_tables_in_order_with_spans() {
        let text = "# T\n\nprose\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n## P\n";
        let blocks = blocks(text);
        assert_eq!(blocks.len(), 4);
        assert!(matches!(blocks[1], Block::Paragraph(_)));
        let Block::Table(table) = &blocks[2] else {
            panic!("expected a table, got {:?}", blocks[1]);
        };
        assert_eq!(table.head.len(), 2);
        assert_eq!(table.rows.len(), 1);
        let cell = &table.rows[0].cells[1];
        assert_eq!(&text[cell.span.clone()], "2");
        assert!(matches!(blocks[3], Block::Heading { level: 2, .. }));
    }

    #[test]
    fn tables_and_lists_in_quotes_code_and_front_matter_are_not_blocks() {
        let text = "---\ntitle: x\n---\n> | A | B |\n> |---|---|\n> | 1 | 2 |\n>\n> - [ ] quoted\n\n```\n| A | B |\n|---|---|\n- [ ] code\n```\n";
        let found = blocks(text);
        assert!(
            found
                .iter()
                .all(|b| matches!(b, Block::Paragraph(_) | Block::Other(_))),
            "{found:?}"
        );
    }

    #[test]
    fn nested_lists_come_flat_with_depths_and_checkboxes() {
        let text = "- Group\n  - [x] one\n    - [ ] one.a\n  - [ ] two\n\n1. [X] numbered\n";
        let blocks = blocks(text);
        let Block::List(items) = &blocks[0] else {
            panic!()
        };
        let shape: Vec<(usize, Option<bool>, String)> = items
            .iter()
            .map(|i| (i.depth, i.checkbox, i.content.to_inline().text))
            .collect();
        assert_eq!(
            shape,
            [
                (0, None, "Group".to_string()),
                (1, Some(true), "one".to_string()),
                (2, Some(false), "one.a".to_string()),
                (1, Some(false), "two".to_string()),
            ]
        );
        let Block::List(numbered) = &blocks[1] else {
            panic!()
        };
        assert_eq!(numbered[0].checkbox, Some(true));
    }

    #[test]
    fn a_heading_inside_an_item_is_its_text() {
        let text = "- ### Arrays\n  - [ ] Two sum\n";
        let Block::List(items) = &blocks(text)[0] else {
            panic!("{:?}", blocks(text))
        };
        assert_eq!(items[0].heading, Some(3));
        assert_eq!(items[0].content.to_inline().text, "Arrays");
        assert_eq!(items[1].content.to_inline().text, "Two sum");
        assert_eq!(
            blocks(text).len(),
            1,
            "the heading is not a block of its own"
        );
    }

    #[test]
    fn loose_items_take_their_first_paragraph() {
        let text = "- [ ] Title here\n\n  More prose about it.\n\n- [x] Next\n";
        let Block::List(items) = &blocks(text)[0] else {
            panic!()
        };
        assert_eq!(items[0].content.to_inline().text, "Title here");
    }

    #[test]
    fn pipe_lines_without_separator_are_noticed() {
        let text = "| Task | Status |\n| A | ✅ |\n";
        assert!(matches!(blocks(text)[0], Block::PipeParagraph(_)));
    }
}
