//! `roadmap-site build`: generate the site and write it to the output folder atomically.

use std::time::Instant;

use super::{load_config, plural};
use crate::cli::{BuildOptions, Global};
use crate::error::Result;
use crate::timings::Timings;
use crate::{generate, report, write_site};

/// Builds the site and prints the warnings and a closing summary line.
pub fn execute(options: &BuildOptions, global: Global) -> Result<()> {
    let started = Instant::now();
    let mut config = load_config(&options.site)?;
    if let Some(output) = &options.output {
        config.output_dir = output.clone();
    }
    if let Some(url) = &options.base_url {
        config.set_base_url(url);
    }
    let generated = generate(&config)?;
    report::diagnostics(&generated.warnings, global);
    // Said once: a shallow clone without history is worth knowing; no git is not.
    match &generated.history {
        (line, true) => report::status(global, &format!("note: {line}")),
        (line, false) => report::verbose(global, line),
    }
    let generated_in = started.elapsed();
    let mut timings = Timings::from_env();
    let written = write_site(&config, &generated.output)?;
    timings.stage("write");
    for warning in &written.warnings {
        report::status(global, &format!("warning: {warning}"));
    }
    report::verbose(
        global,
        &format!(
            "generated {} files in {} ms; wrote them to {}, kept {} of your files, removed {} stale",
            generated.output.len(),
            generated_in.as_millis(),
            written.dir.display(),
            written.kept,
            written.removed
        ),
    );
    let s = generated.summary;
    report::status(
        global,
        &format!(
            "Built {}, {}, {} → {}/ in {} ms",
            plural(s.phases, "phase"),
            plural(s.tasks, "task"),
            plural(s.notes, "note"),
            config.output_dir.display(),
            started.elapsed().as_millis()
        ),
    );
    Ok(())
}
