//! A title with a status written into it (`✅ Learn X`, `Learn X ✔`, `[WIP] Y`,
//! `**DONE** Z`, `~~Dropped~~`) → the status, and the title without the marker.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::segment::Segment;
use super::status::{Status, Vocabulary};

/// Whether a token may be a status marker at the edge of a title. Plain words are
/// not ("Done with X" is a title): only symbols, `:shortcodes:` and bracketed words.
pub fn marker_like(token: &str) -> bool {
    let bracketed = (token.starts_with('[') && token.ends_with(']'))
        || (token.starts_with('(') && token.ends_with(')'));
    let shortcode = token.len() > 2 && token.starts_with(':') && token.ends_with(':');
    bracketed || shortcode || !token.chars().any(char::is_alphanumeric)
}

/// Takes a status marker off the start or the end of the title. Returns the status;
/// the segment keeps the rest of the title.
pub fn take_status(segment: &mut Segment, vocabulary: &Vocabulary) -> Option<Status> {
    if let Some(status) = take_bold_word(segment, vocabulary) {
        return Some(status);
    }
    if let Some(status) = take_edge(segment, vocabulary, Edge::Start) {
        return Some(status);
    }
    if let Some(status) = take_edge(segment, vocabulary, Edge::End) {
        return Some(status);
    }
    struck_through(segment).then_some(Status::Skipped)
}

#[derive(Clone, Copy, PartialEq)]
enum Edge {
    Start,
    End,
}

fn take_edge(segment: &mut Segment, vocabulary: &Vocabulary, edge: Edge) -> Option<Status> {
    let index = match edge {
        Edge::Start => segment.events.iter().position(|(e, _)| !is_blank_text(e))?,
        Edge::End => segment
            .events
            .iter()
            .rposition(|(e, _)| !is_blank_text(e))?,
    };
    let Event::Text(text) = &segment.events[index].0 else {
        return None;
    };
    let trimmed = text.trim();
    let (token, rest) = match edge {
        Edge::Start => {
            let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            (&trimmed[..end], trimmed[end..].trim_start())
        }
        Edge::End => {
            // Whitespace can be wider than a byte (a no-break space): step over it whole.
            let start = trimmed
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            (&trimmed[start..], trimmed[..start].trim_end())
        }
    };
    // Separators people put between title and marker: "Learn X - ✅", "✅ — Learn X".
    let rest =
        rest.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ':' | '|') || c.is_whitespace());
    if token.is_empty() || !marker_like(token) {
        return None;
    }
    let status = vocabulary
        .classify(token)
        .filter(|_| !token.chars().all(|c| c == '-' || c == '*'))?;
    // A marker alone is not a title: keep the text when nothing else would remain.
    if rest.is_empty()
        && segment
            .events
            .iter()
            .filter(|(e, _)| !is_blank_text(e))
            .count()
            == 1
    {
        return None;
    }
    let rest = rest.to_string();
    segment.events[index].0 = Event::Text(CowStr::from(rest));
    Some(status)
}

/// `**DONE** Learn X` or `Learn X **WIP**`: a bold status word at either end.
fn take_bold_word(segment: &mut Segment, vocabulary: &Vocabulary) -> Option<Status> {
    let visible: Vec<usize> = (0..segment.events.len())
        .filter(|&i| !is_blank_text(&segment.events[i].0))
        .collect();
    for window in [
        visible.get(..3),
        visible.len().checked_sub(3).and_then(|s| visible.get(s..)),
    ] {
        let Some(&[open, word, close]) = window else {
            continue;
        };
        let is_bold = matches!(segment.events[open].0, Event::Start(Tag::Strong))
            && matches!(segment.events[close].0, Event::End(TagEnd::Strong))
            && close == word + 1
            && word == open + 1;
        let Event::Text(text) = &segment.events[word].0 else {
            continue;
        };
        if !is_bold || visible.len() == 3 {
            continue;
        }
        if let Some(status) = vocabulary
            .classify(text)
            .filter(|_| !text.trim().is_empty())
        {
            segment.events.drain(open..=close);
            return Some(status);
        }
    }
    None
}

/// The whole title is struck through: `~~Old course~~`.
fn struck_through(segment: &Segment) -> bool {
    let visible: Vec<&Event> = segment
        .events
        .iter()
        .map(|(e, _)| e)
        .filter(|e| !is_blank_text(e))
        .collect();
    matches!(visible.first(), Some(Event::Start(Tag::Strikethrough)))
        && matches!(visible.last(), Some(Event::End(TagEnd::Strikethrough)))
}

fn is_blank_text(event: &Event) -> bool {
    matches!(event, Event::Text(t) if t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::block::{Block, blocks};

    fn marked(cell: &str) -> (Option<Status>, String) {
        let text: &'static str = Box::leak(format!("| h |\n|-|\n| {cell} |\n").into_boxed_str());
        let Some(Block::Table(mut table)) = blocks(text).pop() else {
            panic!("no table");
        };
        let mut segment = table.rows.remove(0).cells.remove(0);
        let status = take_status(&mut segment, &Vocabulary::default());
        (status, segment.to_inline().text)
    }

    #[test]
    fn markers_before_or_after_the_title() {
        assert_eq!(marked("✅ Learn X"), (Some(Status::Done), "Learn X".into()));
        assert_eq!(marked("Learn X ✔"), (Some(Status::Done), "Learn X".into()));
        assert_eq!(marked("Learn X ✔️"), (Some(Status::Done), "Learn X".into()));
        assert_eq!(
            marked(":construction: Learn X"),
            (Some(Status::InProgress), "Learn X".into())
        );
        assert_eq!(
            marked("[WIP] Learn X"),
            (Some(Status::InProgress), "Learn X".into())
        );
        assert_eq!(
            marked("Learn X (done)"),
            (Some(Status::Done), "Learn X".into())
        );
        assert_eq!(
            marked("Learn X - ⏳"),
            (Some(Status::InProgress), "Learn X".into())
        );
        assert_eq!(
            marked("**DONE** Learn X"),
            (Some(Status::Done), "Learn X".into())
        );
    }

    #[test]
    fn plain_words_and_lone_markers_stay_titles() {
        assert_eq!(marked("Done with X").0, None);
        assert_eq!(marked("Learn X done").0, None);
        assert_eq!(marked("✅"), (None, "✅".into()));
        assert_eq!(marked("C++ - basics").0, None);
    }

    #[test]
    fn a_wide_space_before_a_marker_is_stepped_over() {
        // Found by the fuzzer: a no-break space (two bytes) before the last word.
        assert_eq!(
            marked("Learn X\u{a0}✅"),
            (Some(Status::Done), "Learn X".into())
        );
        assert_eq!(marked("Classes\u{a0}lan").0, None);
    }

    #[test]
    fn struck_through_titles_are_skipped() {
        assert_eq!(
            marked("~~Old course~~"),
            (Some(Status::Skipped), "Old course".into())
        );
        assert_eq!(marked("~~old~~ and new").0, None);
    }
}
