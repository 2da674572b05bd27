//! Code block text + language → HTML with syntect scope classes (`hl-keyword` …),
//! coloured by the theme's CSS in light and dark.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Loaded on first use only: sites without code never pay for it, and `serve`
/// reuses it across rebuilds. Read-only after loading.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Highlighted inner HTML for a code block, or `None` for an unknown language.
pub fn highlight(code: &str, language: &str) -> Option<String> {
    let language = language.split([' ', ',', '{']).next()?.trim();
    if language.is_empty() {
        return None;
    }
    let set = &*SYNTAXES;
    let syntax = set
        .find_syntax_by_token(language)
        .or_else(|| set.find_syntax_by_token(&language.to_lowercase()))?;
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, style);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_languages_get_scope_classes() {
        let html = super::highlight("def f(x):\n    return 1\n", "python").unwrap();
        assert!(
            html.contains("<span class=\"hl-storage hl-type hl-function hl-python\">def</span>"),
            "{html}"
        );
        assert!(super::highlight("x", "no-such-language").is_none());
        assert!(super::highlight("fn main() {}\n", "rust,ignore").is_some());
    }
}
