//! `roadmap-site fix-encoding [FILE]`: a file garbled by a UTF-8 → Mac Roman or →
//! Windows-1252 round trip → the same file repaired, as the reader repairs it in
//! memory, with the original kept as `FILE.orig`. `--dry-run` prints what would change.
//!
//! iconv cannot do this: Mac Roman's Apple logo (`\u{f8ff}`, the first byte of every
//! garbled emoji) has no MACINTOSH mapping in glibc, so it stops at the first emoji.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::load_config;
use crate::cli::{FixEncodingOptions, Global};
use crate::encoding::{FileRepair, Repair, repair_file, visible};
use crate::error::{Error, Result};
use crate::plural::plural;
use crate::report;
use crate::source::{ReadError, read_input};

/// How many repaired places `--dry-run` shows.
const EXAMPLES: usize = 8;

/// Repairs the file (or tells what it would repair), or refuses with the reason.
pub fn execute(options: &FixEncodingOptions, global: Global) -> Result<()> {
    let (path, shown) = match &options.file {
        Some(file) => (file.clone(), file.clone()),
        None => {
            let config = load_config(&options.site(), "fix-encoding --root", global)?;
            let path = config.path(&config.roadmap);
            // `./content/roadmap.md` is shown as the reader shows it.
            let shown = path.strip_prefix(".").unwrap_or(&path).to_path_buf();
            (path, shown)
        }
    };
    let bytes = read_input(&path).map_err(|e| unreadable(&shown, e))?;
    let (fixed, repair, original) = match repair_file(&bytes) {
        FileRepair::Repaired {
            bytes,
            repair,
            original,
        } => (bytes, repair, original),
        FileRepair::Clean => {
            return Err(Error::Refused {
                message: format!("{} is not garbled: nothing to fix", shown.display()),
                hint: "fix-encoding repairs UTF-8 text that went through Mac Roman or \
                       Windows-1252 (`üöÄ` or `ðŸš€` for 🚀); the reader warns when a file \
                       has such text"
                    .into(),
            });
        }
        FileRepair::NotUtf8 => {
            return Err(Error::Refused {
                message: format!(
                    "{} is not UTF-8 text; fix-encoding only repairs garbled UTF-8",
                    shown.display()
                ),
                hint: "`roadmap-site check` says how the file is read; save it as UTF-8 \
                       from your editor, then run fix-encoding again if it is garbled"
                    .into(),
            });
        }
    };
    // A link is followed: the file it names is repaired, and backed up beside it.
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    let path = match is_link {
        true => std::fs::canonicalize(&path).map_err(|e| Error::io(&shown, e))?,
        false => path,
    };
    let backup = with_suffix(&path, ".orig");
    let shown_backup = with_suffix(if is_link { &path } else { &shown }, ".orig");
    // `exists` would follow a dangling link to nothing and say no.
    let backup_exists = std::fs::symlink_metadata(&backup).is_ok();
    let lines = changed_lines(&original, &repair);
    if options.dry_run {
        let mut text = dry_run_report(&shown, &shown_backup, &original, &repair, &lines);
        if backup_exists {
            text.push_str(&format!(
                "note: {} already exists, so fix-encoding would refuse: move it away first.\n",
                shown_backup.display()
            ));
        }
        return std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| Error::io("stdout", e));
    }
    if backup_exists {
        return Err(Error::Refused {
            message: format!(
                "{} already exists; not overwriting a backup",
                shown_backup.display()
            ),
            hint: format!(
                "move it away (it may be the original from an earlier fix), then run \
                 fix-encoding again; nothing was changed in {}",
                shown.display()
            ),
        });
    }
    replace_keeping_backup(&path, &backup, &bytes, &fixed)?;
    report::status(
        global,
        &format!(
            "Repaired {} on {} of {} (UTF-8 that was read as {}); the original is {}",
            plural(repair.places.len(), "garbled sequence"),
            plural(lines.len(), "line"),
            shown.display(),
            repair.encoding_name(),
            shown_backup.display()
        ),
    );
    Ok(())
}

fn unreadable(shown: &Path, error: ReadError) -> Error {
    match error {
        ReadError::NotFound => Error::Refused {
            message: format!("{}: file not found", shown.display()),
            hint: "give the path of the garbled file, or run fix-encoding in the site \
                   folder (or with --root) to repair the roadmap file"
                .into(),
        },
        ReadError::Io(e) => Error::io(shown, e),
        refused => {
            let (message, hint) = refused.message();
            let message = format!("{}: {message}", shown.display());
            Error::Refused { message, hint }
        }
    }
}

/// `content/roadmap.md` → `content/roadmap.md.orig`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// 1-based line numbers of the lines with a repair, each once, in order.
fn changed_lines(original: &str, repair: &Repair) -> Vec<usize> {
    let mut lines: Vec<usize> = (repair.places.iter())
        .map(|(range, _)| line_of(original, range.start))
        .collect();
    lines.dedup();
    lines
}

fn line_of(text: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset]).count() + 1
}

fn dry_run_report(
    shown: &Path,
    backup: &Path,
    original: &str,
    repair: &Repair,
    lines: &[usize],
) -> String {
    let mut text = format!(
        "{}: {} on {}, UTF-8 that was read as {}:\n",
        shown.display(),
        plural(repair.places.len(), "garbled sequence"),
        plural(lines.len(), "line"),
        repair.encoding_name()
    );
    for (range, fixed) in repair.places.iter().take(EXAMPLES) {
        text.push_str(&format!(
            "  line {}: `{}` → `{fixed}`\n",
            line_of(original, range.start),
            visible(&original[range.clone()]),
        ));
    }
    if repair.places.len() > EXAMPLES {
        text.push_str(&format!(
            "  … and {} more\n",
            repair.places.len() - EXAMPLES
        ));
    }
    text.push_str(&format!(
        "Nothing was written (--dry-run). Without it, {} is rewritten repaired and the \
         original kept as {}.\n",
        shown.display(),
        backup.display()
    ));
    text
}

/// Writes the original bytes to `backup` (never over an existing file), then
/// replaces the file: the original is safe first.
fn replace_keeping_backup(path: &Path, backup: &Path, original: &[u8], fixed: &[u8]) -> Result<()> {
    let permissions = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .permissions();
    crate::replace_file::write_new(backup, original, &permissions)?;
    crate::replace_file::replace(path, fixed, "fix-encoding")
}
