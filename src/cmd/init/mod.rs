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
            super::plural(created.len(), "file"),
            dir.display()
        ),
    );
    if !skipped.is_empty() {
        report::status(
            global,
            &format!(
                "Skipped (already there, left as they were): {}",
                skipped.join(", ")
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
