//! Legends (a `| Symbol | Meaning |` table, a list under a "Legend" or "Key"
//! heading, a line `✅ Complete | 🔄 In Progress | ⏳ Planned`) → the symbols they
//! teach. A legend is never tasks; what it teaches holds in the whole file and wins
//! over the built-in meaning of a symbol (a `⏳` that the legend calls "Planned" is
//! to do). An empty symbol teaches what an empty status cell means.

use super::block::{Block, ListItem, Table};
use super::columns::header_key;
use super::marker::marker_like;
use super::status::Status;
use super::vocabulary::Vocabulary;
use super::words::{LEGEND_HEADERS, LEGEND_HEADINGS, TASK_HEADERS};

/// One symbol a legend teaches, and the words it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The symbol as written (`:x:`, `🟢`), empty for "an empty cell".
    pub symbol: String,
    /// What it means.
    pub status: Status,
    /// The legend's own words for it (`Not planned`).
    pub meaning: String,
}

/// Finds the legends among the blocks: their indices and what they teach, in order.
pub fn find(blocks: &[Block], text: &str, vocabulary: &Vocabulary) -> Vec<(usize, Vec<Entry>)> {
    let mut found = Vec::new();
    // The level of a "Legend" heading whose section we are in.
    let mut under: Option<u8> = None;
    // The block before was a label line, `Legend:` or `**Status key**`.
    let mut labelled = false;
    for (i, block) in blocks.iter().enumerate() {
        let headed = under.is_some() || std::mem::take(&mut labelled);
        let entries = match block {
            Block::Heading { level, content } => {
                if under.is_some_and(|l| *level <= l) {
                    under = None;
                }
                if is_legend_heading(&content.text()) {
                    under = Some(*level);
                }
                None
            }
            Block::Table(table) => from_table(table, vocabulary),
            Block::Other(_) => None,
            Block::List(items) => from_list(items, headed, vocabulary),
            Block::Paragraph(span) | Block::PipeParagraph(span) => {
                let line = &text[span.clone()];
                let label = line
                    .trim()
                    .trim_matches(['*', '_', ' '])
                    .trim_end_matches(':');
                labelled = line.trim().ends_with([':', '*']) && is_legend_heading(label);
                from_line(line, vocabulary)
            }
        };
        // A legend never turns a checkbox into its opposite: `[x]` stays done and
        // `[ ]` to do whatever a note under a "Legend" heading says.
        let entries = entries.map(|mut e| {
            e.retain(|entry| match entry.symbol.as_str() {
                "[x]" | "[X]" => entry.status == Status::Done,
                "[ ]" => entry.status == Status::Todo,
                _ => true,
            });
            e
        });
        if let Some(entries) = entries.filter(|e| !e.is_empty()) {
            found.push((i, entries));
        }
    }
    found
}

fn is_legend_heading(title: &str) -> bool {
    /// Words that name a legend even with more words after them ("Legend of
    /// statuses", "Legenda do status"); other legend headings must match whole.
    const LEGEND_WORDS: &[&str] = &[
        "legend",
        "legenda",
        "leyenda",
        "légende",
        "legende",
        "图例",
        "凡例",
        "범례",
        "легенда",
        "lejant",
    ];
    let key = super::columns::key_of(title);
    let first = key.split(' ').next().unwrap_or("");
    LEGEND_HEADINGS.contains(&key.as_str()) || LEGEND_WORDS.contains(&first)
}

/// A status code a headed legend defines in letters: `OK`, `TEA`, `NOK`, `WIP`.
fn is_code(token: &str) -> bool {
    let count = token.chars().count();
    (1..=6).contains(&count)
        && token
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && token.chars().any(char::is_alphabetic)
}

/// A symbol a legend can teach: an emoji or sign, a `:shortcode:`, a `[x]`-style box;
/// never a placeholder dash or a word.
fn is_symbol(token: &str) -> bool {
    let token = token.trim();
    !token.is_empty()
        && token.chars().count() <= 40
        && marker_like(token)
        && !token
            .chars()
            .all(|c| c.is_ascii_punctuation() || c.is_whitespace() || "–—".contains(c))
        || (token.starts_with('[') && token.ends_with(']') && token.chars().count() == 3)
}

/// The meaning of a legend entry as a status, when its words name one.
/// Under a legend heading the status word may stand anywhere in the description;
/// elsewhere the words must be a status and nothing more (`✅ Done`, not
/// `✅ Completed Python basics`, which is a task).
fn meaning(words: &str, headed: bool, vocabulary: &Vocabulary) -> Option<Status> {
    let words = words.trim();
    if words.is_empty() || !words.chars().any(char::is_alphabetic) {
        return None;
    }
    let reading = match headed {
        true => vocabulary.read_loosely(words),
        false => vocabulary.read(words).filter(|r| r.remark.is_none()),
    };
    reading.map(|reading| reading.status)
}

/// A legend table: headed with legend words (Symbol, Meaning…), or a small table
/// whose every row pairs a symbol with a status word. A table with a task column
/// (Task, Course, Project…) is never a legend.
fn from_table(table: &Table, vocabulary: &Vocabulary) -> Option<Vec<Entry>> {
    let keys: Vec<String> = table.head.iter().map(header_key).collect();
    let has = |words: &[&str]| {
        keys.iter()
            .any(|k| words.contains(&k.as_str()) || k.split(' ').any(|w| words.contains(&w)))
    };
    let headed = has(LEGEND_HEADERS);
    if !headed && TASK_HEADERS.iter().any(|words| has(words)) {
        return None;
    }
    if table.rows.is_empty() || table.rows.len() > 12 || (!headed && table.rows.len() < 2) {
        return None;
    }
    let mut entries = Vec::new();
    for row in &table.rows {
        let cells: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
        let symbol = cells.iter().position(|c| is_symbol(c));
        let entry = match symbol {
            Some(s) => cells
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != s)
                .find_map(|(_, c)| {
                    meaning(c, headed, vocabulary).map(|st| (cells[s].clone(), st, c))
                }),
            // An empty symbol cell in a legend: what an empty status cell means.
            None if headed && cells.first().is_some_and(|c| c.trim().is_empty()) => cells
                .iter()
                .find_map(|c| meaning(c, headed, vocabulary).map(|st| (String::new(), st, c))),
            None => None,
        };
        match entry {
            Some((symbol, status, words)) => entries.push(Entry {
                symbol,
                status,
                meaning: words.clone(),
            }),
            None if headed => {}
            None => return None,
        }
    }
    Some(entries)
}

/// A legend list: under a legend heading, items `✅ Done`, `✅ = Done`, `:x: – not
/// planned`; elsewhere only when every item (two or more) is such a pair.
fn from_list(items: &[ListItem], headed: bool, vocabulary: &Vocabulary) -> Option<Vec<Entry>> {
    if !headed && (items.len() < 2 || items.iter().any(|i| i.checkbox.is_some())) {
        return None;
    }
    let mut entries = Vec::new();
    for item in items {
        let text = item.content.text();
        // Under a legend heading, `- [x] = done` explains the checkbox itself; a
        // checkbox with a title (`- [ ] Read chapter one`) is a task, not a legend.
        let text = match item.checkbox {
            Some(_)
                if !text
                    .trim_start()
                    .starts_with(['=', ':', '-', '–', '—', '→']) =>
            {
                return None;
            }
            Some(true) => format!("[x] {text}"),
            Some(false) => format!("[ ] {text}"),
            None => text,
        };
        if let Some(entry) = pair(&text, headed, vocabulary) {
            entries.push(entry);
        } else if !headed && !explains(&text) {
            return None;
        }
    }
    if !headed {
        // Without a heading: every item pairs a sign with a status, or every item
        // says what a sign means (`- ❌ = Failed`, a meaning it cannot teach).
        let all_explain = items.iter().all(|item| explains(&item.content.text()));
        return (entries.len() == items.len() || all_explain).then_some(entries);
    }
    // Under a heading, most items must pair; a list of notes is not a legend.
    (entries.len() * 2 >= items.len()).then_some(entries)
}

/// `✅ = Done`, `🔴 → blocked`: a sign, then `=` or an arrow, then words.
fn explains(text: &str) -> bool {
    let text = text.trim();
    let Some((sign, words)) = text.split_once(['=', '→']) else {
        return false;
    };
    is_symbol(sign.trim()) && words.chars().any(char::is_alphabetic)
}

/// `✅ = Done`, `Done: ✅`, `**✅** Done` → the symbol and its meaning.
fn pair(text: &str, headed: bool, vocabulary: &Vocabulary) -> Option<Entry> {
    let text = text.trim().trim_start_matches(['-', '*', '•']).trim();
    let separators = |c: char| c.is_whitespace() || "=:-–—→/".contains(c);
    let sign = |token: &str| is_symbol(token) || (headed && is_code(token));
    // A checkbox is one symbol even with a space inside: `[ ] = not started`.
    let (first, rest) = match text.find(']').filter(|&i| text.starts_with('[') && i <= 4) {
        Some(i) => (&text[..=i], &text[i + 1..]),
        None => text.split_once(char::is_whitespace).unwrap_or((text, "")),
    };
    let (symbol, words) = if sign(first.trim_end_matches(['=', ':'])) {
        (first.trim_end_matches(['=', ':']), rest)
    } else {
        let (words, last) = text.rsplit_once(char::is_whitespace)?;
        (last, words)
    };
    if !sign(symbol) {
        return None;
    }
    let words = words.trim_matches(separators);
    let status = meaning(words, headed, vocabulary)?;
    Some(Entry {
        symbol: symbol.to_string(),
        status,
        meaning: words.to_string(),
    })
}

/// A line (or lines) of pairs: `✅ Complete | 🔄 In Progress | ⏳ Planned`, with an
/// optional `Legend:` label. Every part must pair a symbol with a status word.
fn from_line(text: &str, vocabulary: &Vocabulary) -> Option<Vec<Entry>> {
    if text.len() > 600 {
        return None;
    }
    let cleaned: String = text.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    let mut body = cleaned.trim();
    if let Some((label, rest)) = body.split_once(':')
        && (is_legend_heading(label) || label.trim().eq_ignore_ascii_case("status"))
    {
        body = rest.trim();
    }
    // Parts: split at separators, then before every symbol that follows words.
    let mut parts: Vec<String> = Vec::new();
    for chunk in body.split(['|', '·', '•', ',', ';', '\n']) {
        let mut current = String::new();
        for token in chunk.split_whitespace() {
            let starts_part = is_symbol(token) && current.chars().any(char::is_alphabetic);
            if starts_part {
                parts.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(token);
        }
        if !current.trim().is_empty() {
            parts.push(current);
        }
    }
    if parts.len() < 2 {
        return None;
    }
    parts
        .iter()
        .map(|part| pair(part, false, vocabulary))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::block::blocks;

    fn learned(markdown: &str) -> Vec<(String, Status)> {
        let blocks = blocks(markdown);
        find(&blocks, markdown, &Vocabulary::default())
            .into_iter()
            .flat_map(|(_, entries)| entries)
            .map(|e| (e.symbol, e.status))
            .collect()
    }

    fn pairs(list: &[(&str, Status)]) -> Vec<(String, Status)> {
        list.iter().map(|(s, st)| (s.to_string(), *st)).collect()
    }

    #[test]
    fn a_symbol_meaning_table_with_long_shortcodes_and_an_empty_symbol() {
        let md = "| Symbol | Meaning |\n|-|-|\n| :heavy_check_mark: | Done |\n| :x: | Not planned |\n| :pencil2: | In progress |\n| | Planned |\n";
        assert_eq!(
            learned(md),
            pairs(&[
                (":heavy_check_mark:", Status::Done),
                (":x:", Status::Skipped),
                (":pencil2:", Status::InProgress),
                ("", Status::Todo),
            ])
        );
    }

    #[test]
    fn a_task_table_with_placeholder_cells_is_not_a_legend() {
        let md = "| Course | Link | Status |\n|-|-|-|\n| Rust | - | Done |\n| Go | --- | Done |\n";
        assert!(learned(md).is_empty());
        let md = "| Item | Status |\n|-|-|\n| - | Done |\n| - | Done |\n";
        assert!(learned(md).is_empty());
    }

    #[test]
    fn a_bullet_list_under_a_legend_heading() {
        let md = "## Status key\n\n- 🟢 - finished\n- 🟡 = working on it\n- ⚪ not started\n";
        assert_eq!(
            learned(md),
            pairs(&[
                ("🟢", Status::Done),
                ("🟡", Status::InProgress),
                ("⚪", Status::Todo)
            ])
        );
    }

    #[test]
    fn checkboxes_explained_under_a_legend_heading_are_not_tasks() {
        let md =
            "## Legend\n\n- [x] = Problem solved\n- [ ] = Not started\n- ✅ = Category complete\n";
        assert_eq!(
            learned(md),
            pairs(&[
                ("[x]", Status::Done),
                ("[ ]", Status::Todo),
                ("✅", Status::Done)
            ])
        );
    }

    #[test]
    fn a_one_line_legend_with_a_label() {
        let md = "**Legend:** ✅ Complete | 🔄 In Progress | ⏳ Planned\n";
        assert_eq!(
            learned(md),
            pairs(&[
                ("✅", Status::Done),
                ("🔄", Status::InProgress),
                ("⏳", Status::Todo)
            ])
        );
    }

    #[test]
    fn prose_and_task_lists_are_not_legends() {
        assert!(learned("I learn every day, slowly.\n").is_empty());
        assert!(learned("- ✅ Learn Git\n- 🚧 Learn Docker\n").is_empty());
        // A status word opening a task's title does not make the list a legend.
        let progress = "## Progress\n- ✅ Completed Python basics\n- 🔄 In progress: Django\n- ⏳ Planned deployment\n";
        assert!(learned(progress).is_empty());
        // Headings that only sound like a legend, and checkboxes with titles.
        assert!(
            learned("## Symbols and operators\n- [x] Complete the operator exercises\n").is_empty()
        );
        assert!(learned("## 说明\n- [ ] 完成第一章练习\n").is_empty());
        assert!(learned("## Legend\n- [ ] Finish chapter one\n").is_empty());
        // A legend cannot make `[ ]` mean done.
        assert!(
            learned("## Legend\n- [ ] = completed\n- ✅ = done\n")
                .iter()
                .all(|(s, _)| s != "[ ]")
        );
    }
}
