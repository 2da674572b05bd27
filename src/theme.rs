//! The built-in theme (compiled in from `themes/default/`) overlaid file by file with
//! `themes/<name>/` → a [`Theme`]: compiled Tera templates, static files and the
//! theme's own translation files (`i18n/<lang>.toml`, read by `src/i18n/`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::source::{Location, SourceFile};

macro_rules! embed {
    ($($file:literal),* $(,)?) => {
        &[$(($file, include_bytes!(concat!("../themes/default/", $file)) as &[u8])),*]
    };
}

/// The built-in theme's files, by path inside the theme folder.
pub const DEFAULT_FILES: &[(&str, &[u8])] = embed![
    "templates/404.html",
    "templates/base.html",
    "templates/components.html",
    "templates/index.html",
    "templates/map.html",
    "templates/note.html",
    "templates/phase.html",
    "templates/share.html",
    "templates/sidebar.html",
    "templates/tag.html",
    "templates/tags.html",
    "templates/task.html",
    "static/favicon.svg",
    "static/search.js",
    "static/style.css",
    "i18n/ar.toml",
    "i18n/de.toml",
    "i18n/en.toml",
    "i18n/es.toml",
    "i18n/fr.toml",
    "i18n/he.toml",
    "i18n/ja.toml",
    "i18n/pt.toml",
    "i18n/ru.toml",
    "i18n/zh.toml",
];

/// Compiled templates plus the static files to copy into the site.
pub struct Theme {
    /// The templates, by name (path inside `templates/`).
    pub tera: Tera,
    /// Static files, by output path.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The user's theme's translation files, by language code (the built-in ones are
    /// read from [`DEFAULT_FILES`] behind them, key by key).
    pub i18n: BTreeMap<String, SourceFile>,
    /// Template name → its file and text, to point errors at the right place.
    sources: BTreeMap<String, SourceFile>,
    /// Changes when any template does (pages remembered by `serve` depend on them).
    pub fingerprint: u64,
}

impl Theme {
    /// Loads the built-in theme and, when the configuration names one, the user's theme
    /// on top of it. A named theme that does not exist is an error.
    pub fn load(config: &Config) -> Result<Theme> {
        let mut templates = BTreeMap::new();
        let mut statics = BTreeMap::new();
        let mut i18n = BTreeMap::new();
        for (path, bytes) in DEFAULT_FILES {
            let shown = Path::new("themes/default").join(path);
            add_file(path, &shown, bytes.to_vec(), &mut templates, &mut statics)?;
        }
        if let Some(name) = &config.theme {
            let dir = config.root.join("themes").join(name);
            if !dir.is_dir() {
                return Err(Error::Content(vec![missing_theme(config, name)]));
            }
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    let path = e.path().unwrap_or(&dir).to_path_buf();
                    Error::io(path, e.into())
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let relative = relative.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                let shown = Path::new("themes").join(name).join(&relative);
                if let Some(code) = relative
                    .strip_prefix("i18n/")
                    .and_then(|file| file.strip_suffix(".toml"))
                {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    i18n.insert(code.to_string(), SourceFile::new(&shown, text));
                    continue;
                }
                add_file(&relative, &shown, bytes, &mut templates, &mut statics)?;
            }
        }
        let mut tera = Tera::new();
        // Tera checks templates' function and filter names as it compiles them; the
        // translation helpers are bound to the site's language only when pages are
        // rendered (src/render/translate.rs replaces these).
        tera.register_function("trans", |_: tera::Kwargs, _: &tera::State| {
            Err::<tera::Value, _>(tera::Error::message("no language is loaded"))
        });
        for filter in ["local_date", "time_html"] {
            tera.register_filter(filter, |day: &str, _: tera::Kwargs, _: &tera::State| {
                day.to_string()
            });
        }
        let pairs: Vec<(&str, &str)> = templates
            .iter()
            .map(|(name, source)| (name.as_str(), source.text.as_str()))
            .collect();
        if let Err(error) = tera.add_raw_templates(pairs) {
            return Err(Error::Content(vec![template_diagnostic(
                &templates, &error,
            )]));
        }
        let mut fingerprint = crate::memo::Fingerprint::default();
        for (name, source) in &templates {
            fingerprint.add(name).add(&source.text);
        }
        Ok(Theme {
            tera,
            statics,
            i18n,
            sources: templates,
            fingerprint: fingerprint.finish(),
        })
    }

    /// The templates of the user's theme (its own, or overriding built-in ones): name
    /// and file.
    pub fn user_templates(&self) -> impl Iterator<Item = (&str, &Path)> {
        let files = self
            .sources
            .iter()
            .map(|(name, s)| (name.as_str(), s.path()));
        files.filter(|(_, path)| !path.starts_with("themes/default"))
    }

    /// A Tera error as a diagnostic pointing into the template file.
    pub fn diagnostic(&self, error: &tera::Error) -> Diagnostic {
        template_diagnostic(&self.sources, error)
    }
}

fn add_file(
    relative: &str,
    shown: &Path,
    bytes: Vec<u8>,
    templates: &mut BTreeMap<String, SourceFile>,
    statics: &mut BTreeMap<String, Vec<u8>>,
) -> Result<()> {
    if let Some(name) = relative.strip_prefix("templates/") {
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Content(vec![Diagnostic::file(
                Severity::Error,
                shown,
                "template is not UTF-8 text",
            )])
        })?;
        templates.insert(name.to_string(), SourceFile::new(shown, text));
    } else if let Some(name) = relative.strip_prefix("static/") {
        statics.insert(name.to_string(), bytes);
    }
    Ok(())
}

fn missing_theme(config: &Config, name: &str) -> Diagnostic {
    let message = format!("theme `{name}` not found: there is no folder themes/{name}/");
    let hint = "create themes/<name>/templates/ with the templates to override, \
                or remove `theme` from roadmap.toml to use the built-in theme";
    match (&config.source, &config.theme_span) {
        (Some(source), Some(span)) => {
            Diagnostic::at(Severity::Error, source, span.clone(), message).with_hint(hint)
        }
        _ => Diagnostic::file(Severity::Error, crate::config::CONFIG_FILE, message).with_hint(hint),
    }
}

fn template_diagnostic(sources: &BTreeMap<String, SourceFile>, error: &tera::Error) -> Diagnostic {
    let hint = "fix the template; the previous site was left as it was";
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let location = Location {
                line: span.start_line.max(1),
                column: span.start_col + 1,
            };
            match sources.get(report.filename()) {
                Some(source) => Diagnostic::at_location(
                    Severity::Error,
                    source,
                    location,
                    report.message().to_string(),
                ),
                None => Diagnostic::file(Severity::Error, report.filename(), report.message()),
            }
            .with_hint(hint)
        }
        _ => {
            let mut message = error.to_string();
            let mut cause = std::error::Error::source(error);
            while let Some(inner) = cause {
                message.push_str(&format!(": {inner}"));
                cause = inner.source();
            }
            Diagnostic::file(Severity::Error, PathBuf::from("templates"), message).with_hint(hint)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_default_theme_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        let mut embedded: Vec<String> = DEFAULT_FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        let mut on_disk = on_disk;
        on_disk.sort();
        assert_eq!(embedded, on_disk, "add new theme files to DEFAULT_FILES");
    }
}
