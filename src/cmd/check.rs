//! `roadmap-site check`: everything `build` does except writing, plus a check of every
//! internal link and anchor of the generated pages, and a summary.

use std::time::Instant;

use super::{load_config, plural};
use crate::cli::{CheckOptions, Global};
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::{generate, link_check, report};

/// Generates the site in memory, checks its links and reports; with `--strict`,
/// any warning fails the check.
pub fn execute(options: &CheckOptions, global: Global) -> Result<()> {
    let started = Instant::now();
    let mut config = load_config(&options.site)?;
    config.slow_notice = Some(report::slow_notice(global));
    let generated = generate(&config)?;
    let links = link_check::check(&generated.output, &config.output_dir.display().to_string());
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
    if options.strict && !warnings.is_empty() {
        report::status(global, &summary);
        return Err(Error::Content(warnings));
    }
    report::diagnostics(&warnings, global);
    report::status(global, &summary);
    report::status(global, &format!("note: {}", generated.history.0));
    Ok(())
}
