//! The text between a note's fences → [`FrontMatter`], key by key, so that one bad key
//! does not hide the others: every unknown key, every value of the wrong type and (in
//! TOML, whose reader recovers) every syntax error is reported in one run, each at its
//! own position, and the keys that were fine are kept.

use std::marker::PhantomData;
use std::ops::Range;

use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::front_matter::{FrontMatter, KEYS};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Location, SourceFile};

/// Where a problem is: a byte range of the note, or a line and column (when the YAML
/// reader gives no byte offset).
#[derive(Debug, Clone)]
pub enum Place {
    /// Bytes of the note.
    Span(Range<usize>),
    /// Line and column in the note.
    At(Location),
}

impl Place {
    /// An error at this place.
    pub fn error(&self, source: &SourceFile, message: String) -> Diagnostic {
        match self {
            Place::Span(span) => Diagnostic::at(Severity::Error, source, span.clone(), message),
            Place::At(location) => {
                Diagnostic::at_location(Severity::Error, source, *location, message)
            }
        }
    }
}

/// A key as written, and where.
struct Key {
    name: String,
    place: Place,
}

/// A front matter whose keys can be read one at a time.
trait Document {
    /// The value of `key` as a `T`, or the message and place of why it is not one.
    fn read<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, (String, Place)>;
    /// `key = value` or `key: value`, to show in a hint.
    fn example(&self, key: &str) -> &'static str;
}

/// TOML front matter (`inner`: the bytes between the `+++` lines).
pub fn toml(source: &SourceFile, inner: Range<usize>) -> (FrontMatter, Vec<Diagnostic>) {
    // Most front matter is right: read whole, in one pass.
    if let Ok(front) = ::toml::from_str::<FrontMatter>(&source.text[inner.clone()]) {
        return (front, Vec::new());
    }
    let at = |span: Range<usize>| Place::Span(inner.start + span.start..inner.start + span.end);
    let (table, errors) = toml::de::DeTable::parse_recoverable(&source.text[inner.clone()]);
    let mut problems: Vec<Diagnostic> = errors
        .iter()
        .map(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = format!("invalid front matter: {}", e.message().trim());
            at(span).error(source, message).with_hint(SYNTAX_HINT)
        })
        .collect();
    let broken: Vec<Range<usize>> = errors.iter().filter_map(toml::de::Error::span).collect();
    let overlaps = |span: &Range<usize>| {
        broken
            .iter()
            .any(|b| b.start < span.end.max(span.start + 1) && span.start < b.end.max(b.start + 1))
    };
    let mut keys = Vec::new();
    let mut values = Vec::new();
    for (key, value) in table.get_ref().iter() {
        // A value the reader had to recover from is reported already, as written.
        if overlaps(&key.span()) || overlaps(&value.span()) {
            continue;
        }
        keys.push(Key {
            name: key.get_ref().to_string(),
            place: at(key.span()),
        });
        values.push((key.get_ref().to_string(), value.clone()));
    }
    keys.sort_by_key(|k| match &k.place {
        Place::Span(span) => span.start,
        Place::At(_) => 0,
    });
    let document = Toml { values, at: &at };
    let front = assemble(&document, &keys, source, &mut problems);
    (front, problems)
}

struct Toml<'i, 'a> {
    values: Vec<(String, toml::Spanned<toml::de::DeValue<'i>>)>,
    at: &'a dyn Fn(Range<usize>) -> Place,
}

impl Document for Toml<'_, '_> {
    fn read<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, (String, Place)> {
        let Some((_, value)) = self.values.iter().find(|(name, _)| name == key) else {
            return Ok(None);
        };
        let span = value.span();
        T::deserialize(toml::de::ValueDeserializer::from(value.clone()))
            .map(Some)
            .map_err(|e| {
                let message = e.message().trim().to_string();
                (message, (self.at)(e.span().unwrap_or(span)))
            })
    }

    fn example(&self, key: &str) -> &'static str {
        match key {
            "started" | "completed" => "completed = 2025-01-31",
            "tags" => "tags = [\"math\", \"proofs\"]",
            "resources" => "[[resources]] with title = \"…\" and url = \"https://…\"",
            "status" => "status = \"done\"",
            _ => "title = \"Text in quotes\"",
        }
    }
}

/// YAML front matter (`inner`: the bytes between the `---` lines). A syntax error stops
/// the YAML reader: it is the one problem reported, at its position.
pub fn yaml(
    source: &SourceFile,
    inner: Range<usize>,
) -> Result<(FrontMatter, Vec<Diagnostic>), serde_saphyr::Error> {
    let text = &source.text[inner.clone()];
    // Most front matter is right: read whole, in one pass.
    if let Ok(front) = serde_saphyr::from_str::<FrontMatter>(text) {
        return Ok((front, Vec::new()));
    }
    let first_line = source.location(inner.start).line;
    let entries = serde_saphyr::with_deserializer_from_str(text, |de| KeyList.deserialize(de))?;
    let keys: Vec<Key> = entries
        .into_iter()
        .map(|key| {
            let place = yaml_place(&key.referenced, first_line, inner.start, key.value.len());
            Key {
                name: key.value,
                place,
            }
        })
        .collect();
    let document = Yaml {
        text,
        first_line,
        start: inner.start,
    };
    let mut problems = Vec::new();
    let front = assemble(&document, &keys, source, &mut problems);
    Ok((front, problems))
}

/// A place from the YAML reader's location (relative to the front matter).
pub fn yaml_place(
    location: &serde_saphyr::Location,
    first_line: usize,
    start: usize,
    len: usize,
) -> Place {
    match location.span().byte_offset() {
        Some(offset) => {
            let from = start + offset as usize;
            Place::Span(from..from + len.max(1))
        }
        None => Place::At(Location {
            line: first_line + location.line() as usize - 1,
            column: location.column() as usize,
        }),
    }
}

struct Yaml<'a> {
    text: &'a str,
    first_line: usize,
    start: usize,
}

impl Document for Yaml<'_> {
    fn read<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, (String, Place)> {
        let pick = Pick::<T> {
            key,
            value: PhantomData,
        };
        serde_saphyr::with_deserializer_from_str(self.text, |de| pick.deserialize(de)).map_err(
            |e| {
                let place = match e.location() {
                    Some(l) => yaml_place(&l, self.first_line, self.start, 1),
                    None => Place::Span(self.start..self.start),
                };
                (super::yaml_error::yaml_message(&e), place)
            },
        )
    }

    fn example(&self, key: &str) -> &'static str {
        match key {
            "started" | "completed" => "completed: 2025-01-31",
            "tags" => "tags: [math, proofs]",
            "resources" => "resources: a list of items with title: … and url: https://…",
            "status" => "status: done",
            _ => "title: Some text",
        }
    }
}

const SYNTAX_HINT: &str = "keys are task, title, status, started, completed, tags, resources, \
                           summary; text goes in quotes, dates look like 2025-01-31";

/// The keys read one by one into a [`FrontMatter`]; unknown keys and bad values are
/// problems, each at its place.
fn assemble(
    document: &impl Document,
    keys: &[Key],
    source: &SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let mut front = FrontMatter::default();
    for key in keys {
        let name = key.name.as_str();
        let read = match name {
            "task" => document.read(name).map(|v| front.task = v),
            "title" => document.read(name).map(|v| front.title = v),
            "status" => document.read(name).map(|v| front.status = v),
            "started" => document.read(name).map(|v| front.started = v),
            "completed" => document.read(name).map(|v| front.completed = v),
            "summary" => document.read(name).map(|v| front.summary = v),
            "tags" => document
                .read(name)
                .map(|v| front.tags = v.unwrap_or_default()),
            "resources" => (document.read(name)).map(|v| front.resources = v.unwrap_or_default()),
            _ => {
                problems.push(unknown_key(source, key));
                continue;
            }
        };
        if let Err((message, place)) = read {
            let message = format!("invalid `{name}` in the front matter: {message}");
            let hint = format!("write it as {}", document.example(name));
            problems.push(place.error(source, message).with_hint(hint));
        }
    }
    front
}

fn unknown_key(source: &SourceFile, key: &Key) -> Diagnostic {
    let message = format!("unknown front matter key `{}`", key.name);
    let hint = format!(
        "{}allowed keys: {}",
        crate::suggest::did_you_mean(&key.name, KEYS),
        KEYS.join(", ")
    );
    key.place.error(source, message).with_hint(hint)
}

/// The keys of a YAML mapping with their positions, values skipped.
struct KeyList;

impl<'de> DeserializeSeed<'de> for KeyList {
    type Value = Vec<serde_saphyr::Spanned<String>>;

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for KeyList {
    type Value = Vec<serde_saphyr::Spanned<String>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("keys and values such as `title: Eigenvectors`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key()? {
            map.next_value::<IgnoredAny>()?;
            keys.push(key);
        }
        Ok(keys)
    }
}

/// One key's value of a mapping, the others skipped.
struct Pick<'k, T> {
    key: &'k str,
    value: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Pick<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Pick<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a mapping with `{}`", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == self.key && found.is_none() {
                found = Some(map.next_value::<T>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}
