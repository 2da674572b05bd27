//! Status cell text (`:white_check_mark:`, `✅`, `**WIP**`, `[x]`) → [`Status`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Finished.
    Done,
    /// Started, not finished.
    InProgress,
    /// Not started (also: an empty or unreadable status).
    Todo,
    /// Deliberately left out; not counted in the percentage.
    Skipped,
}

impl Status {
    /// All statuses, in the order they are shown.
    pub const ALL: [Status; 4] = [
        Status::Done,
        Status::InProgress,
        Status::Todo,
        Status::Skipped,
    ];

    /// The name used in JSON, CSS classes and templates.
    pub fn key(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::InProgress => "in_progress",
            Status::Todo => "todo",
            Status::Skipped => "skipped",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Status::Done => "Done",
            Status::InProgress => "In progress",
            Status::Todo => "To do",
            Status::Skipped => "Skipped",
        }
    }
}

const DONE: &[&str] = &[
    "✅",
    "✔",
    "✓",
    "☑",
    "🟢",
    "💯",
    ":white_check_mark:",
    ":heavy_check_mark:",
    ":ballot_box_with_check:",
    ":green_circle:",
    ":100:",
    "[x]",
    "done",
    "complete",
    "completed",
    "finished",
    "yes",
    "passed",
    "learned",
    "mastered",
];
const IN_PROGRESS: &[&str] = &[
    "🚧",
    "⏳",
    "⌛",
    "🔄",
    "🟡",
    "🟠",
    "🔶",
    ":construction:",
    ":hourglass:",
    ":hourglass_flowing_sand:",
    ":arrows_counterclockwise:",
    ":yellow_circle:",
    ":orange_circle:",
    "[~]",
    "[-]",
    "[/]",
    "in progress",
    "wip",
    "doing",
    "started",
    "ongoing",
    "working",
    "partial",
    "partially done",
    "learning",
    "current",
    "in review",
];
const TODO: &[&str] = &[
    "❌",
    "✖",
    "✗",
    "✘",
    "⬜",
    "☐",
    "🔲",
    "🔳",
    "🔴",
    "⭕",
    ":x:",
    ":white_large_square:",
    ":heavy_multiplication_x:",
    ":black_square_button:",
    ":red_circle:",
    "[ ]",
    "[]",
    "todo",
    "to do",
    "not started",
    "not done",
    "pending",
    "planned",
    "no",
    "open",
    "backlog",
    "upcoming",
    "next",
    "later",
    "tbd",
];
const SKIPPED: &[&str] = &[
    "⏭",
    "🚫",
    ":next_track_button:",
    ":no_entry_sign:",
    ":fast_forward:",
    "skipped",
    "skip",
    "n/a",
    "na",
    "dropped",
    "cancelled",
    "canceled",
    "won't do",
    "wont do",
    "not applicable",
    "abandoned",
    "obsolete",
];

/// The words and symbols that name each status: the built-in ones plus the
/// `[statuses]` table of `roadmap.toml`.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    words: HashMap<String, Status>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        let mut vocabulary = Vocabulary {
            words: HashMap::new(),
        };
        for (status, words) in [
            (Status::Done, DONE),
            (Status::InProgress, IN_PROGRESS),
            (Status::Todo, TODO),
            (Status::Skipped, SKIPPED),
        ] {
            for word in words {
                vocabulary.add(word, status);
            }
        }
        vocabulary
    }
}

impl Vocabulary {
    /// Every word and its status, sorted: equal vocabularies have equal fingerprints
    /// (the history cache is only valid for the vocabulary that parsed it).
    pub fn fingerprint(&self) -> String {
        let mut words: Vec<String> = self
            .words
            .iter()
            .map(|(word, status)| format!("{word}={}", status.key()))
            .collect();
        words.sort();
        words.join("\u{1f}")
    }

    /// Teaches a word; later words win, so user words override built-in ones.
    pub fn add(&mut self, word: &str, status: Status) {
        self.words.insert(normalize(word), status);
    }

    /// Reads a status cell's plain text. `Some(None)`-style three states:
    /// empty → `Some(Todo)`, known → `Some(status)`, unknown → `None`.
    pub fn classify(&self, text: &str) -> Option<Status> {
        let norm = normalize(text);
        if norm.is_empty() {
            return Some(Status::Todo);
        }
        if let Some(&status) = self.words.get(&norm) {
            return Some(status);
        }
        let unbracketed = norm
            .trim_matches(|c| matches!(c, '[' | ']' | '(' | ')' | '`'))
            .trim();
        if let Some(&status) = self.words.get(unbracketed) {
            return Some(status);
        }
        // "✅ Done", "⏳ in progress", "Done!", "✅ completed 2024-01-05": every
        // recognised token must agree; dates and punctuation are ignored.
        let mut found = None;
        for token in norm.split(' ') {
            let token = token.trim_end_matches(['!', '.', ',', ';']);
            match self.words.get(token) {
                Some(&status) if found.is_none_or(|f| f == status) => found = Some(status),
                Some(_) => return None,
                None if self.is_filler(token) => {}
                None => return self.words.get(unbracketed).copied(),
            }
        }
        found
    }

    /// Tokens that may sit beside a status symbol without changing it.
    fn is_filler(&self, token: &str) -> bool {
        !token.chars().any(char::is_alphabetic)
    }
}

/// Lowercase, emoji variation selectors removed, runs of whitespace, `_` and `-` between
/// words folded to one space, so `In-Progress`, `in_progress` and `IN PROGRESS` match.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut in_shortcode = false;
    for c in text.trim().chars() {
        match c {
            '\u{fe0e}' | '\u{fe0f}' => {}
            ':' => {
                in_shortcode = !in_shortcode;
                out.push(c);
            }
            '_' | '-' if in_shortcode => out.push(c),
            c if c.is_whitespace() || c == '_' || c == '-' => pending_space = !out.is_empty(),
            c => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.extend(c.to_lowercase());
            }
        }
    }
    // "[ ]" normalises to "[" "]" with the space folded; restore the checkbox form.
    if out == "[]" && text.contains(' ') {
        return "[ ]".to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(text: &str) -> Option<Status> {
        Vocabulary::default().classify(text)
    }

    #[test]
    fn shortcodes_and_emoji_with_or_without_variation_selector() {
        assert_eq!(classify(":white_check_mark:"), Some(Status::Done));
        assert_eq!(classify(":heavy_check_mark:"), Some(Status::Done));
        assert_eq!(classify("✔️"), Some(Status::Done));
        assert_eq!(classify("✔"), Some(Status::Done));
        assert_eq!(classify(":x:"), Some(Status::Todo));
        assert_eq!(classify("⬜"), Some(Status::Todo));
        assert_eq!(classify(":construction:"), Some(Status::InProgress));
        assert_eq!(classify("⏭️"), Some(Status::Skipped));
    }

    #[test]
    fn words_in_any_case_spelling_and_brackets() {
        assert_eq!(classify("Done"), Some(Status::Done));
        assert_eq!(classify("[x]"), Some(Status::Done));
        assert_eq!(classify("[X]"), Some(Status::Done));
        assert_eq!(classify("[ ]"), Some(Status::Todo));
        assert_eq!(classify("Not Started"), Some(Status::Todo));
        assert_eq!(classify("in-progress"), Some(Status::InProgress));
        assert_eq!(classify("[WIP]"), Some(Status::InProgress));
        assert_eq!(classify("SKIPPED"), Some(Status::Skipped));
    }

    #[test]
    fn symbol_and_word_together_must_agree() {
        assert_eq!(classify("✅ Done"), Some(Status::Done));
        assert_eq!(classify("✅ todo"), None);
    }

    #[test]
    fn punctuation_and_dates_beside_a_status_are_ignored() {
        assert_eq!(classify("Done!"), Some(Status::Done));
        assert_eq!(classify("✅ Completed 2024-01-05"), Some(Status::Done));
    }

    #[test]
    fn empty_is_todo_and_unknown_is_none() {
        assert_eq!(classify("   "), Some(Status::Todo));
        assert_eq!(classify("maybe"), None);
        assert_eq!(classify(":thinking:"), None);
    }

    #[test]
    fn user_words_extend_and_override() {
        let mut v = Vocabulary::default();
        v.add("Yep", Status::Done);
        v.add("next", Status::InProgress);
        assert_eq!(v.classify("yep"), Some(Status::Done));
        assert_eq!(v.classify("Next"), Some(Status::InProgress));
    }
}
