//! Status cell text (`:white_check_mark:`, `✅`, `**WIP**`, `[x]`) → [`Status`].

use std::collections::HashMap;

use super::status::Status;
use super::words::{DONE, IN_PROGRESS, SKIPPED, TODO, WEAK_SIGNS};

/// The words and symbols that name each status: the built-in ones plus the
/// `[statuses]` table of `roadmap.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary {
    words: HashMap<String, Status>,
    /// Signs that name a status in a status cell but are decoration elsewhere
    /// (`📝`, `🛠️`, `📅`): never a marker in a title or on a heading.
    weak: std::collections::HashSet<String>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        let mut vocabulary = Vocabulary {
            words: HashMap::new(),
            weak: Default::default(),
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
        for (word, status) in WEAK_SIGNS {
            vocabulary.add(word, *status);
            vocabulary.weak.insert(normalize(word));
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
        let key = normalize(word);
        self.weak.remove(&key);
        self.words.insert(key, status);
    }

    /// A sign that is a status only in a status cell (`📝`), unless a legend or
    /// `[statuses]` taught it.
    pub fn is_weak(&self, token: &str) -> bool {
        self.weak.contains(&normalize(token))
    }

    /// Reads a status cell's plain text: `None` when no status word or symbol is in
    /// it; an empty cell is to do (or what a legend says an empty cell means).
    pub fn classify(&self, text: &str) -> Option<Status> {
        self.read(text).map(|reading| reading.status)
    }

    /// Reads a status cell: its status and what else is written beside it.
    ///
    /// Precedence, first match wins: the whole text; the text without brackets; then
    /// the longest known phrase at each word from the left, where a *word* (`Planned`,
    /// `进行中`) wins over a *symbol* (`⏳`, `:x:`), so `⏳ Planned` is to do. What is
    /// left (`practised twice`) is the remark.
    pub fn read(&self, text: &str) -> Option<Reading> {
        let norm = normalize(text);
        if norm.is_empty() {
            let status = self.words.get("").copied().unwrap_or(Status::Todo);
            return Some(Reading::plain(status));
        }
        if let Some(&status) = self.words.get(&norm) {
            return Some(Reading::plain(status));
        }
        let unbracketed = norm.trim_matches(|c| matches!(c, '[' | ']' | '(' | ')' | '`'));
        if let Some(&status) = self.words.get(unbracketed.trim()) {
            return Some(Reading::plain(status));
        }
        if let Some(status) = percentage(&norm) {
            return Some(Reading::plain(status));
        }
        self.read_phrases(text, false)
    }

    /// Like [`read`](Self::read), but the status may stand anywhere in the text, as in
    /// a legend's description (`tópico dispensado (já domino o assunto)`).
    pub fn read_loosely(&self, text: &str) -> Option<Reading> {
        self.read(text).or_else(|| self.read_phrases(text, true))
    }

    /// Status phrases anywhere in the cell; the chosen one must open or close it
    /// (other statuses and signs aside), so a sentence that merely contains a status
    /// word is not a status.
    fn read_phrases(&self, text: &str, anywhere: bool) -> Option<Reading> {
        let tokens = tokens(text);
        let keys: Vec<String> = tokens.iter().map(|t| normalize(&text[t.clone()])).collect();
        // Per token: is it part of a status phrase or a sign with no letters/digits?
        let mut quiet: Vec<bool> = keys
            .iter()
            .map(|k| !k.chars().any(char::is_alphanumeric))
            .collect();
        let mut matched = vec![false; keys.len()];
        let mut word: Option<(Status, usize, usize)> = None;
        let mut symbol: Option<(Status, usize, usize)> = None;
        let mut i = 0;
        // One buffer for every candidate phrase: this runs for every heading.
        let mut joined = String::new();
        while i < keys.len() {
            let found = (1..=MAX_PHRASE.min(keys.len() - i)).rev().find_map(|len| {
                joined.clear();
                for (n, key) in keys[i..i + len].iter().enumerate() {
                    if n > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(key);
                }
                let key = phrase_key(&joined);
                self.words
                    .get(key)
                    .map(|&status| (status, len, is_word(key)))
            });
            let Some((status, len, is_word)) =
                found.or_else(|| self.cjk_prefix(&keys[i]).map(|status| (status, 1, true)))
            else {
                i += 1;
                continue;
            };
            quiet[i..i + len].iter_mut().for_each(|q| *q = true);
            matched[i..i + len].iter_mut().for_each(|m| *m = true);
            let slot = if is_word { &mut word } else { &mut symbol };
            slot.get_or_insert((status, i, i + len));
            i += len;
        }
        let (status, from, to) = word.or(symbol)?;
        let opens = quiet[..from].iter().all(|&q| q);
        let closes = quiet[to..].iter().all(|&q| q);
        if !(opens || closes || anywhere) {
            return None;
        }
        let said = |i: &usize| !matched[*i] && keys[*i].chars().any(char::is_alphanumeric);
        let first = (0..keys.len()).find(said);
        let last = (0..keys.len()).rev().find(said);
        let remark = first.zip(last).map(|(a, b)| {
            text[tokens[a].start..tokens[b].end]
                .trim_matches(|c: char| c.is_whitespace() || "-–—:|()[]（）".contains(c))
                .to_string()
        });
        Some(Reading { status, remark })
    }

    /// A status word at the start of a token in a script written without spaces
    /// (`已完成复习`), longest first.
    fn cjk_prefix(&self, key: &str) -> Option<Status> {
        let first = key.chars().next()?;
        if first.is_ascii() || key.chars().count() > 24 {
            return None;
        }
        let ends: Vec<usize> = key.char_indices().map(|(i, _)| i).skip(1).collect();
        ends.into_iter()
            .rev()
            .find_map(|end| self.words.get(&key[..end]).copied())
            .filter(|_| !first.is_alphabetic() || is_unspaced_script(first))
    }
}

/// `100%` is done, `0%` to do, anything between in progress; also after a bar of
/// blocks (`[████░░] 60%`).
fn percentage(norm: &str) -> Option<Status> {
    let head = norm.strip_suffix('%')?.trim_end();
    let number = head
        .rsplit(|c: char| !(c.is_ascii_digit() || c == '.'))
        .next()?;
    let value: f64 = number.parse().ok()?;
    let before = &head[..head.len() - number.len()];
    let bar = before
        .chars()
        .all(|c| c.is_whitespace() || "[]()█▓▒░■□▰▱=#-".contains(c));
    (bar && (0.0..=100.0).contains(&value)).then_some(if value >= 100.0 {
        Status::Done
    } else if value > 0.0 {
        Status::InProgress
    } else {
        Status::Todo
    })
}

/// Phrases are at most this many words (`not started yet`).
const MAX_PHRASE: usize = 4;

/// A status cell as read: the status and the rest of the text, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The status the cell names.
    pub status: Status,
    /// Text beside the status (`practised twice`), trimmed of separators.
    pub remark: Option<String>,
}

impl Reading {
    fn plain(status: Status) -> Self {
        Reading {
            status,
            remark: None,
        }
    }
}

/// Scripts written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ac00}'..='\u{d7af}')
}

/// Byte ranges of the words of a status cell: split at whitespace and at punctuation
/// that separates a status from a remark (`,` `;` `|` and their CJK forms).
fn tokens(text: &str) -> Vec<std::ops::Range<usize>> {
    let separator = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';'
                    | '|'
                    | '·'
                    | '•'
                    | '，'
                    | '、'
                    | '。'
                    | '；'
                    | '（'
                    | '）'
                    | '：'
                    | '【'
                    | '】'
            )
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (separator(c), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The lookup key of a run of normalised words (joined by spaces): brackets around
/// the run and punctuation after it removed (`(done)`, `[IN PROGRESS]`, `Done!`).
fn phrase_key(joined: &str) -> &str {
    let mut key = joined;
    if !(key.starts_with('[') && key.ends_with(']') && key.len() <= 3) {
        key = key.trim_start_matches(['[', '(', '"', '\'', '*']);
        key = key.trim_end_matches([']', ')', '"', '\'', '*', '!', '.', ',', ';', '?']);
        if !key.starts_with(':') {
            key = key.trim_end_matches(':');
        }
    }
    key.trim()
}

/// A word names a status in letters; a symbol, shortcode or checkbox is a sign.
fn is_word(key: &str) -> bool {
    let shortcode = key.len() > 2 && key.starts_with(':') && key.ends_with(':');
    let checkbox = key.starts_with('[') && key.ends_with(']');
    !shortcode && !checkbox && key.chars().any(char::is_alphabetic)
}

/// Lowercase, emoji variation selectors removed, runs of whitespace, `_` and `-` between
/// words folded to one space, so `In-Progress`, `in_progress` and `IN PROGRESS` match.
fn normalize(text: &str) -> String {
    let trimmed = text.trim();
    // Checkboxes are read as written: `[ ]`, `[-]` and `[/]` differ only in what the
    // folding below would erase.
    if trimmed.starts_with('[') && trimmed.ends_with(']') && trimmed.chars().count() <= 3 {
        return trimmed.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut in_shortcode = false;
    for c in trimmed.chars() {
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
    fn a_word_beside_a_symbol_wins() {
        assert_eq!(classify("✅ Done"), Some(Status::Done));
        assert_eq!(classify("⏳ Planned"), Some(Status::Todo));
        assert_eq!(classify("In Progress 🚧"), Some(Status::InProgress));
        assert_eq!(classify("🔄 In Progress"), Some(Status::InProgress));
        assert_eq!(classify("❌ Not Started"), Some(Status::Todo));
    }

    #[test]
    fn a_status_then_a_remark() {
        let read = |t: &str| Vocabulary::default().read(t).map(|r| (r.status, r.remark));
        assert_eq!(
            read(":heavy_check_mark: practised twice"),
            Some((Status::Done, Some("practised twice".into())))
        );
        assert_eq!(
            read("Done, reviewed"),
            Some((Status::Done, Some("reviewed".into())))
        );
        assert_eq!(read("[IN PROGRESS]"), Some((Status::InProgress, None)));
        assert_eq!(
            read("not started yet"),
            Some((Status::Todo, Some("yet".into())))
        );
        // A sentence that merely contains a status word is not a status.
        assert_eq!(read("learn it then review next week"), None);
    }

    #[test]
    fn words_in_the_languages_learners_write() {
        for (text, status) in [
            ("已完成", Status::Done),
            ("✅ 已完成", Status::Done),
            ("进行中", Status::InProgress),
            ("未开始", Status::Todo),
            ("完了(5/02)", Status::Done),
            ("완료", Status::Done),
            ("En progreso", Status::InProgress),
            ("Concluído", Status::Done),
            ("en cours", Status::InProgress),
            ("Erledigt", Status::Done),
            ("Готово", Status::Done),
            ("В процессе", Status::InProgress),
            ("Не начато", Status::Todo),
            ("Tamamlandı", Status::Done),
            ("مكتمل", Status::Done),
            ("قيد التنفيذ", Status::InProgress),
            ("لم يبدأ", Status::Todo),
            ("पूर्ण", Status::Done),
            ("Hoàn thành", Status::Done),
            ("Selesai", Status::Done),
        ] {
            assert_eq!(classify(text), Some(status), "{text}");
        }
    }

    #[test]
    fn percentages_and_progress_bars() {
        assert_eq!(classify("100%"), Some(Status::Done));
        assert_eq!(classify("60 %"), Some(Status::InProgress));
        assert_eq!(classify("[████░░] 60%"), Some(Status::InProgress));
        assert_eq!(classify("0%"), Some(Status::Todo));
        assert_eq!(classify("150%"), None);
    }

    #[test]
    fn checkboxes_keep_their_inner_sign() {
        assert_eq!(classify("[-]"), Some(Status::Skipped));
        assert_eq!(classify("[/]"), Some(Status::InProgress));
        assert_eq!(classify("[ ]"), Some(Status::Todo));
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
