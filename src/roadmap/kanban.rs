//! Headings on a kanban board → columns and cards. A heading whose whole text (a
//! count aside) names a status (`### Doing`, `## ✅ Completed`, `## 已完成 (3)`) is a
//! column: the cards of its lists take that status. So is `## Learned (Done)` when
//! the section holds plain bullets only. A heading inside a column with a status of
//! its own is a card, and the lists under a card are its details; one without groups
//! the cards under it.

use pulldown_cmark::Event;

use super::block::Block;
use super::marker::take_status;
use super::outline::{self, Piece};
use super::reader::Reader;
use super::segment::Segment;
use super::status::Status;
use super::syntax::{Note, Task};
use super::vocabulary::Vocabulary;

/// Where the reader is on a board, if on one.
#[derive(Default)]
pub struct Board {
    /// The column whose section we are in: its level and status.
    column: Option<(u8, Status)>,
    /// The level of the card heading whose section we are in.
    card: Option<u8>,
}

impl Board {
    /// Reads a heading: a column, a card of the column it is in, or a heading.
    /// `after` are the blocks that follow it.
    pub fn heading(
        &mut self,
        level: u8,
        content: Segment,
        after: &[Block],
        reader: &Reader,
        notes: &mut Vec<Note>,
    ) -> Piece {
        if self.column.is_some_and(|(l, _)| level <= l) {
            self.column = None;
        }
        if self.card.is_some_and(|l| level <= l) {
            self.card = None;
        }
        let title = content.text();
        let span = content.span.clone();
        let status = column_status(&title, reader.vocabulary).or_else(|| {
            status_in_parentheses(&title, reader.vocabulary)
                .filter(|_| plain_bullets_only(after, level))
        });
        if let Some(status) = status {
            self.column = Some((level, status));
            let label = status.label().to_lowercase();
            notes.push(Note {
                span: span.clone(),
                kind: "kanban",
                text: format!("\"{title}\" → {label}"),
            });
            return Piece::Column {
                level,
                title: content.to_inline(),
                span,
            };
        }
        if self.column.is_none() {
            return outline::heading(level, content, reader);
        }
        // A heading in a column with its own status (`### 2. Chess - 50% 🔄`) is a
        // card; without one (`### High priority`) it groups the cards under it and
        // is never a phase.
        let mut unmarked = content;
        unmarked.strip_emphasis();
        let title = unmarked.to_inline();
        match take_status(&mut unmarked, reader.vocabulary) {
            Some(own) => {
                self.card = Some(level);
                let task = Task::new(unmarked.to_inline(), own, span.clone());
                notes.push(Note {
                    span,
                    kind: "kanban",
                    text: format!(
                        "card \"{}\" → {}",
                        task.title.text,
                        task.status.label().to_lowercase()
                    ),
                });
                Piece::Card { task }
            }
            None => Piece::Label { level, title, span },
        }
    }

    /// The status plain bullets take here (`None` off a board).
    pub fn column(&self) -> Option<Status> {
        self.column.map(|(_, status)| status)
    }

    /// Inside a card written as a heading: lists are its details, not tasks.
    pub fn in_card(&self) -> bool {
        self.card.is_some()
    }
}

/// The section after a heading holds lists of plain bullets only (no checkbox, no
/// table) and at least one.
fn plain_bullets_only(after: &[Block], level: u8) -> bool {
    let section = after
        .iter()
        .take_while(|b| !matches!(b, Block::Heading { level: l, .. } if *l <= level));
    let mut lists = 0;
    for block in section {
        match block {
            Block::List(items) if items.iter().all(|i| i.checkbox.is_none()) => lists += 1,
            Block::Paragraph(_) | Block::Other(_) => {}
            _ => return false,
        }
    }
    lists > 0
}

/// `Learned (Done)`, `Что я учу (In Progress)`: a status in parentheses at the end.
fn status_in_parentheses(title: &str, vocabulary: &Vocabulary) -> Option<Status> {
    let inner = title.trim().strip_suffix(')')?;
    let inner = &inner[inner.rfind('(')? + 1..];
    vocabulary
        .read(inner)
        .filter(|r| r.remark.is_none())
        .map(|r| r.status)
}

/// A column heading: its whole text, less a count (`(3)`, `(2/25)`), names a status.
/// English words must be ones people title board columns with (a `## Learning`
/// section is not a column) unless a status symbol beside them agrees; a word or two
/// more are allowed beside a status sign (`## ✅ Recently completed`).
pub fn column_status(title: &str, vocabulary: &Vocabulary) -> Option<Status> {
    const COLUMNS: &[&str] = &[
        "done",
        "completed",
        "complete",
        "finished",
        "doing",
        "in progress",
        "wip",
        "todo",
        "to do",
        "next",
        "up next",
        "next up",
        "backlog",
        "planned",
        "later",
        "someday",
        "blocked",
        "on hold",
        "paused",
        "won't do",
        "wont do",
        "cancelled",
        "canceled",
        "dropped",
        "skipped",
        "currently learning",
        "learned",
        "to learn",
        "want to learn",
        "not started",
        "ongoing",
        "pending",
        "in review",
    ];
    let text = title
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_digit() || "()[] /".contains(c))
        .trim();
    // A sign written against its word (`👷in progress`) is still a sign and a word.
    let mut spaced = String::with_capacity(text.len() + 4);
    let mut previous_sign = false;
    for c in text.chars() {
        // A sign is a symbol, never a letter's combining mark (`पूर्ण` stays whole).
        let sign = !super::columns::is_word_char(c) && !c.is_whitespace() && !c.is_ascii();
        if previous_sign && c.is_alphabetic() {
            spaced.push(' ');
        }
        spaced.push(c);
        previous_sign = sign || (previous_sign && matches!(c, '\u{fe0f}' | '\u{200d}'));
    }
    let text = spaced.as_str();
    let mut rest = Segment::new(vec![(Event::Text(text.to_string().into()), 0..0)], 0..0);
    let symbol = take_status(&mut rest, vocabulary);
    let words = rest.text();
    let reading = vocabulary.read(&words)?;
    if !words.chars().any(char::is_alphabetic) {
        return None;
    }
    let key = words.to_lowercase();
    // The status words must be ones boards use, at the start or end of the heading.
    let column_words = !key.is_ascii()
        || COLUMNS.iter().any(|c| {
            key == *c || key.starts_with(&format!("{c} ")) || key.ends_with(&format!(" {c}"))
        });
    match reading.remark {
        // A status word alone beside a status sign: `## ✅ Mastered`.
        None => (column_words || symbol.is_some()).then_some(reading.status),
        // A word or two more beside a status sign (`## ⏳ Pending roadmaps (22)`); the
        // words say which status where they and the sign differ.
        Some(remark) => {
            (column_words && symbol.is_some() && remark.split_whitespace().count() <= 2)
                .then_some(reading.status)
        }
    }
}
