//! A translation's pattern and its values → text: `{name}` placeholders filled, and
//! `YYYY-MM-DD` days written with the language's month names.

/// `pattern` with each `{name}` of `args` replaced by its value, in one pass (a value
/// holding `{n}` is not filled again). Braces around anything else stay as written.
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = args.iter().find(|(key, _)| *key == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a pattern uses, sorted and without repeats (for the tests that
/// hold every language to English's).
#[cfg(test)]
pub fn placeholders(pattern: &str) -> Vec<&str> {
    let mut names: Vec<&str> = pattern
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// `2026-12-03` through `pattern` (`{day} {month} {year}`, `{month_number}`):
/// numbers without leading zeros, the month by name. Text that names no day of the
/// calendar comes back as it is.
pub fn date(iso: &str, pattern: &str, months: &[String]) -> String {
    if crate::date::parse(iso).is_none() {
        return iso.to_string();
    }
    // parse() accepted it: three numbers between dashes, month 1 to 12.
    let mut parts = iso.split('-').map(|p| p.trim_start_matches(['0', '+']));
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let number: usize = month.parse().unwrap_or(0);
    let Some(name) = number.checked_sub(1).and_then(|i| months.get(i)) else {
        return iso.to_string();
    };
    fill(
        pattern,
        &[
            ("day", day),
            ("month", name),
            ("month_number", month),
            ("year", year),
        ],
    )
}
