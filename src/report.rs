//! Diagnostics, errors and status lines → the terminal (stderr), coloured when it is a
//! terminal and `NO_COLOR` is not set (anstream honours `NO_COLOR`, `CLICOLOR` and
//! `CLICOLOR_FORCE`), and → plain text for `serve`'s error overlay, which shows the
//! very same text. The one place that prints problems.

use std::fmt::Write as _;
use std::io::Write as _;

use crate::WriteReport;
use crate::cli::Global;
use crate::diagnostic::{Diagnostic, Styles};
use crate::error::Error;
use crate::plural::plural;
use crate::session::SlowNotice;

/// Most diagnostics printed in one run; a generated file with thousands of problems
/// should not flood the terminal.
const MAX_SHOWN: usize = 200;

/// Prints diagnostics (errors first), each followed by a blank line; with `--quiet`,
/// errors only.
pub fn diagnostics(list: &[Diagnostic], global: Global) {
    let text = render_diagnostics(list, &Styles::colored(), global.quiet);
    let _ = anstream::stderr().lock().write_all(text.as_bytes());
}

/// Prints one problem: an error always, a warning unless `--quiet`.
pub fn problem(diagnostic: &Diagnostic, global: Global) {
    diagnostics(std::slice::from_ref(diagnostic), global);
}

/// A line printed even with `--quiet`: what the command gives the user and cannot
/// be done without (the address `serve` listens on).
pub fn essential(line: &str) {
    let _ = writeln!(anstream::stderr(), "{line}");
}

/// What a write to the output folder did: its warnings (unless `--quiet`) and, with
/// `--verbose`, what it wrote, kept and removed.
pub fn written(report: &WriteReport, global: Global) {
    diagnostics(&report.warnings, global);
    verbose(
        global,
        &format!(
            "{} in {}: {} new or changed, {} unchanged; kept {} of your files, removed {} stale",
            plural(report.written, "file"),
            report.dir.display(),
            report.written.saturating_sub(report.unchanged),
            report.unchanged,
            report.kept,
            report.removed
        ),
    );
}

/// A line of progress or a summary, unless `--quiet`.
pub fn status(global: Global, line: &str) {
    if !global.quiet {
        let _ = writeln!(anstream::stderr(), "{line}");
    }
}

/// Whom `build`, `check` and `serve` tell that rendering is slow: a `note:` line on
/// stderr after [`SlowNotice::AFTER`], unless `--quiet`.
pub fn slow_notice(global: Global) -> SlowNotice {
    SlowNotice {
        after: SlowNotice::AFTER,
        tell: std::sync::Arc::new(move |line| status(global, &format!("note: {line}"))),
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
    let text = render_error(error, &Styles::colored(), global.quiet);
    let _ = anstream::stderr().lock().write_all(text.as_bytes());
}

/// An error as plain text, as [`error`] prints it without colour.
pub fn error_text(error: &Error) -> String {
    render_error(error, &Styles::default(), false)
}

fn render_diagnostics(list: &[Diagnostic], styles: &Styles, quiet: bool) -> String {
    let mut text = String::new();
    let errors = list.iter().filter(|d| d.is_error());
    let warnings = list.iter().filter(|d| !d.is_error() && !quiet);
    let shown: Vec<&Diagnostic> = errors.chain(warnings).collect();
    for d in shown.iter().take(MAX_SHOWN) {
        let _ = writeln!(text, "{}\n", d.render(styles));
    }
    if shown.len() > MAX_SHOWN {
        let _ = writeln!(
            text,
            "… and {} more problems not shown\n",
            shown.len() - MAX_SHOWN
        );
    }
    text
}

fn render_error(error: &Error, styles: &Styles, quiet: bool) -> String {
    let e = styles.error;
    match error {
        Error::Content(list) => {
            format!(
                "{}{e}error:{e:#} {error}\n",
                render_diagnostics(list, styles, quiet)
            )
        }
        Error::Refused { message, hint } | Error::Usage { message, hint } => {
            let help = styles.help;
            format!("{e}error:{e:#} {message}\n  {help}= help:{help:#} {hint}\n")
        }
        Error::Missing(diagnostic) => format!("{}\n", diagnostic.render(styles)),
        Error::Strict { .. } => format!("{e}error:{e:#} {error}\n"),
        Error::Io { .. } => {
            let mut line = error.to_string();
            let mut cause = std::error::Error::source(error).and_then(|s| s.source());
            while let Some(inner) = cause {
                let _ = write!(line, ": {inner}");
                cause = inner.source();
            }
            format!("{e}error:{e:#} {line}\n")
        }
    }
}
