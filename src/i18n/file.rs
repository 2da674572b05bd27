//! One `i18n/<lang>.toml` (built in, or from the user's theme) → a [`Layer`]: its
//! `[language]` settings and its `[strings]`, each a text or a table of plural forms.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::theme::{DEFAULT_FILES, Theme};

/// The CLDR plural categories a plural table may have.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A string of a language file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Text {
    /// `key = "text"`.
    Plain(String),
    /// `key = { one = "{n} task", other = "{n} tasks" }`: CLDR category → text.
    Plural(BTreeMap<String, String>),
}

/// One language file, read.
pub struct Layer {
    /// The file's text (for the fingerprint).
    pub text: String,
    /// `[language]`: `name`, `direction`, `date`, `months`, `decimal`, `percent`.
    pub meta: toml::Table,
    /// `[strings]`.
    pub strings: BTreeMap<String, Text>,
}

/// The codes of the built-in languages, sorted.
pub fn builtin_languages() -> Vec<&'static str> {
    DEFAULT_FILES
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("i18n/")?.strip_suffix(".toml"))
        .collect()
}

/// The built-in file of a language, if there is one. The built-in files are checked
/// by tests: one that did not read would be an empty layer, never a panic.
pub fn builtin_layer(code: &str) -> Option<Layer> {
    let path = format!("i18n/{code}.toml");
    let (_, bytes) = DEFAULT_FILES.iter().find(|(p, _)| *p == path)?;
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let source = SourceFile::new(format!("themes/default/{path}"), text);
    Some(read(&source, &mut Vec::new()))
}

/// The user's theme's file of a language, if there is one; its problems into
/// `problems` (a file that is not TOML is an error).
pub fn theme_layer(theme: &Theme, code: &str, problems: &mut Vec<Diagnostic>) -> Option<Layer> {
    let source = theme.i18n.get(code)?;
    Some(read(source, problems))
}

/// Reads a language file; what cannot be used is reported and left out.
pub fn read(source: &SourceFile, problems: &mut Vec<Diagnostic>) -> Layer {
    let mut layer = Layer {
        text: source.text.clone(),
        meta: toml::Table::new(),
        strings: BTreeMap::new(),
    };
    let mut table: toml::Table = match toml::from_str(&source.text) {
        Ok(table) => table,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let message = format!("translation file: {}", error.message().trim());
            problems.push(Diagnostic::at(Severity::Error, source, span, message));
            return layer;
        }
    };
    let warn = |problems: &mut Vec<Diagnostic>, message: String| {
        let hint = "see the English file, themes/default/i18n/en.toml, for the form of each key";
        problems.push(Diagnostic::file(Severity::Warning, source.path(), message).with_hint(hint));
    };
    if let Some(toml::Value::Table(meta)) = table.remove("language") {
        layer.meta = meta;
    }
    let strings = match table.remove("strings") {
        Some(toml::Value::Table(strings)) => strings,
        _ => toml::Table::new(),
    };
    for key in table.keys() {
        warn(
            problems,
            format!("unknown section `{key}`: the sections are `language` and `strings`"),
        );
    }
    for (key, value) in strings {
        match value {
            toml::Value::String(text) => {
                layer.strings.insert(key, Text::Plain(text));
            }
            toml::Value::Table(forms) => {
                let mut plural = BTreeMap::new();
                for (category, text) in forms {
                    match (CATEGORIES.contains(&category.as_str()), text) {
                        (true, toml::Value::String(text)) => {
                            plural.insert(category, text);
                        }
                        _ => warn(
                            problems,
                            format!(
                                "`strings.{key}.{category}` left out: a plural form is one of {} and its text a string",
                                CATEGORIES.join(", ")
                            ),
                        ),
                    }
                }
                layer.strings.insert(key, Text::Plural(plural));
            }
            _ => warn(
                problems,
                format!("`strings.{key}` left out: a string is text, or a table of plural forms"),
            ),
        }
    }
    layer
}
