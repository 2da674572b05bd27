//! The pipeline one stage at a time (config → [`Inputs`] → [`Roadmap`] → [`Site`] →
//! [`SiteOutput`]), for [`generate`](crate::generate) and the benchmarks, which time
//! each stage on its own. Not a stable API.
#![doc(hidden)]

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::load::{self, Sources};
use crate::model::Site;
use crate::output::SiteOutput;
use crate::roadmap::{self, Roadmap};
pub use crate::theme::Theme;

/// The decoded input files of one build.
#[derive(Debug)]
pub struct Inputs {
    sources: Sources,
}

/// Reads the roadmap, the notes and the list of files next to the notes.
pub fn load(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Result<Inputs> {
    let sources = load::load(config, diagnostics)?;
    Ok(Inputs { sources })
}

/// Parses the roadmap file.
pub fn parse(config: &Config, inputs: &Inputs, diagnostics: &mut Vec<Diagnostic>) -> Roadmap {
    roadmap::parse(&inputs.sources.roadmap, &config.rules, diagnostics)
}

/// Builds the site model: slugs, notes linked and rendered to HTML, progress.
pub fn model(
    config: &Config,
    inputs: &Inputs,
    roadmap: Roadmap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    Site::new(config, roadmap, &inputs.sources, diagnostics)
}

/// Loads and compiles the theme's templates.
pub fn theme(config: &Config) -> Result<Theme> {
    Theme::load(config)
}

/// Renders every page and file of the site in memory.
pub fn render(config: &Config, inputs: &Inputs, site: &Site, theme: &Theme) -> Result<SiteOutput> {
    let source = config.roadmap.display().to_string();
    let input = crate::render::Input {
        site,
        theme,
        source: &source,
        assets: &inputs.sources.assets,
        memo: &config.memo,
        dispose: config.dispose,
        slow_notice: config.slow_notice.as_ref(),
    };
    let output = std::sync::Mutex::new(SiteOutput::default());
    crate::render::render(input, &output)?;
    Ok(output.into_inner().unwrap_or_else(|p| p.into_inner()))
}
