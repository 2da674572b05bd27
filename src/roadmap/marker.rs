//! A title with a status written into it (`✅ Learn X`, `Learn X ✔`, `[WIP] Y`,
//! `**DONE** Z`, `~~Dropped~~`) → the status, and the title without the marker.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::segment::Segment;
use super::status::Status;
use super::vocabulary::Vocabulary;

/// Whether a token may be a status marker at the edge of a title. Plain words are
/// not ("Done with X" is a title): only symbols, `:shortcodes:` and bracketed words.
pub fn marker_like(token: &str) -> bool {
    let bracketed = (token.starts_with('[') && token.ends_with(']'))
        || (token.starts_with('(') && token.ends_with(')'));
    let shortcode = token.len() > 2 && token.starts_with(':') && token.ends_with(':');
    bracketed || shortcode || !token.chars().any(char::is_alphanumeric)
}

/// Task keywords written in capitals at the start of an item, as outliners do
/// (`TODO x`, `DOING x`, `DONE x`, `LATER x`): a plain word, but unmistakably a status.
fn is_keyword(token: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "TODO",
        "DOING",
        "DONE",
        "NOW",
        "LATER",
        "WAITING",
        "WAIT",
        "CANCELED",
        "CANCELLED",
        "WIP",
        "IN-PROGRESS",
        "INPROGRESS",
        "SKIPPED",
    ];
    KEYWORDS.contains(&token.trim_end_matches(':'))
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
    if let Some(status) = take_progress_bar(segment, vocabulary) {
        return Some(status);
    }
    take_struck(segment).then_some(Status::Skipped)
}

/// Characters progress bars are drawn with.
const BAR: &str = "█▓▒░■□▰▱▮▯";

/// A progress bar ending the title, on its line or the next (`Pottery<br>Progress:
/// ███░░░░░░░ 39%`): its percentage is the status (100% done, 0% to do, else in
/// progress); the bar and its label leave the title.
fn take_progress_bar(segment: &mut Segment, vocabulary: &Vocabulary) -> Option<Status> {
    /// Labels people put before a bar; any other word before it is the title.
    const LABELS: &[&str] = &[
        "progress",
        "progreso",
        "progresso",
        "progression",
        "fortschritt",
        "прогресс",
        "ilerleme",
        "tiến độ",
        "progres",
        "进度",
        "進捗",
        "진행률",
        "status",
    ];
    let last = segment
        .events
        .iter()
        .rposition(|(e, _)| !is_blank_text(e))?;
    let Event::Text(text) = &segment.events[last].0 else {
        return None;
    };
    let bar_at = text.find(|c| BAR.contains(c))?;
    if !text.trim_end().ends_with('%') {
        return None;
    }
    let status = vocabulary.classify(text[bar_at..].trim())?;
    // The label before the bar (`Progress:`) goes with it; other words stay.
    let line_start = text[..bar_at].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..bar_at].trim_end();
    let label_at = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let label = before[label_at..].trim_end_matches(':').to_lowercase();
    let cut = if LABELS.contains(&label.as_str()) {
        line_start + label_at
    } else {
        bar_at
    };
    let kept = text[..cut]
        .trim_end()
        .trim_end_matches(':')
        .trim_end()
        .to_string();
    // Decide before changing anything: a bar alone is no title.
    let breaks = |e: &Event| {
        matches!(
            e,
            Event::SoftBreak | Event::HardBreak | Event::InlineHtml(_)
        ) || is_blank_text(e)
    };
    let rest_has_title = segment.events[..last].iter().any(|(e, _)| !breaks(e));
    if kept.is_empty() && !rest_has_title {
        return None;
    }
    if kept.is_empty() {
        // The bar was on a line of its own: drop it and the break before it.
        segment.events.truncate(last);
        while segment.events.last().is_some_and(|(e, _)| breaks(e)) {
            segment.events.pop();
        }
    } else {
        segment.events[last].0 = Event::Text(CowStr::from(kept));
    }
    Some(status)
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
    let (token, rest) = match (edge, bracketed(trimmed, edge)) {
        (Edge::Start, Some(end)) => (&trimmed[..end], trimmed[end..].trim_start()),
        (Edge::End, Some(start)) => (&trimmed[start..], trimmed[..start].trim_end()),
        (Edge::Start, None) => {
            let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            (&trimmed[..end], trimmed[end..].trim_start())
        }
        (Edge::End, None) => {
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
    // A sign with no letters and no symbol (`___`, `---`) is a blank, not a marker;
    // a weak sign (`📝`) is decoration here.
    let blank = token.chars().all(|c| "-_*=~.".contains(c));
    if token.is_empty()
        || blank
        || vocabulary.is_weak(token)
        || !(marker_like(token) || (edge == Edge::Start && is_keyword(token)))
    {
        return None;
    }
    // The whole marker must be a status, a date after it aside (`(done 2024-03-01)`):
    // `(2 weeks)` and `(0/7 complete)` are not.
    let inner = token.trim_start_matches(['(', '[']).trim_start();
    let status = vocabulary
        .read(token)
        .filter(|r| {
            r.remark.as_ref().is_none_or(|remark| {
                super::cells::is_date(remark) && !inner.starts_with(remark.as_str())
            })
        })
        .map(|r| r.status)
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

/// A bracketed phrase at the edge of a title (`[IN PROGRESS] X`, `X (not started)`):
/// where it ends (at the start) or begins (at the end). At most four words.
fn bracketed(text: &str, edge: Edge) -> Option<usize> {
    let (open, close) = match edge {
        Edge::Start => (text.chars().next()?, None),
        Edge::End => (' ', text.chars().last()),
    };
    let found = match (edge, open, close) {
        (Edge::Start, '[', _) => text.find(']').map(|i| i + 1),
        (Edge::Start, '(', _) => text.find(')').map(|i| i + 1),
        (Edge::End, _, Some(']')) => text.rfind('['),
        (Edge::End, _, Some(')')) => text.rfind('('),
        _ => None,
    }?;
    let inner = match edge {
        Edge::Start => &text[..found],
        Edge::End => &text[found..],
    };
    (inner.split_whitespace().count() <= 4).then_some(found)
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
        // `**Completed**: 2 (8%)` is a label and its value, not a status and a title.
        let label = segment.events[close + 1..]
            .iter()
            .find(|(e, _)| !is_blank_text(e))
            .is_some_and(|(e, _)| matches!(e, Event::Text(t) if t.trim_start().starts_with(':')));
        if !is_bold || visible.len() == 3 || label {
            continue;
        }
        // The bold words must be a status and nothing else: `**Courses finished:** 4`
        // is a label.
        if let Some(status) = vocabulary
            .read(text)
            .filter(|r| r.remark.is_none() && !text.trim().is_empty())
            .map(|r| r.status)
        {
            segment.events.drain(open..=close);
            return Some(status);
        }
    }
    None
}

/// The whole title is struck through: `~~Old course~~`, or struck through and
/// followed by a remark (`~~Old course~~ (dropped, outdated)`, `~~X~~ — not needed`),
/// which is taken off the title.
fn take_struck(segment: &mut Segment) -> bool {
    let Some(first) = segment.events.iter().position(|(e, _)| !is_blank_text(e)) else {
        return false;
    };
    if !matches!(segment.events[first].0, Event::Start(Tag::Strikethrough)) {
        return false;
    }
    let mut depth = 0usize;
    let mut close = None;
    for (i, (event, _)) in segment.events.iter().enumerate().skip(first) {
        match event {
            Event::Start(Tag::Strikethrough) => depth += 1,
            Event::End(TagEnd::Strikethrough) => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(close) = close else {
        return false;
    };
    let after = segment.events[close + 1..]
        .iter()
        .position(|(e, _)| !is_blank_text(e))
        .map(|i| i + close + 1);
    match after.map(|i| &segment.events[i].0) {
        None => true,
        Some(Event::Text(text))
            if text
                .trim_start()
                .starts_with(['—', '–', '-', '(', ':', ',', ';', '（', '[']) =>
        {
            segment.events.truncate(close + 1);
            true
        }
        Some(_) => false,
    }
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
        assert_eq!(marked("Foundations (0/7 complete)").0, None);
        assert_eq!(
            marked("Learn Rust (done 2024-03-01)"),
            (Some(Status::Done), "Learn Rust".into())
        );
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
        assert_eq!(
            marked("~~Old course~~ (dropped, outdated)"),
            (Some(Status::Skipped), "Old course".into())
        );
    }

    #[test]
    fn a_progress_bar_at_the_end_is_the_status() {
        assert_eq!(
            marked("Pottery<br>Progress: ███░░░░░░░ 39%"),
            (Some(Status::InProgress), "Pottery".into())
        );
        assert_eq!(
            marked("Chess ██████████ 100%"),
            (Some(Status::Done), "Chess".into())
        );
        assert_eq!(marked("Compress images by 50%").0, None);
        assert_eq!(
            marked("Learn Rust: ███░░ 40%"),
            (Some(Status::InProgress), "Learn Rust".into())
        );
        assert_eq!(marked("███░░ 40%"), (None, "███░░ 40%".into()));
    }

    #[test]
    fn blanks_weak_signs_and_labels_are_not_markers() {
        assert_eq!(marked("Time: ___").0, None);
        assert_eq!(marked("📝 Notes").0, None);
        assert_eq!(marked("**Completed**: 2 (8%)").0, None);
        assert_eq!(
            marked("DONE Read the book"),
            (Some(Status::Done), "Read the book".into())
        );
    }
}
