//! Diagnostics and errors → text for the terminal (stderr), and for `serve`'s error
//! overlay, which shows the very same text. The one place that prints problems.

use std::fmt::Write as _;
use std::io::Write as _;

use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// Most diagnostics printed in one run; a generated file with thousands of problems
/// should not flood the terminal.
const MAX_SHOWN: usize = 200;

/// Prints diagnostics (errors first), each followed by a blank line.
pub fn diagnostics(list: &[Diagnostic]) {
    let _ = std::io::stderr()
        .lock()
        .write_all(diagnostics_text(list).as_bytes());
}

/// Prints an error with everything it carries: all diagnostics, the cause chain, the hint.
pub fn error(error: &Error) {
    let _ = std::io::stderr()
        .lock()
        .write_all(error_text(error).as_bytes());
}

/// Diagnostics as [`diagnostics`] prints them.
pub fn diagnostics_text(list: &[Diagnostic]) -> String {
    let mut text = String::new();
    let errors = list.iter().filter(|d| d.is_error());
    let warnings = list.iter().filter(|d| !d.is_error());
    for d in errors.chain(warnings).take(MAX_SHOWN) {
        let _ = writeln!(text, "{d}\n");
    }
    if list.len() > MAX_SHOWN {
        let _ = writeln!(
            text,
            "… and {} more problems not shown\n",
            list.len() - MAX_SHOWN
        );
    }
    text
}

/// An error as [`error`] prints it.
pub fn error_text(error: &Error) -> String {
    match error {
        Error::Content(list) => format!("{}error: {error}\n", diagnostics_text(list)),
        Error::Refused { message, hint } => format!("error: {message}\n  = help: {hint}\n"),
        Error::Io { .. } => {
            let mut line = format!("error: {error}");
            let mut cause = std::error::Error::source(error).and_then(|s| s.source());
            while let Some(inner) = cause {
                let _ = write!(line, ": {inner}");
                cause = inner.source();
            }
            line.push('\n');
            line
        }
    }
}
