//! Diagnostics, errors and status lines → the terminal (stderr), coloured when it is a
//! terminal and `NO_COLOR` is not set (anstream honours `NO_COLOR`, `CLICOLOR` and
//! `CLICOLOR_FORCE`). The one place that prints problems.

use std::io::Write;

use crate::cli::Global;
use crate::diagnostic::{Diagnostic, Styles};
use crate::error::Error;

/// Most diagnostics printed in one run; a generated file with thousands of problems
/// should not flood the terminal.
const MAX_SHOWN: usize = 200;

/// Prints diagnostics (errors first), each followed by a blank line; with `--quiet`,
/// errors only.
pub fn diagnostics(list: &[Diagnostic], global: Global) {
    let mut err = anstream::stderr().lock();
    let styles = Styles::colored();
    let errors = list.iter().filter(|d| d.is_error());
    let warnings = list.iter().filter(|d| !d.is_error() && !global.quiet);
    let shown: Vec<&Diagnostic> = errors.chain(warnings).collect();
    for d in shown.iter().take(MAX_SHOWN) {
        let _ = writeln!(err, "{}\n", d.render(&styles));
    }
    if shown.len() > MAX_SHOWN {
        let _ = writeln!(
            err,
            "… and {} more problems not shown\n",
            shown.len() - MAX_SHOWN
        );
    }
}

/// A line of progress or a summary, unless `--quiet`.
pub fn status(global: Global, line: &str) {
    if !global.quiet {
        let _ = writeln!(anstream::stderr(), "{line}");
    }
}

/// A line shown only with `--verbose`.
pub fn verbose(global: Global, line: &str) {
    if global.verbose {
        let _ = writeln!(anstream::stderr(), "{line}");
    }
}

/// Prints an error with everything it carries: all diagnostics, the cause chain, the hint.
pub fn error(error: &Error, global: Global) {
    let styles = Styles::colored();
    let e = styles.error;
    let mut err = anstream::stderr().lock();
    match error {
        Error::Content(list) => {
            drop(err);
            diagnostics(list, global);
            let _ = writeln!(anstream::stderr(), "{e}error:{e:#} {error}");
        }
        Error::Refused { message, hint } => {
            let help = styles.help;
            let _ = writeln!(
                err,
                "{e}error:{e:#} {message}\n  {help}= help:{help:#} {hint}"
            );
        }
        Error::Io { .. } => {
            let mut line = error.to_string();
            let mut cause = std::error::Error::source(error).and_then(|s| s.source());
            while let Some(inner) = cause {
                line.push_str(&format!(": {inner}"));
                cause = inner.source();
            }
            let _ = writeln!(err, "{e}error:{e:#} {line}");
        }
    }
}
