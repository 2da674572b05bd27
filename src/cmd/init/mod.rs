//! `roadmap-site init [DIR]`: a new site folder with a commented `roadmap.toml`, an
//! example roadmap showing every status, an example note and a `.gitignore`. Existing
//! files are never overwritten: they are listed as skipped.

use std::path::{Path, PathBuf};

use crate::cli::{Global, InitOptions};
use crate::error::{Error, Result};
use crate::report;
use crate::theme::DEFAULT_FILES;

/// The theme folder `--theme` copies the built-in theme into.
const CUSTOM_THEME: &str = "default-custom";

/// The example content, not added to a folder that already holds a site.
const EXAMPLES: &[&str] = &["content/roadmap.md", "content/notes/linear-algebra.md"];

const SCAFFOLD: &[(&str, &str)] = &[
    ("roadmap.toml", include_str!("roadmap.toml")),
    ("content/roadmap.md", include_str!("roadmap.md")),
    ("content/notes/linear-algebra.md", include_str!("note.md")),
    (".gitignore", include_str!("gitignore")),
];

/// Creates the files that do not exist yet and reports the ones skipped.
pub fn execute(options: &InitOptions, global: Global) -> Result<()> {
    let dir = &options.dir;
    let mut files: Vec<(PathBuf, Vec<u8>)> = SCAFFOLD
        .iter()
        .map(|(path, text)| {
            let text = if *path == "roadmap.toml" && options.theme {
                text.replace("# theme = \"default-custom\"", "theme = \"default-custom\"")
            } else {
                text.to_string()
            };
            (PathBuf::from(path), text.into_bytes())
        })
        .collect();
    if options.theme {
        files.extend(DEFAULT_FILES.iter().map(|(path, bytes)| {
            (
                Path::new("themes").join(CUSTOM_THEME).join(path),
                bytes.to_vec(),
            )
        }));
    }
    // A folder that already holds a site gets no example content: a user who deleted
    // the example note must not find it back after `init --theme`.
    // "Holds a site" means its roadmap is there: a roadmap.toml alone still gets the
    // example roadmap, so that the next step (`serve`) works.
    let roadmap = crate::config::Config::load(dir)
        .map(|config| config.path(&config.roadmap))
        .unwrap_or_else(|_| dir.join("content/roadmap.md"));
    let existing_site = roadmap.exists();
    if existing_site {
        files.retain(|(path, _)| !EXAMPLES.contains(&path.to_string_lossy().as_ref()));
    }
    let mut created = Vec::new();
    let mut skipped = Vec::new();
    for (relative, bytes) in files {
        let path = dir.join(&relative);
        if path.exists() {
            skipped.push(relative.display().to_string());
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        create_new(&path, &bytes)?;
        created.push(relative.display().to_string());
    }
    for file in &created {
        report::verbose(global, &format!("created {file}"));
    }
    report::status(
        global,
        &format!(
            "Created {} in {}",
            crate::plural::plural(created.len(), "file"),
            dir.display()
        ),
    );
    if existing_site {
        report::status(
            global,
            &format!(
                "{} already holds a roadmap ({}): no example roadmap or note added",
                dir.display(),
                roadmap.strip_prefix(dir).unwrap_or(&roadmap).display()
            ),
        );
    }
    if !skipped.is_empty() {
        report::status(
            global,
            &format!(
                "Skipped (already there, left as they were): {}",
                skipped.join(", ")
            ),
        );
    }
    if options.theme && skipped.iter().any(|f| f == "roadmap.toml") && !selects_custom(dir) {
        report::status(
            global,
            &format!(
                "roadmap.toml was there already, so the copied theme is not selected: add \
                 `theme = \"{CUSTOM_THEME}\"` to it to use themes/{CUSTOM_THEME}/"
            ),
        );
    }
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    report::status(
        global,
        &format!("Next: {cd}roadmap-site serve (a preview that follows your edits)"),
    );
    Ok(())
}

/// Does the site's roadmap.toml select the copied theme?
fn selects_custom(dir: &Path) -> bool {
    let text = std::fs::read_to_string(dir.join("roadmap.toml")).unwrap_or_default();
    text.lines().any(|line| {
        let line = line.split('#').next().unwrap_or_default().replace(' ', "");
        line == format!("theme=\"{CUSTOM_THEME}\"")
    })
}

/// Writes a file that must not exist yet: never overwrite, even in a race.
fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))
}
