//! `roadmap.toml`'s text → its [`ConfigFile`], or every problem in it at once: an
//! unknown key or a value of the wrong type is reported, taken out, and the rest read
//! again, so that one typo never hides the next (serde stops at the first).

use serde::Deserialize;
use toml::de::{DeTable, DeValue, Deserializer};

use super::ConfigFile;
use super::toml_error::toml_diagnostic;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Most problems reported from one file; each costs a parse of it.
const MOST: usize = 32;

/// The settings that could be read (all of them, or all but those with a problem),
/// and the problems. `None` only after a syntax error.
pub(super) fn read(source: &SourceFile) -> (Option<ConfigFile>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    // Key paths taken out after a problem, applied to every later parse.
    let mut removed: Vec<Vec<String>> = Vec::new();
    loop {
        let mut table = match DeTable::parse(&source.text) {
            Ok(table) => table,
            // A syntax error leaves nothing reliable to read past it.
            Err(e) => return (None, vec![toml_diagnostic(source, &e)]),
        };
        for path in &removed {
            remove(table.get_mut(), path);
        }
        let error = match ConfigFile::deserialize(Deserializer::from(table)) {
            Ok(file) => return (Some(file), problems),
            Err(e) => e,
        };
        problems.push(toml_diagnostic(source, &error));
        let path = error.span().and_then(|span| {
            let table = DeTable::parse(&source.text).ok()?;
            let mut table = table.into_inner();
            for path in &removed {
                remove(&mut table, path);
            }
            entry_at(&table, span.start)
        });
        match path {
            Some(path) if problems.len() < MOST && !removed.contains(&path) => removed.push(path),
            _ => return (None, problems),
        }
    }
}

/// The tables whose keys are settings; under any other (`[extra]`, a status list) a
/// problem is the whole entry's.
const SECTIONS: &[&str] = &["statuses", "reader", "columns"];

/// The path of the entry whose key or value holds byte `at`, as deep as settings go.
/// A `[table]`'s own span need not cover its entries, so tables are searched whole.
fn entry_at(table: &DeTable<'_>, at: usize) -> Option<Vec<String>> {
    for (key, value) in table.iter() {
        let name = key.get_ref().to_string();
        if let DeValue::Table(inner) = value.get_ref()
            && let Some(mut rest) = entry_at(inner, at)
        {
            if SECTIONS.contains(&name.as_str()) {
                rest.insert(0, name);
                return Some(rest);
            }
            return Some(vec![name]);
        }
        let (k, v) = (key.span(), value.span());
        if k.contains(&at) || v.contains(&at) || (k.start..v.end).contains(&at) {
            return Some(vec![name]);
        }
    }
    None
}

fn remove(table: &mut DeTable<'_>, path: &[String]) {
    match path {
        [] => {}
        [last] => {
            let key = table
                .iter()
                .map(|(k, _)| k)
                .find(|k| k.get_ref() == last)
                .cloned();
            if let Some(key) = key {
                table.remove(&key);
            }
        }
        [first, rest @ ..] => {
            for (key, value) in table.iter_mut() {
                if key.get_ref() == first
                    && let DeValue::Table(inner) = value.get_mut()
                {
                    remove(inner, rest);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::error::Error;

    fn problems(toml: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("roadmap.toml"), toml).unwrap();
        match Config::load(dir.path()) {
            Err(Error::Content(problems)) => problems
                .iter()
                .map(|d| d.to_string().lines().next().unwrap().to_string())
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_unknown_key_and_bad_value_is_reported_in_order() {
        let found = problems(
            "titel = \"x\"\nbase_url = \"me.github.io/rust\"\nnotes_dri = \"x\"\n\
             [statuses]\ndoen = [\"ok\"]\n[reader]\nphase_level = \"two\"\n\
             [reader.columns]\ntitel = [\"Topic\"]\n[extra]\nanything = 1\n",
        );
        assert_eq!(
            found,
            [
                "roadmap.toml:1:1: error: unknown key `titel`",
                "roadmap.toml:2:12: error: `base_url` must be an absolute URL: `me.github.io/rust` has no scheme",
                "roadmap.toml:3:1: error: unknown key `notes_dri`",
                "roadmap.toml:5:1: error: unknown key `doen`",
                "roadmap.toml:7:15: error: invalid type: string \"two\", expected i64",
                "roadmap.toml:9:1: error: unknown key `titel`",
            ]
        );
    }

    #[test]
    fn a_syntax_error_is_reported_alone() {
        let found = problems("titel = \"x\"\ntitle = \"open\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("roadmap.toml:2:"), "{found:?}");
    }
}
