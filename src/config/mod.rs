//! `roadmap.toml` (optional) → [`Config`]: paths, title, base URL, theme, status words.

mod base_url;
mod every_problem;
mod share;

mod toml_error;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::roadmap::{ColumnNames, Rules, Status, Vocabulary};
use crate::source::{ReadError, SourceFile};

use crate::suggest::{markdown_files, suggest_file};
pub use base_url::check_base_url;
pub use share::{Previews, ShareSettings};

/// The configuration file's name, in the site root.
pub const CONFIG_FILE: &str = "roadmap.toml";

/// The site's settings, with defaults filled in. Paths are relative to `root`. Plain
/// data: what a build remembers lives in a [`Session`](crate::Session).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The site folder (where `roadmap.toml` is or would be).
    pub root: PathBuf,
    /// Overrides the roadmap's `#` heading.
    pub title: Option<String>,
    /// Absolute URL the site is published at; enables `sitemap.xml` and absolute badge URLs.
    pub base_url: Option<String>,
    /// The roadmap file.
    pub roadmap: PathBuf,
    /// The folder of task notes.
    pub notes_dir: PathBuf,
    /// Where `build` writes the site.
    pub output_dir: PathBuf,
    /// A theme in `themes/<name>/` overriding the built-in one file by file.
    pub theme: Option<String>,
    /// Where `theme` is set in `roadmap.toml`, for "theme not found".
    pub theme_span: Option<std::ops::Range<usize>>,
    /// The language of the pages (`en`, `pt-BR`), a BCP 47 tag; see `src/i18n/`.
    pub language: String,
    /// Where `language` is set in `roadmap.toml`, for "no translation".
    pub language_span: Option<std::ops::Range<usize>>,
    /// The text of `roadmap.toml`, when there is one, for diagnostics about its values.
    pub source: Option<SourceFile>,
    /// How the roadmap is read: status words (built-in plus `[statuses]`) and the
    /// `[reader]` overrides.
    pub rules: Rules,
    /// `[share]`: link previews, snippets and `_headers`.
    pub share: ShareSettings,
    /// `[extra]`: free-form values for theme authors.
    pub extra: toml::Table,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    title: Option<String>,
    base_url: Option<toml::Spanned<String>>,
    roadmap: Option<toml::Spanned<PathBuf>>,
    notes_dir: Option<PathBuf>,
    output_dir: Option<PathBuf>,
    theme: Option<toml::Spanned<String>>,
    language: Option<toml::Spanned<String>>,
    #[serde(default)]
    statuses: StatusWords,
    #[serde(default)]
    reader: ReaderSettings,
    #[serde(default)]
    share: ShareSettings,
    #[serde(default)]
    extra: toml::Table,
}

/// `[reader]`: what no rule can guess about the roadmap's shape.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReaderSettings {
    phase_level: Option<toml::Spanned<i64>>,
    #[serde(default)]
    columns: ColumnSettings,
}

/// `[reader.columns]`: header texts that name a table's columns.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnSettings {
    #[serde(default)]
    title: Vec<String>,
    #[serde(default)]
    status: Vec<String>,
    #[serde(default)]
    group: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusWords {
    #[serde(default)]
    done: Vec<String>,
    #[serde(default)]
    in_progress: Vec<String>,
    #[serde(default)]
    todo: Vec<String>,
    #[serde(default)]
    skipped: Vec<String>,
}

impl Config {
    /// The defaults for a site folder with no `roadmap.toml`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Config::from_file(root.into(), ConfigFile::default(), None)
    }

    /// Reads `root/roadmap.toml` if it exists; defaults otherwise.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let bytes = match crate::source::read_input(&path) {
            Ok(bytes) => bytes,
            Err(ReadError::NotFound) => return Ok(Config::new(root)),
            Err(ReadError::Io(e)) => return Err(Error::io(path, e)),
            Err(refused) => {
                let (message, hint) = refused.message();
                let diagnostic = Diagnostic::file(Severity::Error, CONFIG_FILE, message);
                return Err(Error::Content(vec![diagnostic.with_hint(hint)]));
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            )
        })?;
        let source = SourceFile::new(CONFIG_FILE, text);
        let (file, mut problems) = every_problem::read(&source);
        if let Some(file) = &file {
            problems.extend(check_values(file, &source, root));
        }
        match file {
            Some(file) if problems.is_empty() => {
                Ok(Config::from_file(root.to_path_buf(), file, Some(source)))
            }
            _ => {
                problems.sort_by_key(|d| d.location);
                Err(Error::Content(problems))
            }
        }
    }

    fn from_file(root: PathBuf, file: ConfigFile, source: Option<SourceFile>) -> Self {
        let mut vocabulary = Vocabulary::default();
        let words = &file.statuses;
        for (status, list) in [
            (Status::Done, &words.done),
            (Status::InProgress, &words.in_progress),
            (Status::Todo, &words.todo),
            (Status::Skipped, &words.skipped),
        ] {
            list.iter().for_each(|word| vocabulary.add(word, status));
        }
        Config {
            root,
            title: file.title,
            base_url: file.base_url.map(|url| base_url::normalize(url.get_ref())),
            roadmap: file
                .roadmap
                .map_or_else(|| "content/roadmap.md".into(), toml::Spanned::into_inner),
            notes_dir: file.notes_dir.unwrap_or_else(|| "content/notes".into()),
            output_dir: file.output_dir.unwrap_or_else(|| "public".into()),
            theme_span: file.theme.as_ref().map(|t| t.span()),
            theme: file.theme.map(toml::Spanned::into_inner),
            language_span: file.language.as_ref().map(|l| l.span()),
            language: file
                .language
                .map_or_else(|| "en".into(), |l| l.get_ref().trim().to_string()),
            source,
            rules: Rules {
                vocabulary,
                phase_level: file.reader.phase_level.map(|l| *l.get_ref() as u8),
                columns: ColumnNames {
                    title: file.reader.columns.title,
                    status: file.reader.columns.status,
                    group: file.reader.columns.group,
                },
            },
            share: file.share,
            extra: file.extra,
        }
    }

    /// Sets the URL the site is published at (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = Some(base_url::normalize(url));
    }

    /// A path relative to the root, made absolute.
    pub fn path(&self, relative: &Path) -> PathBuf {
        self.root.join(relative)
    }
}

/// Values that parse but cannot be used, each at its place in `roadmap.toml`.
fn check_values(file: &ConfigFile, source: &SourceFile, root: &Path) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Some(roadmap) = &file.roadmap
        && !root.join(roadmap.get_ref()).exists()
    {
        let full = std::fs::canonicalize(root).map_or_else(
            |_| root.join(roadmap.get_ref()),
            |root| root.join(roadmap.get_ref()),
        );
        let message = format!("roadmap file not found: {}", full.display());
        let hint = format!(
            "{}set `roadmap` to the path of your roadmap file, relative to the site folder",
            suggest_file(roadmap.get_ref(), &markdown_files(root))
        );
        problems
            .push(Diagnostic::at(Severity::Error, source, roadmap.span(), message).with_hint(hint));
    }
    if let Some(level) = &file.reader.phase_level
        && !(1..=6).contains(level.get_ref())
    {
        let message = format!(
            "`phase_level` is {}; a heading level is 1 to 6",
            level.get_ref()
        );
        let hint = "write 1 for `#` phases, 2 for `##`, and so on; or remove the line to let the reader choose";
        problems
            .push(Diagnostic::at(Severity::Error, source, level.span(), message).with_hint(hint));
    }
    if let Some(url) = &file.base_url
        && let Err((why, fixed)) = check_base_url(url.get_ref())
    {
        let message = format!("`base_url` must be an absolute URL: {why}");
        let hint = format!(
            "write base_url = \"{fixed}\"; without a scheme, the sitemap, the feed and the badge \
             links for your README would be relative and lead nowhere"
        );
        problems.push(Diagnostic::at(Severity::Error, source, url.span(), message).with_hint(hint));
    }
    if let Some(language) = &file.language
        && language_tag(language.get_ref()).is_none()
    {
        let message = format!("`language` is `{}`, not a language tag", language.get_ref());
        let hint = "write a BCP 47 tag such as \"en\", \"fr\", \"pt-BR\" or \"zh-Hans\"";
        problems.push(
            Diagnostic::at(Severity::Error, source, language.span(), message).with_hint(hint),
        );
    }
    problems
}

/// The tag, when it is one (`pt-BR`; `pt_BR` is not what `<html lang>` takes).
fn language_tag(text: &str) -> Option<unic_langid::LanguageIdentifier> {
    let text = text.trim();
    let well_formed = !text.is_empty()
        && text.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    well_formed.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(toml: &str) -> Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), toml).unwrap();
        Config::load(dir.path())
    }

    #[test]
    fn missing_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(dir.path()).unwrap();
        assert_eq!(config.roadmap, Path::new("content/roadmap.md"));
        assert_eq!(config.output_dir, Path::new("public"));
    }

    #[test]
    fn values_and_status_words_are_read() {
        let config =
            load("title = \"Mine\"\nbase_url = \"https://x.io/r\"\n[statuses]\ndone = [\"yep\"]\n")
                .unwrap();
        assert_eq!(config.title.as_deref(), Some("Mine"));
        assert_eq!(config.base_url.as_deref(), Some("https://x.io/r/"));
        assert_eq!(config.rules.vocabulary.classify("Yep"), Some(Status::Done));
    }

    #[test]
    fn the_base_url_is_the_same_from_the_file_and_from_the_flag() {
        for written in ["https://x.io/r", " https://x.io/r// "] {
            let from_file = load(&format!("base_url = \"{written}\"\n")).unwrap();
            let mut from_flag = Config::new(".");
            from_flag.set_base_url(written);
            assert_eq!(from_file.base_url.as_deref(), Some("https://x.io/r/"));
            assert_eq!(from_flag.base_url, from_file.base_url, "{written:?}");
        }
    }

    #[test]
    fn reader_settings_are_read_and_checked_with_positions() {
        let config = load(
            "[reader]\nphase_level = 3\n[reader.columns]\ntitle = [\"Summary\"]\nstatus = [\"Result\"]\n",
        )
        .unwrap();
        assert_eq!(config.rules.phase_level, Some(3));
        assert_eq!(config.rules.columns.title, ["Summary"]);
        assert_eq!(config.rules.columns.status, ["Result"]);
        let Err(Error::Content(diagnostics)) = load("[reader]\nphase_level = 9\n") else {
            panic!("expected a content error");
        };
        let d = diagnostics[0].to_string();
        assert!(
            d.starts_with(
                "roadmap.toml:2:15: error: `phase_level` is 9; a heading level is 1 to 6"
            ),
            "{d}"
        );
        let Err(Error::Content(diagnostics)) = load("[reader]\nphase_levle = 2\n") else {
            panic!("expected a content error");
        };
        assert!(
            diagnostics[0]
                .to_string()
                .contains("did you mean `phase_level`?")
        );
    }

    #[test]
    fn unknown_key_names_position_and_suggests() {
        let Err(Error::Content(diagnostics)) = load("title = \"x\"\n\nthemme = \"dark\"\n") else {
            panic!("expected a content error");
        };
        let d = diagnostics[0].to_string();
        assert!(
            d.starts_with("roadmap.toml:3:1: error: unknown key `themme`"),
            "{d}"
        );
        assert!(d.contains("did you mean `theme`?"), "{d}");
    }

    #[test]
    fn a_base_url_without_a_scheme_is_refused_at_its_position_with_the_fix() {
        let Err(Error::Content(diagnostics)) =
            load("title = \"x\"\nbase_url = \"me.github.io/rust\"\n")
        else {
            panic!("expected a content error");
        };
        let d = diagnostics[0].to_string();
        assert!(
            d.starts_with(
                "roadmap.toml:2:12: error: `base_url` must be an absolute URL: `me.github.io/rust` has no scheme"
            ),
            "{d}"
        );
        assert!(
            d.contains("write base_url = \"https://me.github.io/rust/\""),
            "{d}"
        );
    }

    #[test]
    fn all_bad_values_are_reported_together() {
        let Err(Error::Content(diagnostics)) =
            load("base_url = \"x.io\"\n[reader]\nphase_level = 0\n")
        else {
            panic!("expected a content error");
        };
        assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    }

    #[test]
    fn the_language_is_english_by_default_and_a_tag_when_set() {
        assert_eq!(load("").unwrap().language, "en");
        assert_eq!(load("language = \"pt-BR\"\n").unwrap().language, "pt-BR");
        for bad in ["english language", "pt_BR", "", "x-"] {
            let Err(Error::Content(diagnostics)) =
                load(&format!("title = \"x\"\nlanguage = \"{bad}\"\n"))
            else {
                panic!("{bad:?} was taken");
            };
            let d = diagnostics[0].to_string();
            assert!(
                d.starts_with("roadmap.toml:2:12: error: `language` is"),
                "{d}"
            );
        }
    }

    #[test]
    fn wrong_type_is_an_error_with_position() {
        let Err(Error::Content(diagnostics)) = load("theme = 3\n") else {
            panic!("expected a content error");
        };
        assert_eq!(diagnostics[0].location.unwrap().line, 1);
        assert!(
            diagnostics[0].message.contains("string"),
            "{:?}",
            diagnostics[0]
        );
    }
}
