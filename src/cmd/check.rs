//! `roadmap-site check`: everything `build` does except writing, plus a check of every
//! internal link and anchor of the generated pages, and a summary.

use std::time::Instant;

use super::load_config;
use crate::cli::{CheckOptions, Global};
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::plural::plural;
use crate::{Session, generate, link_check, report};

/// Generates the site in memory, checks its links and reports; with `--strict`,
/// any warning fails the check, after the same report in the same order.
pub fn execute(options: &CheckOptions, global: Global) -> Result<()> {
    let started = Instant::now();
    let config = load_config(&options.site, "check", global)?;
    // Nothing is written, not even the caches (a `--strict` check of a read-only
    // checkout must not fail for a cache it cannot save).
    let session = Session::new()
        .without_saving_caches()
        .with_slow_notice(report::slow_notice(global))
        .with_timings(global.verbose);
    let generated = generate(&config, &session)?;
    let shown = config.output_dir.display().to_string();
    let links = link_check::check(&generated.output, &shown, &generated.note_links);
    let mut warnings = generated.warnings;
    warnings.extend(links.problems);
    if options.strict {
        warnings
            .iter_mut()
            .for_each(|d| d.severity = Severity::Error);
    }
    let s = generated.summary;
    let pages = generated
        .output
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .count();
    let summary = format!(
        "Checked {}, {}, {}, {} and {}: {} in {} ms",
        plural(s.phases, "phase"),
        plural(s.tasks, "task"),
        plural(s.notes, "note"),
        plural(pages, "page"),
        plural(links.checked, "link"),
        match warnings.len() {
            0 => "no problems".to_string(),
            n if options.strict => plural(n, "error"),
            n => plural(n, "warning"),
        },
        started.elapsed().as_millis()
    );
    report::diagnostics(&warnings, global);
    report::status(global, &summary);
    report::verbose(global, &generated.history_note);
    match warnings.len() {
        n if options.strict && n > 0 => Err(Error::Strict { warnings: n }),
        _ => Ok(()),
    }
}
