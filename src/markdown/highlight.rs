//! Code block text + language → HTML with syntect scope classes (`hl-keyword` …),
//! coloured by the theme's CSS in light and dark.
//!
//! The spans are syntect's scopes, nested as it parses them, written here rather than
//! by syntect's `ClassedHTMLGenerator` so that they carry what a theme can use and
//! nothing more: no span for the whole block (`source.python`: the `<pre>` already
//! says the language in `data-lang`) and no class for a scope's last atom when it
//! only names the language (`keyword.control.python` → `hl-keyword hl-control`).
//! Those were about a third of a highlighted block's bytes. Nor does a `meta` scope
//! get a span (`meta.function-call`, `meta.group`): grammars use them to mark out
//! larger structures for editors' commands, while the tokens inside carry the scopes
//! that colour schemes style (a scheme's `string` matches `string.quoted`, not
//! `meta.string`). Two things look different without them: a call's arguments and
//! parentheses, which the default theme's `.hl-meta.hl-function-call` painted as a
//! whole (the function's name keeps its colour by `variable.function`), and the code
//! inside string interpolations (`{name}` in an f-string), which `hl-string` on
//! `meta.string` painted as string. They were a third of the bytes that remained (33 % on the synthetic notes' Python, Rust and
//! shell, 40 % on this repository's notes). Class lists are made once per scope and
//! process, not once per token under syntect's global lock.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, LazyLock, RwLock};

use syntect::parsing::{BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::html::push_escaped;

/// Loaded on first use only: sites without code never pay for it, and `serve`
/// reuses it across rebuilds. Read-only after loading.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The class list of each scope met so far, by (scope, language's atoms): a site
/// uses a few hundred. Read by every thread; written once per new scope.
static CLASSES: LazyLock<RwLock<Classes>> = LazyLock::new(RwLock::default);

/// Class lists by (scope, the syntax's own scope).
type Classes = HashMap<(Scope, Scope), Arc<str>>;

const PREFIX: &str = "hl-";

/// `meta`, the first atom of the scopes that get no span (module doc). `None` only
/// if syntect could not name it, which leaves them their spans.
static META: LazyLock<Option<Scope>> = LazyLock::new(|| Scope::new("meta").ok());

/// Names people put after the fence (GitHub's among them) that syntect does not know,
/// and what it knows the language by. Syntect finds the others by file extension or
/// by name, ignoring case (`py`, `python`, `c#`, `cpp`).
const ALIASES: &[(&str, &str)] = &[
    ("csharp", "cs"),
    ("c-sharp", "cs"),
    ("shell", "sh"),
    ("shellscript", "sh"),
    ("golang", "go"),
    ("python3", "py"),
    ("jsx", "js"),
    ("mjs", "js"),
    ("cjs", "js"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("objc", "m"),
    ("objective-c", "m"),
    ("elisp", "el"),
    ("emacs-lisp", "el"),
    ("regex", "re"),
];

/// Highlighted inner HTML for a code block, or `None` for an unknown language.
pub fn highlight(code: &str, language: &str) -> Option<String> {
    let language = language.split([' ', ',', '{']).next()?.trim();
    if language.is_empty() {
        return None;
    }
    let set = &*SYNTAXES;
    let lower = language.to_lowercase();
    let alias = ALIASES.iter().find(|(name, _)| *name == lower);
    let syntax = set
        .find_syntax_by_token(alias.map_or(language, |(_, token)| token))
        .or_else(|| set.find_syntax_by_token(&lower))?;
    let mut state = ParseState::new(syntax);
    let mut writer = Writer {
        top: syntax.scope,
        meta: *META,
        html: String::with_capacity(code.len() * 6),
        stack: ScopeStack::new(),
        written: Vec::new(),
        open: 0,
    };
    for line in LinesWithEndings::from(code) {
        let ops = state.parse_line(line, set).ok()?;
        writer.line(line, &ops)?;
    }
    for _ in 0..writer.open {
        writer.html.push_str("</span>");
    }
    Some(writer.html)
}

/// The HTML of one block, line by line; spans stay open across lines.
struct Writer {
    /// The syntax's own scope (`source.python`): no span, and its atoms after the
    /// first name the language.
    top: Scope,
    /// `meta`: its scopes get no span.
    meta: Option<Scope>,
    html: String,
    stack: ScopeStack,
    /// For each scope on the stack, whether it has a span.
    written: Vec<bool>,
    /// Spans open at the end of the last line.
    open: usize,
}

impl Writer {
    /// As syntect's `line_tokens_to_classed_spans`, which leaves out a span that
    /// would hold no text, with this module's spans and classes.
    fn line(&mut self, line: &str, ops: &[(usize, syntect::parsing::ScopeStackOp)]) -> Option<()> {
        let (mut at, mut empty, mut span_start) = (0, false, 0);
        let Writer {
            top,
            meta,
            html,
            stack,
            written,
            open,
        } = self;
        for (i, op) in ops {
            if *i > at {
                empty = false;
                push_escaped(html, &line[at..*i]);
                at = *i;
            }
            stack
                .apply_with_hook(op, |basic, _| match basic {
                    BasicScopeStackOp::Push(scope) => {
                        // Neither the block's own scope nor a `meta` one.
                        let block = written.is_empty() && scope == *top;
                        let write = !(block || meta.is_some_and(|m| m.is_prefix_of(scope)));
                        written.push(write);
                        if write {
                            span_start = html.len();
                            empty = true;
                            html.push_str("<span class=\"");
                            html.push_str(&classes(scope, *top));
                            html.push_str("\">");
                            *open += 1;
                        }
                    }
                    BasicScopeStackOp::Pop => {
                        if written.pop() == Some(true) {
                            if empty {
                                html.truncate(span_start);
                            } else {
                                html.push_str("</span>");
                            }
                            *open -= 1;
                            empty = false;
                        }
                    }
                })
                .ok()?;
        }
        push_escaped(html, &line[at..]);
        Some(())
    }
}

/// `hl-` and each atom of `scope`, spaced, without a last atom that is one of the
/// language's (`top`'s atoms after the first).
fn classes(scope: Scope, top: Scope) -> Arc<str> {
    if let Some(found) = CLASSES
        .read()
        .ok()
        .and_then(|c| c.get(&(scope, top)).cloned())
    {
        return found;
    }
    let (name, top_name) = (scope.build_string(), top.build_string());
    let language: Vec<&str> = top_name.split('.').skip(1).collect();
    let mut atoms: Vec<&str> = name.split('.').collect();
    if atoms.len() > 1 && atoms.last().is_some_and(|last| language.contains(last)) {
        atoms.pop();
    }
    let mut list = String::new();
    for (i, atom) in atoms.iter().enumerate() {
        let space = if i == 0 { "" } else { " " };
        let _ = write!(list, "{space}{PREFIX}{atom}");
    }
    let list: Arc<str> = Arc::from(list);
    if let Ok(mut cache) = CLASSES.write() {
        cache.insert((scope, top), list.clone());
    }
    list
}

#[cfg(test)]
mod tests {
    use super::highlight;

    #[test]
    fn known_languages_get_scope_classes() {
        let html = highlight("def f(x):\n    return 1\n", "python").unwrap();
        assert!(
            html.starts_with("<span class=\"hl-storage hl-type hl-function\">def</span>"),
            "{html}"
        );
        assert!(highlight("x", "no-such-language").is_none());
        assert!(highlight("fn main() {}\n", "rust,ignore").is_some());
    }

    #[test]
    fn spans_balance_and_the_text_is_the_code_escaped() {
        for (code, language) in [
            ("fn f<T>(x: &T) -> bool { x == \"a'b\" }\n", "rust"),
            (
                "# comment\nfor f in *.txt; do\n  echo \"$f\" > out\ndone\n",
                "bash",
            ),
            ("s = '''open\nstring", "python"), // a string left open at the end
        ] {
            let html = highlight(code, language).unwrap();
            assert_eq!(
                html.matches("<span").count(),
                html.matches("</span>").count(),
                "{html}"
            );
            let mut text = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            assert_eq!(text, crate::html::escape(code), "{html}");
        }
    }

    #[test]
    fn no_class_names_the_language_and_no_span_wraps_the_block() {
        let html = highlight("x = 1 # one\n", "python").unwrap();
        assert!(
            !html.contains("hl-python") && !html.contains("hl-source"),
            "{html}"
        );
        let html = highlight("echo hi\n", "bash").unwrap();
        assert!(
            !html.contains("hl-shell") && !html.contains("hl-bash"),
            "{html}"
        );
        assert!(
            html.starts_with("<span class=\"hl-support hl-function hl-echo\">echo</span>"),
            "{html}"
        );
    }

    #[test]
    fn meta_scopes_get_no_span_and_the_tokens_inside_keep_theirs() {
        // Python puts a call in `meta.function-call` and its name in
        // `meta.qualified-name`, Rust an argument list in `meta.group`, bash a
        // command in `meta.function-call`.
        for (code, language, token) in [
            (
                "np.sum(x)\n",
                "python",
                "<span class=\"hl-variable hl-function\">sum</span>",
            ),
            (
                "xs.iter().map(|x| x * 2);\n",
                "rust",
                "<span class=\"hl-support hl-function\">map</span>",
            ),
            (
                "wc -l f\n",
                "bash",
                "<span class=\"hl-variable hl-function\">wc</span>",
            ),
        ] {
            let html = highlight(code, language).unwrap();
            assert!(!html.contains("hl-meta"), "{html}");
            assert!(html.contains(token), "{html}");
        }
    }

    #[test]
    fn the_default_theme_colours_names_tags_macros_and_diff_lines_in_light_and_dark() {
        let css = include_str!("../../themes/default/static/style.css");
        for (code, language, classes) in [
            ("np.sum(x)\n", "python", "hl-variable hl-function"),
            ("xs.iter().map(f);\n", "rust", "hl-support hl-function"),
            ("struct A;\n", "rust", "hl-entity hl-name hl-struct"),
            ("println!(\"x\");\n", "rust", "hl-support hl-macro"),
            ("<p id=a>\n", "html", "hl-entity hl-other hl-attribute-name"),
            ("a { }\n", "css", "hl-entity hl-name hl-tag"),
            ("+added\n", "diff", "hl-markup hl-inserted"),
            ("-removed\n", "diff", "hl-markup hl-deleted"),
        ] {
            let html = highlight(code, language).unwrap();
            // The classes first: more atoms may follow (`hl-attribute-name hl-id`).
            assert!(html.contains(&format!("class=\"{classes}")), "{html}");
            let selector = format!(".{}", classes.replace(' ', "."));
            let rules = css.matches(&format!("{selector} {{")).count()
                + css.matches(&format!("{selector},")).count();
            assert_eq!(rules, 2, "{selector}: a rule for light and one for dark");
        }
    }

    #[test]
    fn the_names_github_uses_reach_their_grammars() {
        for (alias, known) in super::ALIASES {
            let code = "x = 1\n";
            let (by_alias, by_token) = (highlight(code, alias), highlight(code, known));
            assert!(by_alias.is_some(), "{alias}");
            assert_eq!(by_alias, by_token, "{alias} is {known}");
        }
        // The alias wins over what syntect would otherwise find, and case does not matter.
        let cs = highlight("var s = $\"{x}\";\n", "CSharp").unwrap();
        assert!(
            cs.contains("hl-keyword") || cs.contains("hl-storage"),
            "{cs}"
        );
        assert_eq!(highlight("x\n", "no-such-language"), None);
    }
}
