//! A table's header and cells → which column is the status, which titles the tasks
//! and which groups them, ranked by header words *and* by what the cells hold.
//!
//! Precedence: a column named in `roadmap.toml` (`[reader.columns]`) wins; then the
//! status column by header word, else by content (cells almost all statuses); then
//! the title column with the best score, where the header word counts (Task, then
//! Summary, then Course, then Topic, then an unknown word, then a group word) and the
//! cells adjust it (prose up; dates, numbers, day ranges, bare URLs and the same text
//! in every row down). A group
//! column must group: a column whose cells are all different and never blank is an
//! attribute, not a group.

use super::block::Table;
use super::cells::{content_score, is_date, is_number_like};
use super::reader::Reader;
use super::segment::Segment;
use super::words::{
    EITHER_HEADERS, GROUP_HEADERS, METRIC_HEADERS, NOT_TITLE_HEADERS, PROGRESS_HEADERS,
    STATUS_HEADERS, TASK_HEADERS, WEAK_STATUS_HEADERS,
};

/// Which column plays which part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The group column, if the table has one.
    pub group: Option<usize>,
    /// The column that titles tasks.
    pub task: usize,
    /// The status column.
    pub status: usize,
    /// More columns of checkboxes beside the status column: a row is done when all
    /// its boxes are ticked, in progress when some are.
    pub boxes: Vec<usize>,
    /// Other columns in title order, for rows whose title cell is empty.
    pub fallbacks: Vec<usize>,
}

/// Column names set in `roadmap.toml` for every table that has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnNames {
    /// Header texts that name the title column.
    pub title: Vec<String>,
    /// Header texts that name the status column.
    pub status: Vec<String>,
    /// Header texts that name the group column.
    pub group: Vec<String>,
}

impl ColumnNames {
    /// No column named.
    pub fn is_empty(&self) -> bool {
        self.title.is_empty() && self.status.is_empty() && self.group.is_empty()
    }

    /// Every name with the key it is set under, for "matches no header".
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &String)> {
        self.title
            .iter()
            .map(|n| ("title", n))
            .chain(self.status.iter().map(|n| ("status", n)))
            .chain(self.group.iter().map(|n| ("group", n)))
    }
}

/// A header's words: lowercase letters and digits only, so `**📚 Task**` is `task`.
pub fn header_key(cell: &Segment) -> String {
    key_of(&cell.text())
}

pub fn key_of(text: &str) -> String {
    let cleaned: String = text
        .to_lowercase()
        .chars()
        .map(|c| if is_word_char(c) { c } else { ' ' })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Letters, digits and the combining marks that scripts such as Devanagari write
/// words with (`स्थिति`); not emoji, their variation selectors or joiners.
pub fn is_word_char(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    c.is_alphanumeric()
        || (!c.is_ascii()
            && c.width() == Some(0)
            && !matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{200b}'..='\u{200f}' | '\u{2060}'))
}

/// 2 when the header is one of `words`, 1 when one of its words is, else 0.
fn score(key: &str, words: &[&str]) -> u8 {
    if words.contains(&key) {
        2
    } else if key.split(' ').any(|w| words.contains(&w)) {
        1
    } else {
        0
    }
}

fn best(keys: &[String], words: &[&str], taken: &[usize]) -> Option<usize> {
    (0..keys.len())
        .filter(|i| !taken.contains(i))
        .map(|i| (score(&keys[i], words), i))
        .filter(|&(s, _)| s > 0)
        .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)))
        .map(|(_, i)| i)
}

fn named(keys: &[String], names: &[String]) -> Option<usize> {
    names
        .iter()
        .find_map(|name| keys.iter().position(|k| *k == key_of(name)))
}

/// Rows read to judge what a column holds.
const SAMPLE: usize = 64;

/// Finds the columns; `None` when the table has no status column.
pub fn find(table: &Table, reader: &Reader, names: &ColumnNames) -> Option<Columns> {
    let keys: Vec<String> = table.head.iter().map(header_key).collect();
    let metrics = keys.iter().any(|k| score(k, METRIC_HEADERS) == 2);
    // A table of metrics with a column measured in percent or a bar (`| Metric |
    // Target | Progress | Status |` over `40%`) is not tasks; one of things to tick is.
    let percent_column = || {
        (0..keys.len()).any(|col| {
            let percent = table.rows.iter().filter(|row| {
                row.cells
                    .get(col)
                    .is_some_and(|c| c.text().trim_end().ends_with('%'))
            });
            percent.count() * 2 >= table.rows.len().max(1)
        })
    };
    if metrics && percent_column() {
        return None;
    }
    let header = named(&keys, &names.status)
        .or_else(|| best(&keys, STATUS_HEADERS, &[]))
        .or_else(|| best(&keys, PROGRESS_HEADERS, &[]))
        .or_else(|| best(&keys, WEAK_STATUS_HEADERS, &[]));
    let (status, boxes) = match header {
        Some(status) => (status, Vec::new()),
        None => status_by_content(table, reader)?,
    };
    // Each column's plain texts, made when first needed and from the first rows only:
    // what the cells hold shows in a sample, and a table whose header says `Task`
    // needs only its group candidates read.
    let texts: Vec<std::cell::OnceCell<Vec<String>>> = (0..keys.len())
        .map(|_| std::cell::OnceCell::new())
        .collect();
    let cells = |col: usize| -> &[String] {
        texts[col].get_or_init(|| {
            table
                .rows
                .iter()
                .take(SAMPLE)
                .map(|row| row.cells.get(col).map(Segment::text).unwrap_or_default())
                .collect()
        })
    };
    let candidates = (0..keys.len()).filter(|&i| i != status && !boxes.contains(&i));
    // `Task` itself over words settles the title (an `Item` column of numbers does
    // not): then no other column's content needs reading.
    let sure = candidates
        .clone()
        .find(|&i| score(&keys[i], TASK_HEADERS[0]) == 2)
        .filter(|&i| {
            // Words in most of the first rows (a cheap look, not the full score).
            let rows = table.rows.len().min(8);
            let worded = table.rows[..rows]
                .iter()
                .filter_map(|row| row.cells.get(i))
                .filter(|cell| cell.text().chars().filter(|c| c.is_alphabetic()).count() >= 3)
                .count();
            worded * 2 >= rows
        });
    let mut ranked: Vec<(i32, usize)> = candidates
        .map(|i| match sure {
            Some(_) => (title_score(&keys[i]), i),
            None => {
                // A group word over cells that do not group (`Week` naming each row)
                // is the rows' own name: a title as good as an unknown word.
                let naming = score(&keys[i], GROUP_HEADERS) > 0 && !groups(cells(i));
                let header = if naming { 35 } else { title_score(&keys[i]) };
                (header + content_score(cells(i)), i)
            }
        })
        .collect();
    ranked.sort_by_key(|&(score, i)| (std::cmp::Reverse(score), i));
    let task = named(&keys, &names.title)
        .filter(|&t| t != status)
        .or(sure)
        .or_else(|| ranked.first().map(|&(_, i)| i))?;
    let group = named(&keys, &names.group)
        .filter(|&g| g != status && g != task)
        .or_else(|| group_column(&keys, task, status, &cells));
    let fallbacks = ranked
        .iter()
        .map(|&(_, i)| i)
        .filter(|&i| i != task && Some(i) != group)
        .collect();
    Some(Columns {
        group,
        task,
        status,
        boxes,
        fallbacks,
    })
}

/// How well a header names a title: task words first, unknown words in the middle,
/// group words low, dates and links never.
fn title_score(key: &str) -> i32 {
    let tiers = TASK_HEADERS
        .iter()
        .zip([60, 50, 40])
        .map(|(words, points)| match score(key, words) {
            2 => points,
            1 => points - 25,
            _ => 0,
        });
    let either = match score(key, EITHER_HEADERS) {
        2 => 45,
        1 => 20,
        _ => 0,
    };
    let best = tiers.chain([either]).max().unwrap_or(0);
    let statusy = [STATUS_HEADERS, PROGRESS_HEADERS]
        .iter()
        .any(|w| score(key, w) == 2);
    if best > 0 {
        best
    } else if score(key, NOT_TITLE_HEADERS) == 2 || statusy {
        -60
    } else if score(key, GROUP_HEADERS) > 0 {
        10
    } else {
        20
    }
}

/// The group column: a column named for groups (or a Topic, or a weaker task word)
/// whose cells do group rows.
fn group_column<'c>(
    keys: &[String],
    task: usize,
    status: usize,
    cells: &dyn Fn(usize) -> &'c [String],
) -> Option<usize> {
    let task_tier = TASK_HEADERS
        .iter()
        .position(|words| score(&keys[task], words) > 0);
    let candidates = (0..keys.len()).filter(|&i| i != task && i != status);
    let mut ranked: Vec<(u8, usize)> = candidates
        .filter_map(|i| {
            let weaker_task = TASK_HEADERS
                .iter()
                .position(|words| score(&keys[i], words) > 0)
                .is_some_and(|tier| task_tier.is_none_or(|t| tier > t));
            let rank = match () {
                _ if score(&keys[i], GROUP_HEADERS) > 0 => 3,
                _ if score(&keys[i], EITHER_HEADERS) > 0 => 2,
                _ if weaker_task => 1,
                _ => return None,
            };
            Some((rank, i))
        })
        .collect();
    ranked.sort_by_key(|&(rank, i)| (std::cmp::Reverse(rank), i));
    // Counts and dates (`5 problems`, `2024-03-01`) measure rows; they never group them.
    let measures = |cells: &[String]| {
        let filled = cells.iter().filter(|c| !c.trim().is_empty());
        let numbers = filled
            .clone()
            .filter(|c| is_number_like(c) || is_date(c))
            .count();
        numbers * 2 > filled.count()
    };
    ranked.into_iter().map(|(_, i)| i).find(|&i| {
        // A group word or blank-continued cells group whatever the cells hold
        // (`Week 1`, then blanks); otherwise counts and dates only measure.
        let named = score(&keys[i], GROUP_HEADERS) > 0;
        let continued = cells(i).iter().any(|c| c.trim().is_empty());
        groups(cells(i)) && (named || continued || !measures(cells(i)))
    })
}

/// Cells that group rows: some blank (continuing the group above) or repeated. All
/// different, they name their rows instead (`Day 5`, `Day 6`), except a lone row of
/// words, which is given the benefit of the doubt.
fn groups(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    match filled.as_slice() {
        [] => false,
        _ if filled.len() < cells.len() => true,
        [one] => !is_number_like(one),
        _ => {
            let mut seen = std::collections::HashSet::new();
            !filled.iter().all(|c| seen.insert(*c))
        }
    }
}

/// With no status header, the one column whose cells are (almost) all statuses with
/// nothing else beside them. Two or more such columns make a matrix (skill levels,
/// platforms × features), not a list of tasks, unless every one of them is a column
/// of checkboxes (`| Topic | Read | Understood |` over `[x]`/`[ ]`): then each row is
/// a task, done when all its boxes are. Returns the first and the others.
fn status_by_content(table: &Table, reader: &Reader) -> Option<(usize, Vec<usize>)> {
    let mut boxes_only = true;
    let found: Vec<usize> = (0..table.head.len())
        .filter(|&col| {
            let cells: Vec<String> = table
                .rows
                .iter()
                .filter_map(|row| row.cells.get(col))
                .map(Segment::text)
                .filter(|text| !text.is_empty())
                .collect();
            let known = cells.iter().filter(|t| is_bare_status(reader, t)).count();
            // A status column is filled in (mostly); a notes column is not.
            let status = cells.len() * 2 >= table.rows.len() && known * 5 >= cells.len() * 4;
            if status {
                boxes_only &= cells.iter().all(|c| is_checkbox(c));
            }
            status
        })
        .collect();
    match found.as_slice() {
        [one] => Some((*one, Vec::new())),
        [first, rest @ ..] if boxes_only => Some((*first, rest.to_vec())),
        _ => None,
    }
}

/// `[x]`, `[ ]`, `☑`, `☐`: a box to tick.
fn is_checkbox(text: &str) -> bool {
    let text = text.trim();
    matches!(text, "☑" | "☐" | "☑️" | "[]")
        || (text.starts_with('[') && text.ends_with(']') && text.chars().count() == 3)
}

/// A cell that is a status and at most a short remark (`✅ 2024-03-01`, `done twice`).
pub fn is_bare_status(reader: &Reader, text: &str) -> bool {
    reader.vocabulary.read(text).is_some_and(|r| {
        r.remark
            .is_none_or(|remark| remark.split_whitespace().count() <= 2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::block::{Block, blocks};
    use crate::roadmap::vocabulary::Vocabulary;
    use crate::source::SourceFile;

    /// (title, status, group) columns of the first table.
    fn columns(markdown: &str) -> Option<(usize, usize, Option<usize>)> {
        let src = SourceFile::new("t.md", markdown);
        let vocabulary = Vocabulary::default();
        let mut diagnostics = Vec::new();
        let reader = Reader::new(&src, &vocabulary, &mut diagnostics);
        let Some(Block::Table(table)) = blocks(&src.text).into_iter().next() else {
            panic!("no table in {markdown}");
        };
        find(&table, &reader, &ColumnNames::default()).map(|c| (c.task, c.status, c.group))
    }

    #[test]
    fn columns_by_header_in_any_order_case_and_markup() {
        let c = columns("| **Status** | Tasks | Stream |\n|-|-|-|\n| ✅ | a | s |\n");
        assert_eq!(c, Some((1, 0, Some(2))));
        let c = columns("| 📚 Category | 📝 TASK | Progress |\n|-|-|-|\n| s | a | ✅ |\n");
        assert_eq!(c, Some((1, 2, Some(0))));
    }

    #[test]
    fn topic_is_the_task_unless_a_task_column_exists() {
        assert_eq!(
            columns("| Topic | Status |\n|-|-|\n| a | ✅ |\n"),
            Some((0, 1, None))
        );
        let c = columns("| Topic | Item | Done |\n|-|-|-|\n| t | a | ✅ |\n");
        assert_eq!(c, Some((1, 2, Some(0))));
    }

    #[test]
    fn status_column_found_by_content_when_header_says_nothing() {
        let c = columns("| Week | What | ? |\n|-|-|-|\n| 1 | a | ✅ |\n| 2 | b | ❌ |\n");
        assert_eq!(c.map(|c| (c.0, c.1)), Some((1, 2)));
    }

    #[test]
    fn a_table_without_status_is_not_a_task_table() {
        assert_eq!(columns("| Book | Link |\n|-|-|\n| a | b |\n"), None);
    }

    #[test]
    fn status_beats_a_weaker_status_word_like_check() {
        let c = columns("| Area | Check | Status |\n|-|-|-|\n| a | Alt text | ✅ |\n");
        assert_eq!(c.map(|c| (c.0, c.1)), Some((1, 2)));
    }

    #[test]
    fn the_title_is_the_prose_column_never_a_date_or_day_range() {
        let rows = "| 1 | 2024-03-01 | Set up the toolchain | ✅ |\n| 2 | 2024-03-02 | Read chapter one | ✅ |\n| 3 | 2024-03-03 | Write a parser | 🚧 |\n";
        let c = columns(&format!(
            "| Day | Date | Summary | Status |\n|-|-|-|-|\n{rows}"
        ));
        assert_eq!(c, Some((2, 3, None)), "Summary titles, Day does not group");
        let c = columns(&format!(
            "| Day | Date | Notes | Status |\n|-|-|-|-|\n{rows}"
        ));
        assert_ne!(c.map(|c| c.0), Some(1), "never the date");
        let rows = "| Basics | Days 1–7 | Syntax and types | ✅ |\n| Web | Days 8–14 | Routing | 🚧 |\n| Data | Days 15–21 | SQL | ❌ |\n";
        let c = columns(&format!(
            "| Phase | Days | Focus | Status |\n|-|-|-|-|\n{rows}"
        ));
        assert_eq!(c.map(|c| c.0), Some(2));
        let rows = "| 1 | Ownership | moves, borrows | ✅ |\n| 2 | Traits | bounds | ❌ |\n| 3 | Async | futures | ❌ |\n";
        let c = columns(&format!(
            "| Day | Topic | Key Concepts | Status |\n|-|-|-|-|\n{rows}"
        ));
        assert_eq!(c.map(|c| c.0), Some(1));
    }

    #[test]
    fn columns_named_in_roadmap_toml_win() {
        let src = SourceFile::new("t.md", "| A | B | C |\n|-|-|-|\n| x | y | z |\n");
        let vocabulary = Vocabulary::default();
        let mut diagnostics = Vec::new();
        let reader = Reader::new(&src, &vocabulary, &mut diagnostics);
        let Some(Block::Table(table)) = blocks(&src.text).into_iter().next() else {
            panic!()
        };
        let names = ColumnNames {
            title: vec!["b".into()],
            status: vec!["C".into()],
            group: vec!["A".into()],
        };
        let c = find(&table, &reader, &names).unwrap();
        assert_eq!((c.task, c.status, c.group), (1, 2, Some(0)));
    }

    #[test]
    fn a_column_of_distinct_values_does_not_group() {
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(!groups(&cells(&["Day 1", "Day 2", "Day 3"])));
        assert!(groups(&cells(&["Web", "", "Web"])));
        assert!(groups(&cells(&["Web", "Web", "Data"])));
        assert!(!groups(&cells(&["Web", "Data"])));
        assert!(!groups(&cells(&["5", "6"])));
        assert!(groups(&cells(&["Web"])));
        assert!(!groups(&cells(&["5"])));
    }
}
