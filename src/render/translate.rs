//! A [`Language`] → what templates translate with: the global `t` (every string by
//! key), `lang` (`code`, `dir`, and `search`, the search box's strings as JSON for
//! `search.js`), the function `trans(key=…, n=…, name=value…)` for strings with
//! placeholders and plurals, and the filters `local_date` and `time_html` for days.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use crate::html::escape;
use crate::i18n::Language;

/// The keys search.js reads from `lang.search`.
const SEARCH_KEYS: &[&str] = &[
    "search_no_results",
    "search_results",
    "search_unavailable",
    "status_done",
    "status_in_progress",
    "status_todo",
    "status_skipped",
];

/// Puts `t` and `lang` in the global context and registers `trans`, `local_date` and
/// `time_html`.
pub fn register(tera: &mut Tera, lang: &Language) {
    let context = tera.global_context();
    context.insert_value("t", Value::from_serializable(lang.strings()));
    context.insert_value("lang", language_value(lang));
    let shared = Arc::new(lang.clone());
    let escaped = Escaped::new(lang);
    let for_trans = Arc::clone(&shared);
    tera.register_function("trans", move |kwargs: Kwargs, _: &State| {
        trans(&for_trans, &escaped, &kwargs)
    });
    let for_date = Arc::clone(&shared);
    tera.register_filter("local_date", move |day: &str, _: Kwargs, _: &State| {
        for_date.date(day)
    });
    tera.register_filter("time_html", move |day: &str, _: Kwargs, _: &State| {
        Value::safe_string(&time_html(&shared, day))
    });
}

/// The search box's strings, by key: the search index carries them (`strings`), so
/// that each page need not.
pub fn search_strings(lang: &Language) -> serde_json::Map<String, serde_json::Value> {
    let strings = lang.strings();
    SEARCH_KEYS
        .iter()
        .filter_map(|&key| {
            let text = strings.get(key)?;
            Some((key.to_string(), serde_json::to_value(text).ok()?))
        })
        .collect()
}

/// `lang`: the code and direction for `<html>`, and the search box's strings as JSON
/// (for a theme that gives them to its script in the page; the default theme's come
/// with the search index).
fn language_value(lang: &Language) -> Value {
    let search = serde_json::Value::Object(search_strings(lang)).to_string();
    let mut map = tera::Map::new();
    map.insert("code".into(), Value::from(lang.code.as_str()));
    map.insert("dir".into(), Value::from(lang.dir.as_str()));
    map.insert("search".into(), Value::from(search));
    Value::from(map)
}

/// `trans(key="progress_done_of", done=3, total=7)`: the text of `key` with its
/// placeholders filled, the plural form for `n` when the key is a plural. The text is
/// escaped, and so are the values, except those marked safe (`x | safe`, or what
/// `time_html` gives): the result is HTML.
fn trans(lang: &Language, escaped: &Escaped, kwargs: &Kwargs) -> Result<Value, tera::Error> {
    let key: &str = kwargs.must_get("key")?;
    if !lang.strings().contains_key(key) {
        return Err(tera::Error::message(format!(
            "no translation has the key `{key}`: add it to i18n/en.toml of the theme"
        )));
    }
    let mut n = None;
    let mut args = Vec::new();
    for (name, value) in kwargs.iter() {
        match name.as_str() {
            Some("key") | None => {}
            Some("n") if value.as_f64().is_some() => n = value.as_f64(),
            Some(name) => args.push((name, html_of(value))),
        }
    }
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let filled = match n {
        // `{n}` as the language writes numbers (`2,5`), not as the template gave it.
        Some(n) => fill_escaped(lang.plural_pattern(key, n), &args, Some(&lang.number(n))),
        // A plain text's pattern is escaped once per build, not on each call: a task
        // page calls `trans` about ten times, ten thousand pages a large site.
        None => match escaped.0.get(key) {
            Some((_, value)) if args.is_empty() => return Ok(value.clone()),
            Some((pattern, _)) => crate::i18n::fill(pattern, &args),
            None => fill_escaped(lang.get(key), &args, None),
        },
    };
    Ok(Value::safe_string(&filled))
}

/// A value given to `trans`, as HTML: escaped unless marked safe.
fn html_of(value: &Value) -> String {
    match value.as_str() {
        Some(text) if value.is_safe() => text.to_string(),
        Some(text) => escape(text),
        None => escape(&value.to_string()),
    }
}

/// Every plain (not plural) text of the language, escaped, and as a safe value.
struct Escaped(HashMap<String, (String, Value)>);

impl Escaped {
    fn new(lang: &Language) -> Self {
        let plain = lang.strings().iter().filter_map(|(key, text)| match text {
            crate::i18n::Text::Plain(text) => {
                let html = escape(text);
                let value = Value::safe_string(&html);
                Some((key.clone(), (html, value)))
            }
            crate::i18n::Text::Plural(_) => None,
        });
        Escaped(plain.collect())
    }
}

/// A pattern escaped, then filled with values that are HTML already.
fn fill_escaped(pattern: &str, args: &[(&str, &str)], n: Option<&str>) -> String {
    let mut all: Vec<(&str, &str)> = args.to_vec();
    if let Some(n) = n {
        all.push(("n", n));
    }
    crate::i18n::fill(&escape(pattern), &all)
}

/// `<time datetime="2026-12-03">3 December 2026</time>`.
fn time_html(lang: &Language, day: &str) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        escape(day),
        escape(&lang.date(day))
    )
}
