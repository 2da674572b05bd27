//! `language` of `roadmap.toml` + the theme's `i18n/<lang>.toml` files → a
//! [`Language`]: every display string of the site in that language, its plural rules
//! (CLDR, through `intl_pluralrules`), its dates and numbers, and its direction.
//!
//! A key is looked up in the theme's file for the language, then the built-in one,
//! then the theme's English file, then the built-in English: a file that lacks a key
//! (a user's, or a shipped one behind a new key) shows English there, never an error.
//! A language with no file at all is a warning at `language` in `roadmap.toml`; the
//! pages then say English with `lang` as asked. Command-line output stays English.

mod file;
mod format;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::theme::Theme;
pub use file::{Text, builtin_languages};
pub use format::fill;

/// The language every site falls back to, and the keys every language file has.
pub const ENGLISH: &str = "en";

/// The site's language: its strings, plural rules, date and number forms.
#[derive(Clone)]
pub struct Language {
    /// The code as configured (`pt-BR`), for `<html lang>`.
    pub code: String,
    /// `ltr` or `rtl`, for `<html dir>`.
    pub dir: String,
    /// Every key, each from the first file of the chain that has it.
    strings: BTreeMap<String, Text>,
    /// Twelve month names, in the form dates use (`декабря`).
    months: Vec<String>,
    /// `{day} {month} {year}`, with `{month_number}` for numeric months.
    date: String,
    /// The decimal separator (`.`, `,`).
    decimal: String,
    /// `{n}%`, `{n} %`.
    percent: String,
    rules: PluralRules,
    /// Changes when any string does (pages remembered by `serve` depend on them).
    pub fingerprint: u64,
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Language")
            .field("code", &self.code)
            .finish()
    }
}

impl Language {
    /// The language `config` asks for (English by default), from the theme's files and
    /// the built-in ones. A language without any file is a warning in `found`; a
    /// user's file that cannot be read is an error.
    pub fn load(config: &Config, theme: &Theme, found: &mut Vec<Diagnostic>) -> Result<Language> {
        let code = config.language.clone();
        let mut chain = Vec::new();
        let mut problems = Vec::new();
        for name in candidates(&code) {
            if let Some(layer) = file::theme_layer(theme, &name, &mut problems) {
                chain.push(layer);
            }
            if let Some(layer) = file::builtin_layer(&name) {
                chain.push(layer);
            }
        }
        if chain.is_empty() {
            found.push(unknown_language(config, &code));
        }
        if code != ENGLISH {
            chain.extend(file::theme_layer(theme, ENGLISH, &mut problems));
        }
        chain.extend(file::builtin_layer(ENGLISH));
        if problems.iter().any(Diagnostic::is_error) {
            return Err(Error::Content(problems));
        }
        found.extend(problems);
        Ok(Language::from_layers(code, &chain))
    }

    /// The language of these files, most specific first (the last one complete).
    fn from_layers(code: String, chain: &[file::Layer]) -> Language {
        let mut strings = BTreeMap::new();
        let mut meta: BTreeMap<&str, &toml::Value> = BTreeMap::new();
        let mut fingerprint = crate::memo::Fingerprint::default();
        fingerprint.add(&code);
        for layer in chain {
            fingerprint.add(&layer.text);
            for (key, text) in &layer.strings {
                strings.entry(key.clone()).or_insert_with(|| text.clone());
            }
            for (key, value) in &layer.meta {
                meta.entry(key.as_str()).or_insert(value);
            }
        }
        let text = |key: &str, default: &str| {
            meta.get(key)
                .and_then(|v| v.as_str())
                .unwrap_or(default)
                .to_string()
        };
        let months = meta
            .get("months")
            .and_then(|v| v.as_array())
            .map(|list| list.iter().filter_map(|m| m.as_str()).map(String::from))
            .map(|list| list.collect::<Vec<_>>())
            .filter(|list| list.len() == 12)
            .unwrap_or_else(|| (1..=12).map(|m| m.to_string()).collect());
        Language {
            rules: plural_rules(&code),
            dir: match text("direction", "ltr").as_str() {
                "rtl" => "rtl".into(),
                _ => "ltr".into(),
            },
            code,
            strings,
            months,
            date: text("date", "{year}-{month_number}-{day}"),
            decimal: text("decimal", "."),
            percent: text("percent", "{n}%"),
            fingerprint: fingerprint.finish(),
        }
    }

    /// English, as built in: for tests of the views.
    #[cfg(test)]
    pub fn english() -> Language {
        let chain: Vec<file::Layer> = file::builtin_layer(ENGLISH).into_iter().collect();
        Language::from_layers(ENGLISH.into(), &chain)
    }

    /// The text of `key` (a plural key gives its `other` form); the key itself when
    /// no file has it, so that a theme's typo shows on the page rather than nothing.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        match self.strings.get(key) {
            Some(Text::Plain(text)) => text,
            Some(Text::Plural(forms)) => forms.get("other").map_or(key, String::as_str),
            None => key,
        }
    }

    /// `key` with its `{placeholders}` filled from `args`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        format::fill(self.get(key), args)
    }

    /// The plural form of `key` for `n` (a count, or a number with one decimal such
    /// as a pace), with `{n}` (written as the language writes numbers) and the other
    /// placeholders filled.
    pub fn plural(&self, key: &str, n: f64, args: &[(&str, &str)]) -> String {
        let shown = self.number(n);
        let mut all = vec![("n", shown.as_str())];
        all.extend_from_slice(args);
        format::fill(self.plural_pattern(key, n), &all)
    }

    /// The form of `key` for `n`, unfilled: the form of `n`'s CLDR category, else
    /// `other`; a plain text as it is.
    pub fn plural_pattern<'a>(&'a self, key: &'a str, n: f64) -> &'a str {
        match self.strings.get(key) {
            Some(Text::Plural(forms)) => {
                // The rules read the number as written: `1` is one, `1.0` is not.
                let category = self.category(&written(n));
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .map_or(key, String::as_str)
            }
            Some(Text::Plain(text)) => text,
            None => key,
        }
    }

    /// The CLDR category (`one`, `few`, `other`…) of a number in this language.
    pub fn category(&self, n: &str) -> &'static str {
        match self.rules.select(n) {
            Ok(PluralCategory::ZERO) => "zero",
            Ok(PluralCategory::ONE) => "one",
            Ok(PluralCategory::TWO) => "two",
            Ok(PluralCategory::FEW) => "few",
            Ok(PluralCategory::MANY) => "many",
            Ok(PluralCategory::OTHER) | Err(_) => "other",
        }
    }

    /// A `YYYY-MM-DD` day in the language's long form (`3 décembre 2026`); any other
    /// text as it is.
    pub fn date(&self, iso: &str) -> String {
        format::date(iso, &self.date, &self.months)
    }

    /// A number with the language's decimal separator (`28,6`).
    pub fn number(&self, n: f64) -> String {
        written(n).replace('.', &self.decimal)
    }

    /// A percentage as the language writes it (`28.6%`, `28,6 %`).
    pub fn percent(&self, n: f64) -> String {
        format::fill(&self.percent, &[("n", &self.number(n))])
    }

    /// Every key with its text, for the templates' `t`.
    pub fn strings(&self) -> &BTreeMap<String, Text> {
        &self.strings
    }
}

/// A number as the plural rules and the pages read it: whole, or with one decimal.
fn written(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }
}

/// The file names to look for, most specific first: `pt-BR`, then `pt`.
fn candidates(code: &str) -> Vec<String> {
    let mut names = vec![code.to_string()];
    if let Some((primary, _)) = code.split_once(['-', '_'])
        && !primary.is_empty()
    {
        names.push(primary.to_string());
    }
    names
}

/// The CLDR cardinal rules for the code, its primary language, or English.
fn plural_rules(code: &str) -> PluralRules {
    let rules = |name: &str| {
        let id: LanguageIdentifier = name.parse().ok()?;
        PluralRules::create(id, PluralRuleType::CARDINAL).ok()
    };
    candidates(code)
        .iter()
        .find_map(|name| rules(name))
        .or_else(|| rules(ENGLISH))
        .expect("CLDR has English plural rules")
}

fn unknown_language(config: &Config, code: &str) -> Diagnostic {
    let message = format!(
        "no translation for language `{code}`: the pages are in English, with lang=\"{code}\""
    );
    let hint = format!(
        "the built-in languages are {}; or add themes/<name>/i18n/{code}.toml to your theme (see docs/configuration.md)",
        builtin_languages().join(", ")
    );
    match (&config.source, &config.language_span) {
        (Some(source), Some(span)) => {
            Diagnostic::at(Severity::Warning, source, span.clone(), message).with_hint(hint)
        }
        _ => Diagnostic::file(Severity::Warning, CONFIG_FILE, message).with_hint(hint),
    }
}
