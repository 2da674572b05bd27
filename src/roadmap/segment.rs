//! A run of inline Markdown events (a table cell, a `<br>`-separated part of one, a
//! heading) → cleaned-up [`Inline`] text: bullets, indentation, wrapping emphasis and
//! trailing colons are markers of structure, not part of the title.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::syntax::Inline;

/// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
const SEPARATORS: [char; 2] = ['\u{2028}', '\u{2029}'];

/// Inline events with their source ranges.
#[derive(Debug, Clone, Default)]
pub struct Segment<'a> {
    /// The events.
    pub events: Vec<(Event<'a>, Range<usize>)>,
    /// Source span of the whole segment (cell or heading).
    pub span: Range<usize>,
}

/// Characters people use to indent a sub-item inside a table cell: `&emsp;`, `&nbsp;`,
/// other Unicode spaces, and arrows such as `↳`.
fn is_indent(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{3000}' | '↳' | '└' | '├' | '→' | '⤷'
    )
}

/// Joins neighbouring text events: the parser splits text at brackets and entities,
/// and markers such as `[WIP]` must be seen whole.
fn merge_text(events: Vec<(Event<'_>, Range<usize>)>) -> Vec<(Event<'_>, Range<usize>)> {
    let mut merged: Vec<(Event, Range<usize>)> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(previous), previous_range))) =
            (&event, merged.last_mut())
        {
            *previous = CowStr::from(format!("{previous}{next}"));
            previous_range.end = range.end;
            continue;
        }
        merged.push((event, range));
    }
    merged
}

fn is_br(html: &str) -> bool {
    let inner = html.trim().trim_start_matches('<').trim_end_matches('>');
    let inner = inner.trim().trim_end_matches('/').trim();
    inner.eq_ignore_ascii_case("br")
}

impl<'a> Segment<'a> {
    /// Wraps events, taking the span from them (or `fallback` when there are none).
    pub fn new(events: Vec<(Event<'a>, Range<usize>)>, fallback: Range<usize>) -> Self {
        let events = merge_text(events);
        let span = match (events.first(), events.last()) {
            (Some((_, first)), Some((_, last))) => first.start..last.end,
            _ => fallback,
        };
        Segment { events, span }
    }

    /// Splits at `<br>` tags (`<br>`, `<br/>`, `<br />`, any case).
    pub fn split_br(self) -> Vec<Segment<'a>> {
        let mut parts = Vec::new();
        let mut current = Vec::new();
        let mut start = self.span.start;
        for (event, range) in self.events {
            match &event {
                Event::InlineHtml(html) | Event::Html(html) if is_br(html) => {
                    parts.push(Segment::new(
                        std::mem::take(&mut current),
                        start..range.start,
                    ));
                    start = range.end;
                }
                _ => current.push((event, range)),
            }
        }
        parts.push(Segment::new(current, start..self.span.end.max(start)));
        parts
    }

    /// True when the segment holds no visible text.
    pub fn is_blank(&self) -> bool {
        self.events.iter().all(|(event, _)| match event {
            Event::Text(text) => text.trim().is_empty() && !text.chars().any(is_indent),
            Event::Code(_) => false,
            Event::Start(Tag::Image { .. }) => false,
            _ => true,
        })
    }

    /// Removes leading indentation; true if there was any (an indent character, or two
    /// or more spaces).
    pub fn strip_indent(&mut self) -> bool {
        let mut spaces = 0;
        let mut marker = false;
        self.edit_leading_text(|text| {
            let rest = text.trim_start_matches(|c: char| {
                if is_indent(c) {
                    marker = true;
                } else if c == ' ' || c == '\t' {
                    spaces += 1;
                } else {
                    return false;
                }
                true
            });
            text.len() - rest.len()
        });
        marker || spaces >= 2
    }

    /// Removes a leading list bullet (`- `, `* `, `+ `, `• `); true if there was one.
    pub fn strip_bullet(&mut self) -> bool {
        let mut found = false;
        self.edit_leading_text(|text| {
            let trimmed = text.trim_start();
            let mut chars = trimmed.chars();
            match (chars.next(), chars.next()) {
                (Some('-' | '*' | '+' | '•' | '◦' | '▪'), next)
                    if next.is_none_or(char::is_whitespace) =>
                {
                    found = true;
                    let rest = chars.as_str().trim_start();
                    text.len() - rest.len()
                }
                _ => text.len() - trimmed.len(),
            }
        });
        found
    }

    /// Removes emphasis wrapping the whole segment (`**Mathematics**`); true if bold.
    pub fn unwrap_emphasis(&mut self) -> bool {
        let mut bold = false;
        loop {
            self.drop_blank_edges();
            let wraps = match (self.events.first(), self.events.last()) {
                (Some((Event::Start(Tag::Strong), _)), Some((Event::End(TagEnd::Strong), _))) => {
                    Some(true)
                }
                (
                    Some((Event::Start(Tag::Emphasis), _)),
                    Some((Event::End(TagEnd::Emphasis), _)),
                ) => Some(false),
                _ => None,
            };
            // Only unwrap when the opening tag closes at the very end, not `**a** and **b**`.
            match wraps {
                Some(strong) if self.first_closes_last() => {
                    bold |= strong;
                    self.events.pop();
                    self.events.remove(0);
                }
                _ => return bold,
            }
        }
    }

    /// Removes all bold and italic markup: in headings and group names it is decoration.
    pub fn strip_emphasis(&mut self) {
        self.events.retain(|(event, _)| {
            !matches!(
                event,
                Event::Start(Tag::Strong | Tag::Emphasis)
                    | Event::End(TagEnd::Strong | TagEnd::Emphasis)
            )
        });
    }

    /// Removes a trailing `:` (inside or outside emphasis); true if there was one.
    pub fn strip_trailing_colon(&mut self) -> bool {
        self.drop_blank_edges();
        let last_text = self
            .events
            .iter_mut()
            .rev()
            .take_while(|(e, _)| matches!(e, Event::Text(_) | Event::End(_)))
            .find_map(|(e, _)| match e {
                Event::Text(text) => Some(text),
                _ => None,
            });
        match last_text {
            Some(text) if text.trim_end().ends_with(':') => {
                let kept = text.trim_end().trim_end_matches(':').trim_end().to_string();
                *text = CowStr::from(kept);
                true
            }
            _ => false,
        }
    }

    /// Renders the segment: inline HTML for display (raw HTML other than `<br>` is
    /// escaped, so titles can never break the page) and collapsed plain text.
    pub fn to_inline(&self) -> Inline {
        let events = self.events.iter().map(|(event, _)| match event {
            Event::InlineHtml(html) | Event::Html(html) if is_br(html) => {
                Event::InlineHtml(CowStr::Borrowed("<br>"))
            }
            Event::InlineHtml(html) | Event::Html(html) => Event::Text(html.clone()),
            Event::SoftBreak | Event::HardBreak => Event::Text(CowStr::Borrowed(" ")),
            // Line and paragraph separators (pasted from a word processor) are spaces,
            // as in the text: a browser draws nothing for them, "Rust\u{2028}traits"
            // was "Rusttraits" in a heading.
            Event::Text(t) if t.contains(SEPARATORS) => {
                Event::Text(t.replace(SEPARATORS, " ").into())
            }
            other => other.clone(),
        });
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events);
        Inline {
            html: html.trim().to_string(),
            text: self.text(),
        }
    }

    /// The plain text of [`to_inline`](Self::to_inline) alone (text and code, breaks
    /// as spaces, whitespace collapsed), without rendering HTML.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for (event, _) in &self.events {
            match event {
                Event::InlineHtml(html) | Event::Html(html) if is_br(html) => text.push(' '),
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        let mut collapsed = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !collapsed.is_empty() {
                collapsed.push(' ');
            }
            collapsed.push_str(word);
        }
        collapsed
    }

    fn first_closes_last(&self) -> bool {
        let mut depth = 0usize;
        for (i, (event, _)) in self.events.iter().enumerate() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return i == self.events.len() - 1;
                    }
                }
                _ => {}
            }
        }
        false
    }

    fn drop_blank_edges(&mut self) {
        let blank =
            |e: &(Event, Range<usize>)| matches!(&e.0, Event::Text(t) if t.trim().is_empty());
        while self.events.first().is_some_and(blank) {
            self.events.remove(0);
        }
        while self.events.last().is_some_and(blank) {
            self.events.pop();
        }
    }

    /// Applies `cut` (which returns how many bytes to remove from the front) to the
    /// first text event, dropping it if it becomes empty; adjusts its range when the
    /// source bytes match the text (no entities were decoded).
    fn edit_leading_text(&mut self, cut: impl FnOnce(&str) -> usize) {
        let Some(index) = self
            .events
            .iter()
            .position(|(e, _)| !matches!(e, Event::Text(t) if t.is_empty()))
        else {
            return;
        };
        let (Event::Text(text), range) = &mut self.events[index] else {
            return;
        };
        let n = cut(text);
        if n == 0 {
            return;
        }
        if range.len() == text.len() {
            range.start += n;
        }
        let rest = text[n..].to_string();
        if rest.is_empty() {
            self.events.remove(index);
        } else {
            *text = CowStr::from(rest);
        }
        if let Some((_, first)) = self.events.first() {
            self.span.start = self.span.start.max(first.start).min(self.span.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::block::{Block, blocks};

    /// The events of `markdown` written in a table cell, as the parser sees them.
    fn segment(markdown: &str) -> Segment<'static> {
        let table: &'static str =
            Box::leak(format!("| h |\n|-|\n| {markdown} |\n").into_boxed_str());
        match blocks(table).pop() {
            Some(Block::Table(mut t)) => t.rows.remove(0).cells.remove(0),
            other => panic!("no table cell in {other:?}"),
        }
    }

    #[test]
    fn bullet_and_whole_cell_bold_are_markers() {
        let mut s = segment("- **Cloud Platforms:**");
        assert!(s.strip_bullet());
        assert!(s.unwrap_emphasis());
        assert!(s.strip_trailing_colon());
        assert_eq!(s.to_inline().text, "Cloud Platforms");
        assert_eq!(s.to_inline().html, "Cloud Platforms");
    }

    #[test]
    fn partial_emphasis_is_kept_for_display() {
        let mut s = segment("**a** and **b**");
        assert!(!s.unwrap_emphasis());
        let inline = s.to_inline();
        assert_eq!(inline.text, "a and b");
        assert_eq!(inline.html, "<strong>a</strong> and <strong>b</strong>");
    }

    #[test]
    fn entity_indentation_is_detected_and_removed() {
        let mut s = segment("&emsp;Image Classification");
        assert!(s.strip_indent());
        assert_eq!(s.to_inline().text, "Image Classification");
        let mut s = segment("Plain");
        assert!(!s.strip_indent());
    }

    #[test]
    fn br_splits_in_every_spelling() {
        let parts = segment("a<br>b<BR/>c<br />d").split_br();
        let texts: Vec<_> = parts.iter().map(|p| p.to_inline().text).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
    }

    #[test]
    fn raw_html_is_escaped_and_links_kept() {
        let inline =
            segment("[Rust](https://rust-lang.org) <script>x</script> `a\\|b`").to_inline();
        assert_eq!(inline.text, "Rust x a|b");
        assert!(
            inline
                .html
                .contains("<a href=\"https://rust-lang.org\">Rust</a>")
        );
        assert!(inline.html.contains("&lt;script&gt;"));
        assert!(inline.html.contains("<code>a|b</code>"));
    }

    #[test]
    fn a_dash_that_is_not_a_bullet_stays() {
        let mut s = segment("-2025 plan");
        assert!(!s.strip_bullet());
        assert_eq!(s.to_inline().text, "-2025 plan");
    }
}
