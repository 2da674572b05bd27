//! Diagnostics and errors → the terminal (stderr). The one place that prints problems.

use std::io::Write;

use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// Most diagnostics printed in one run; a generated file with thousands of problems
/// should not flood the terminal.
const MAX_SHOWN: usize = 200;

/// Prints diagnostics (errors first), each followed by a blank line.
pub fn diagnostics(list: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    let errors = list.iter().filter(|d| d.is_error());
    let warnings = list.iter().filter(|d| !d.is_error());
    for d in errors.chain(warnings).take(MAX_SHOWN) {
        let _ = writeln!(err, "{d}\n");
    }
    if list.len() > MAX_SHOWN {
        let _ = writeln!(
            err,
            "… and {} more problems not shown\n",
            list.len() - MAX_SHOWN
        );
    }
}

/// Prints an error with everything it carries: all diagnostics, the cause chain, the hint.
pub fn error(error: &Error) {
    match error {
        Error::Content(list) => {
            diagnostics(list);
            let _ = writeln!(std::io::stderr(), "error: {error}");
        }
        Error::Refused { message, hint } => {
            let _ = writeln!(std::io::stderr(), "error: {message}\n  = help: {hint}");
        }
        Error::Io { .. } => {
            let mut line = format!("error: {error}");
            let mut cause = std::error::Error::source(error).and_then(|s| s.source());
            while let Some(inner) = cause {
                line.push_str(&format!(": {inner}"));
                cause = inner.source();
            }
            let _ = writeln!(std::io::stderr(), "{line}");
        }
    }
}
