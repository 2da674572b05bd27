//! Everything that can stop a run → one [`Error`] with an exit code, printed in one place.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the user's content, configuration or templates (exit code 1).
    /// Holds every diagnostic of the run, warnings included, in the order found.
    #[error("{} in the site's content, configuration or templates", crate::plural::plural(count_errors(.0), "error"))]
    Content(Vec<Diagnostic>),
    /// A file or folder could not be read or written (exit code 2).
    #[error("{}: {source}", .path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The tool refused to do something unsafe or impossible (exit code 2).
    #[error("{message}")]
    Refused {
        /// What was refused and why.
        message: String,
        /// What the user can do instead.
        hint: String,
    },
    /// The command line asks for something that is not there or does not fit: a task
    /// `new note` cannot find, a site folder given twice (exit code 2).
    #[error("{message}")]
    Usage {
        /// What is wrong with the command line.
        message: String,
        /// How to write it.
        hint: String,
    },
    /// The roadmap file does not exist (exit code 2, as for any input that cannot be
    /// read): a diagnostic at its full path, saying what to run.
    #[error("{}", .0.headline())]
    Missing(Box<Diagnostic>),
    /// `check --strict` found warnings; they have been printed with the summary, as
    /// plain `check` prints them (exit code 1).
    #[error("{} with --strict, which fails on any warning", crate::plural::plural(*.warnings, "warning"))]
    Strict {
        /// How many.
        warnings: usize,
    },
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source: without_walk_context(source),
        }
    }

    /// Puts the warnings found before this error in front of it, so that one run
    /// reports every problem it saw.
    pub fn after(self, earlier: &[Diagnostic]) -> Self {
        match self {
            Error::Content(later) => Error::Content(earlier.iter().cloned().chain(later).collect()),
            other => other,
        }
    }

    /// The process exit code: 1 for content, configuration or template errors; 2 for
    /// usage and I/O problems.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Strict { .. } => 1,
            Error::Io { .. } | Error::Refused { .. } | Error::Usage { .. } | Error::Missing(_) => 2,
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The system's error inside an `io::Error` made from a walkdir error (`e.into()` in a
/// folder walk): that one displays the path and the system's error, then gives the
/// system's error again as its cause, so that after the path each came twice.
fn without_walk_context(source: std::io::Error) -> std::io::Error {
    let walk = source
        .get_ref()
        .and_then(|e| e.downcast_ref::<walkdir::Error>());
    // A file system loop has no system error: its own message is all there is.
    if walk.is_none_or(|walk| walk.io_error().is_none()) {
        return source;
    }
    let kind = source.kind();
    let inner = source.into_inner().map(|e| e.downcast::<walkdir::Error>());
    match inner {
        Some(Ok(walk)) => walk
            .into_io_error()
            .unwrap_or_else(|| std::io::Error::from(kind)),
        _ => std::io::Error::from(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_walk_error_names_the_path_and_the_reason_once() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("themes/mine");
        let walk = walkdir::WalkDir::new(&missing).into_iter().next();
        let error = walk.unwrap().unwrap_err();
        let text = crate::report::error_text(&Error::io(&missing, error.into()));
        let reason = std::io::Error::from_raw_os_error(2).to_string();
        assert_eq!(text, format!("error: {}: {reason}\n", missing.display()));
    }
}
