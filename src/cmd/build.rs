//! `roadmap-site build`: generate the site and write it to the output folder atomically.

use std::time::Instant;

use super::load_config;
use crate::cli::{BuildOptions, Global};
use crate::error::{Error, Result};
use crate::plural::plural;
use crate::{Session, build, report};

/// Builds the site and prints the warnings and a closing summary line.
pub fn execute(options: &BuildOptions, global: Global) -> Result<()> {
    let started = Instant::now();
    if let Some(url) = &options.base_url
        && let Err((why, fixed)) = crate::config::check_base_url(url)
    {
        return Err(Error::Usage {
            message: format!("--base-url must be an absolute URL: {why}"),
            hint: format!("write --base-url {fixed}"),
        });
    }
    let mut config = load_config(&options.site, "build", global)?;
    if let Some(output) = &options.output {
        config.output_dir = output.clone();
    }
    if let Some(url) = &options.base_url {
        config.set_base_url(url);
    }
    let session = Session::new()
        .ending_the_process()
        .with_slow_notice(report::slow_notice(global))
        .with_timings(global.verbose);
    // On the pool's workers from the start: the main thread then allocates nothing
    // while they work, and glibc gives it no arena of its own to grow (peak memory
    // at N = 10,000: 107 → 103 MiB, same time; BENCHMARKS.md, session 7).
    let generated = rayon::scope(|_| build(&config, &session))?;
    report::diagnostics(&generated.warnings, global);
    report::verbose(global, &generated.history_note);
    for notice in &generated.notices {
        report::status(global, &format!("note: {notice}"));
    }
    let (pictures, drawn) = generated.pictures;
    report::verbose(
        global,
        &format!("pictures: {drawn} of {pictures} drawn, the others cached"),
    );
    report::written(&generated.output, global);
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
