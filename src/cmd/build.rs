//! `roadmap-site build`: generate the site and write it to the output folder atomically.

use std::time::Instant;

use crate::cli::BuildOptions;
use crate::config::Config;
use crate::error::Result;
use crate::timings::Timings;
use crate::{generate, report, write_site};

/// Builds the site and prints the warnings and a closing summary line.
pub fn execute(options: &BuildOptions) -> Result<()> {
    let started = Instant::now();
    let mut config = Config::load(&options.root)?;
    if let Some(output) = &options.output {
        config.output_dir = output.clone();
    }
    let generated = generate(&config)?;
    report::diagnostics(&generated.warnings);
    let mut timings = Timings::from_env();
    let report = write_site(&config, &generated.output)?;
    timings.stage("write");
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    let s = generated.summary;
    eprintln!(
        "Built {}, {} ({} done) → {}/ in {} ms",
        plural(s.phases, "phase"),
        plural(s.tasks, "task"),
        s.done,
        config.output_dir.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// `1 phase`, `6 phases`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
