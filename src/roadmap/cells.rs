//! A table cell's plain text → what it holds: a date, a count or range, prose; and
//! how well a column of such cells would title tasks.

/// What the cells say about being a title: prose up; dates, numbers, ranges, links
/// and blanks down. Scaled to the share of rows.
pub fn content_score(cells: &[String]) -> i32 {
    if cells.is_empty() {
        return 0;
    }
    let (mut blank, mut date, mut number, mut link, mut prose) = (0, 0, 0, 0, 0);
    for cell in cells {
        let cell = cell.trim();
        let letters = cell.chars().filter(|c| c.is_alphabetic()).count();
        match () {
            _ if cell.is_empty() => blank += 1,
            _ if cell.starts_with("http") => link += 1,
            // Dates and counts have digits: most titles are decided without a look.
            _ if cell.bytes().any(|b| b.is_ascii_digit()) && is_date(cell) => date += 1,
            _ if cell.bytes().any(|b| b.is_ascii_digit()) && is_number_like(cell) => number += 1,
            _ if letters >= 3 => prose += 1,
            _ => {}
        }
    }
    // Titles differ from row to row; a column saying `Recap` in every row does not.
    let mut filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let count = filled.len();
    filled.sort_unstable();
    filled.dedup();
    let repeated = if count >= 3 && filled.len() * 2 <= count {
        40
    } else {
        0
    };
    let score = prose * 15 - date * 70 - number * 45 - link * 30 - blank * 25;
    score / cells.len() as i32 - repeated
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// `2024-03-01`, `03/01`, `1 Mar 2024`, `Mar 1`, `3月1日`: digits in two or more
/// groups, with only month names and date separators between them.
pub fn is_date(text: &str) -> bool {
    // More letters than the longest month name: words, not a date (and no allocation).
    if text.chars().filter(|c| c.is_alphabetic()).count() > 9 {
        return false;
    }
    let lower = text.trim().to_lowercase().replace(['年', '月', '日'], "-");
    if lower.contains(" - ") {
        return false; // a range, `1 - 7`
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || ",-/.".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let months = words.iter().filter(|w| MONTHS.contains(w)).count();
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    months + numbers == words.len() && (numbers >= 2 || (months >= 1 && numbers >= 1))
}

/// `3`, `#3`, `Day 3`, `1-7`, `Days 1–7`, `2 weeks`, `10h`: a count or range.
pub fn is_number_like(text: &str) -> bool {
    if text.chars().filter(|c| c.is_alphabetic()).count() > 12 {
        return false; // more letters than any count's units
    }
    const UNITS: &[&str] = &[
        "day", "days", "week", "weeks", "w", "d", "h", "hr", "hrs", "hour", "hours", "min",
        "month", "months", "no", "to", "第", "天", "周", "日", "週", "주",
    ];
    let lower = text.trim().to_lowercase();
    let mut digits = false;
    for word in lower.split(|c: char| c.is_whitespace() || "-–—~#.,:+/()".contains(c)) {
        let letters = word.trim_start_matches(|c: char| c.is_ascii_digit());
        let leading = word.len() - letters.len();
        digits |= leading > 0;
        if !letters.is_empty() && !UNITS.contains(&letters) {
            return false;
        }
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_shapes_people_write_them() {
        for date in [
            "2024-03-01",
            "03/01",
            "1 Mar 2024",
            "Mar 1",
            "2024.3.1",
            "3月1日",
        ] {
            assert!(is_date(date), "{date}");
        }
        for not in ["Day 3", "Arrays", "1", "Rust 2024"] {
            assert!(!is_date(not), "{not}");
        }
    }

    #[test]
    fn counts_and_ranges_are_numbers() {
        for number in ["3", "#3", "Day 3", "1-7", "Days 1–7", "2 weeks", "10h"] {
            assert!(is_number_like(number), "{number}");
        }
        for not in ["Arrays", "Rust 2024 edition", "C++ 17 features"] {
            assert!(!is_number_like(not), "{not}");
        }
    }
}
