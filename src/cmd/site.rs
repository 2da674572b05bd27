//! Which folder is the site, and whether its roadmap is there, before a command reads
//! anything: a newcomer in an empty folder, inside `content/` or with a mistyped
//! folder learns where the tool looked and what to run, with exit code 2.
//!
//! The site folder is DIR or `--root` when given (it must exist); otherwise this
//! folder when it holds `roadmap.toml` or `content/roadmap.md`; otherwise the nearest
//! folder above with a `roadmap.toml`, as cargo looks for `Cargo.toml` and git for
//! `.git`, or whose `content/` holds `roadmap.md` and this folder (a site needs no
//! roadmap.toml, and `content/` is where its writer works).
//! `ROADMAP_SITE_CEILING_DIRECTORIES` (absolute folders, separated like `PATH`) stops
//! that search before it enters them, as `GIT_CEILING_DIRECTORIES` does for git.

use std::path::PathBuf;

use crate::cli::SiteArgs;
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::suggest::{markdown_files, suggest_file};

/// Folders the search for a site above this one does not enter.
pub const CEILING_VARIABLE: &str = "ROADMAP_SITE_CEILING_DIRECTORIES";

/// The default roadmap file, relative to the site folder.
const DEFAULT_ROADMAP: &str = "content/roadmap.md";

/// Where the site folder came from, for the message when its roadmap is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// DIR or `--root`.
    Given,
    /// This folder holds a site.
    Here,
    /// A folder above this one holds `roadmap.toml`, or this folder is in its
    /// `content/` beside `roadmap.md`.
    Above,
    /// Nothing here or above: this folder, for the message.
    Nowhere,
}

/// The site folder a command works on (see the module's doc).
#[derive(Debug, Clone)]
pub struct SiteRoot {
    /// The folder.
    pub path: PathBuf,
    found: Found,
}

impl SiteRoot {
    /// Found in a folder above the current one.
    pub fn is_above(&self) -> bool {
        self.found == Found::Above
    }
}

/// Finds the site folder from the command line and the current folder.
pub fn find(site: &SiteArgs) -> Result<SiteRoot> {
    if let Some(given) = site.given()? {
        if !given.is_dir() {
            let shown = std::path::absolute(&given).unwrap_or_else(|_| given.clone());
            return Err(Error::Usage {
                message: format!("no site folder at {}", shown.display()),
                hint: format!(
                    "give the folder where roadmap.toml and content/ are, or create a site \
                     there with `roadmap-site init {}`",
                    given.display()
                ),
            });
        }
        return Ok(SiteRoot {
            path: given,
            found: Found::Given,
        });
    }
    let here = PathBuf::from(".");
    if here.join(CONFIG_FILE).is_file() || here.join(DEFAULT_ROADMAP).is_file() {
        return Ok(SiteRoot {
            path: here,
            found: Found::Here,
        });
    }
    let ceilings: Vec<PathBuf> = std::env::var_os(CEILING_VARIABLE)
        .map(|list| std::env::split_paths(&list).collect())
        .unwrap_or_default();
    let start = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let above = start
        .ancestors()
        .skip(1)
        .take_while(|dir| !ceilings.iter().any(|c| c == dir))
        .find(|dir| {
            dir.join(CONFIG_FILE).is_file()
                || (start.starts_with(dir.join("content")) && dir.join(DEFAULT_ROADMAP).is_file())
        });
    Ok(match above {
        Some(dir) => SiteRoot {
            path: dir.to_path_buf(),
            found: Found::Above,
        },
        None => SiteRoot {
            path: here,
            found: Found::Nowhere,
        },
    })
}

/// `command`: the command line up to its site folder (`build`, `new note TASK --root`).
///
/// Refuses to go on without the default roadmap file (a `roadmap` setting that names
/// no file is an error of roadmap.toml, found when it is loaded): the error gives the
/// full path looked at, says whether a site was found at all, and what to run.
pub fn require_roadmap(config: &Config, root: &SiteRoot, command: &str) -> Result<()> {
    let path = config.path(&config.roadmap);
    if path.exists() {
        return Ok(()); // anything else about it is said when it is read
    }
    let full = std::fs::canonicalize(&config.root)
        .map_or_else(|_| path.clone(), |root| root.join(&config.roadmap));
    let shown_root = root.path.display();
    let suggestion = suggest_file(&config.roadmap, &markdown_files(&config.root));
    let (message, hint) = match root.found {
        Found::Nowhere => (
            "roadmap file not found, and no site in this folder or any folder above it \
             (a roadmap.toml, or a content/ folder holding roadmap.md)"
                .to_string(),
            format!(
                "to start a site here, run `roadmap-site init`; for a site elsewhere, give its \
                 folder: `roadmap-site {command} DIR`"
            ),
        ),
        Found::Given if config.source.is_none() => (
            "roadmap file not found".to_string(),
            format!(
                "{suggestion}to start a site in {shown_root}, run `roadmap-site init \
                 {shown_root}`; or give the folder where roadmap.toml and content/ are"
            ),
        ),
        Found::Given | Found::Here | Found::Above => (
            "roadmap file not found".to_string(),
            format!(
                "{suggestion}write your roadmap at {DEFAULT_ROADMAP}, or set `roadmap` in \
                 roadmap.toml to where it is"
            ),
        ),
    };
    let diagnostic = Diagnostic::file(Severity::Error, full, message).with_hint(hint);
    Err(Error::Missing(Box::new(diagnostic)))
}
