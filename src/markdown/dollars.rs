//! Dollar signs that look like a formula but were not read as one: pulldown-cmark takes
//! `$…$` as math only when its braces balance and no space touches the inner side of
//! a dollar sign; otherwise the text is shown as written, and without a warning the
//! writer never learns why their formula is raw.

use std::ops::Range;

/// A `$…$` or `$$…$$` in plain text that holds LaTeX: where it is, why it was not read
/// as a formula, and how to fix it.
#[derive(Debug, PartialEq, Eq)]
pub struct Unread {
    /// Byte range in the text given, dollar signs included.
    pub span: Range<usize>,
    /// What is wrong.
    pub reason: &'static str,
    /// How to fix it.
    pub hint: &'static str,
}

/// The formulas of a run of plain text (text that the Markdown parser did not take as
/// math). Dollar amounts (`$5 and $10`) hold no LaTeX command or brace and are left
/// alone.
pub fn unread(text: &str) -> Vec<Unread> {
    let bytes = text.as_bytes();
    let dollars: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'$' && (i == 0 || bytes[i - 1] != b'\\'))
        .collect();
    let mut found = Vec::new();
    let mut k = 0;
    while k < dollars.len() {
        let open = dollars[k];
        // `$$` opens display math, closed by the next `$$`; `$` by the next `$`.
        let display = dollars.get(k + 1) == Some(&(open + 1));
        let width = if display { 2 } else { 1 };
        let close = (k + width..dollars.len())
            .find(|&j| !display || dollars.get(j + 1) == Some(&(dollars[j] + 1)));
        let Some(close) = close else { break };
        let inner = &text[open + width..dollars[close]];
        if let Some((reason, hint)) = why_unread(inner) {
            found.push(Unread {
                span: open..dollars[close] + width,
                reason,
                hint,
            });
        }
        k = close + width;
    }
    found
}

/// Why LaTeX between dollar signs was not read, or `None` when it is no formula.
fn why_unread(inner: &str) -> Option<(&'static str, &'static str)> {
    let command = inner
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && w[1].is_ascii_alphabetic());
    let mut depth = 0i64;
    let mut balanced = true;
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                balanced &= depth >= 0;
            }
            _ => {}
        }
    }
    balanced &= depth == 0;
    if !balanced && (command || inner.contains(['{', '}'])) {
        return Some((
            "its braces do not balance",
            "close every `{` with a `}` (a literal brace is `\\{` or `\\}`); until then it is shown as written",
        ));
    }
    let spaced = inner.starts_with(char::is_whitespace) || inner.ends_with(char::is_whitespace);
    if command && spaced {
        return Some((
            "a space touches a dollar sign on the inside",
            "write the formula right against its dollar signs, as `$\\alpha$`; until then it is shown as written",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(&str, &str)> {
        unread(text)
            .into_iter()
            .map(|u| (&text[u.span], u.reason))
            .collect()
    }

    #[test]
    fn unbalanced_braces_and_inner_spaces_are_found_with_their_reason() {
        assert_eq!(
            spans(r"A $\frac{1}{$ b, $$\sqrt{x$$ and $ \alpha $."),
            [
                (r"$\frac{1}{$", "its braces do not balance"),
                (r"$$\sqrt{x$$", "its braces do not balance"),
                (r"$ \alpha $", "a space touches a dollar sign on the inside"),
            ]
        );
    }

    #[test]
    fn dollar_amounts_and_escaped_dollars_are_not_formulas() {
        assert!(spans("It costs $5 and $10, or $ 3 $.").is_empty());
        assert!(spans(r"Escaped \$\frac{\$ is text.").is_empty());
        assert!(spans("A lone $ sign").is_empty());
    }
}
