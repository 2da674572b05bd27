//! Code block text + language → HTML with syntect scope classes (`hl-keyword` …),
//! coloured by the theme's CSS in light and dark.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, LazyLock, Mutex};

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Loaded on first use only: sites without code never pay for it, and `serve`
/// reuses it across rebuilds. Read-only after loading.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Code blocks already highlighted, by language and text. Highlighting is most of a
/// build's time, so `serve` keeps one cache across rebuilds and a rebuild highlights
/// only the blocks that changed. Clones share the cache; highlighting is a pure
/// function of its inputs, so a cached result is always the one it would compute.
#[derive(Clone, Default)]
pub struct CodeCache(Arc<Mutex<Blocks>>);

/// (language, code) → highlighted HTML, `None` for an unknown language.
type Blocks = HashMap<(String, String), Option<String>>;

/// Entries kept at most; past that the cache starts over (it only saves time).
const MAX_CACHED: usize = 4096;

impl CodeCache {
    /// [`highlight`], through the cache.
    pub fn highlight(&self, code: &str, language: &str) -> Option<String> {
        let key = (language.to_string(), code.to_string());
        let lock = || self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(html) = lock().get(&key) {
            return html.clone();
        }
        let html = highlight(code, language);
        let mut cache = lock();
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(key, html.clone());
        html
    }
}

impl fmt::Debug for CodeCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let len = self.0.lock().map_or(0, |c| c.len());
        write!(f, "CodeCache({len} blocks)")
    }
}

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

    #[test]
    fn the_cache_gives_what_highlighting_gives_and_is_shared_by_clones() {
        let cache = super::CodeCache::default();
        let shared = cache.clone();
        let direct = super::highlight("x = 1\n", "python");
        assert_eq!(cache.highlight("x = 1\n", "python"), direct);
        assert_eq!(shared.highlight("x = 1\n", "python"), direct);
        assert_eq!(cache.highlight("x", "no-such-language"), None);
        assert_eq!(format!("{shared:?}"), "CodeCache(2 blocks)");
    }
}
