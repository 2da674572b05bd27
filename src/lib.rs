//! roadmap-site: a learning roadmap in Markdown → a static progress site with badges.
//!
//! The pipeline, one stage per module:
//!
//! ```text
//! roadmap.toml ─ config ─┐
//! content/ ───── load ───┴─ roadmap::parse ─ model::Site ─┬─ render ─ Sink ─┬─ output_dir::Staging (build)
//! themes/ ────── theme ───────────────────────────────────┘                 └─ SiteOutput (serve, memory)
//! ```
#![warn(missing_docs)]

mod alongside;
mod badge;
mod cache_dir;
pub mod cli;
mod cmd;
mod config;
mod diagnostic;
mod dispose;
mod encoding;
mod error;
mod history;
mod html;
mod link_check;
mod load;
mod markdown;
mod memo;
pub mod model;
mod note;
mod output;
mod output_dir;
mod path;
mod render;
mod report;
pub mod roadmap;
mod serve;
mod slug;
mod source;
pub mod stages;
mod theme;
mod timings;

pub use config::{CONFIG_FILE, Config};
pub use diagnostic::{Diagnostic, Severity, Styles};
pub use dispose::Dispose;
pub use encoding::decode;
pub use error::{Error, Result};
pub use link_check::NoteLinks;
pub use markdown::CodeCache;
pub use memo::{Memo, Reused};
pub use output::SiteOutput;
pub use output_dir::{MANIFEST, WriteReport, write_site};
pub use render::SlowNotice;
pub use source::{Location, MAX_INPUT, SourceFile};

use std::sync::Mutex;

use alongside::alongside;

/// A generated site and what was noticed on the way.
#[derive(Debug)]
pub struct Generated<Output = SiteOutput> {
    /// Every file of the site ([`generate`]), or what writing them did ([`build`]).
    pub output: Output,
    /// Warnings (the build succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Counts for the closing line.
    pub summary: Summary,
    /// What became of the git history: one line, and whether to show it without
    /// `--verbose`.
    pub history: (String, bool),
    /// What the notes' links are, for a check of the generated pages that reports a
    /// problem at the note's line rather than at a page the user cannot edit.
    pub note_links: NoteLinks,
}

impl<O> Generated<O> {
    fn with<P>(self, output: P) -> Generated<P> {
        Generated {
            output,
            warnings: self.warnings,
            summary: self.summary,
            history: self.history,
            note_links: self.note_links,
        }
    }
}

/// What a site holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Number of phases.
    pub phases: usize,
    /// Number of tasks.
    pub tasks: usize,
    /// Number of tasks done.
    pub done: usize,
    /// Number of tasks skipped (outside the total that `done` is counted against).
    pub skipped: usize,
    /// Number of notes.
    pub notes: usize,
}

/// The site model and what it took to build it, before rendering.
#[derive(Debug)]
pub struct Loaded {
    /// Phases, tasks, notes and progress.
    pub site: model::Site,
    /// Files next to the notes, to publish.
    pub assets: Vec<load::Asset>,
    /// Problems found so far (warnings only: errors make it an `Err`).
    pub diagnostics: Vec<Diagnostic>,
    /// What became of the git history (see [`Generated::history`]).
    pub history: (String, bool),
}

/// Reads and resolves the inputs: the site model without pages.
pub fn load_site(config: &Config) -> Result<Loaded> {
    let mut timings = timings::Timings::from_env();
    let mut diagnostics = Vec::new();
    config.memo.begin();
    // Each stage's own reading is done alongside it: the code cache is needed from
    // the model on, the history after it.
    let (inputs, ()) = alongside(
        || read_and_parse(config, &mut diagnostics),
        || {
            let mut timings = timings::Timings::from_env();
            config.code_cache.begin(&cache_dir::path(&config.root));
            timings.stage("code load (alongside)");
        },
    );
    let (sources, roadmap) = inputs.inspect_err(|_| config.code_cache.abandon())?;
    timings.skip();
    let (mut site, history) = alongside(
        || model::Site::new(config, roadmap, &sources, &mut diagnostics), // notes, progress
        || history::read(config),
    );
    timings.stage("model");
    // Only saves time later: a cache that cannot be written is no reason to fail.
    let _ = config.code_cache.finish();
    timings.stage("code save");
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::Content(diagnostics));
    }
    let history = match history {
        Ok(history) => {
            let line = history.stats.clone();
            site.apply_history(history); // note dates win
            (line, false)
        }
        Err(skipped) => (skipped.reason, skipped.notable),
    };
    timings.stage("history");
    Ok(Loaded {
        site,
        assets: sources.assets,
        diagnostics,
        history,
    })
}

/// content/ → decoded sources, and the roadmap parsed while the notes are read.
/// Diagnostics come in the order of one stage after the other.
fn read_and_parse(
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(load::Sources, roadmap::Roadmap)> {
    let (roadmap, notes) = alongside(
        || -> Result<_> {
            let mut timings = timings::Timings::from_env();
            let (mut read, mut parsed) = (Vec::new(), Vec::new());
            let source = load::roadmap(config, &mut read)?;
            timings.stage("load roadmap");
            let roadmap = (config.memo).parse_roadmap(&source, &config.rules, &mut parsed);
            timings.stage("parse");
            Ok((source, roadmap, read, parsed))
        },
        || {
            let mut timings = timings::Timings::from_env();
            let mut read = Vec::new();
            let notes = load::notes(config, &mut read);
            timings.stage("load notes (alongside)");
            notes.map(|notes| (notes, read))
        },
    );
    let (source, roadmap, read, parsed) = roadmap?;
    let ((notes, assets), read_notes) = notes?;
    diagnostics.extend(read.into_iter().chain(read_notes).chain(parsed));
    let sources = load::Sources {
        roadmap: source,
        notes,
        assets,
    };
    Ok((sources, roadmap))
}

/// Runs the whole pipeline in memory: inputs → site files. Writes nothing.
pub fn generate(config: &Config) -> Result<Generated> {
    let timings = timings::Timings::from_env();
    let output = Mutex::new(SiteOutput::default());
    let generated = render_into(config, load_site(config)?, &output)?;
    timings.total();
    Ok(generated.with(output.into_inner().unwrap_or_else(|p| p.into_inner())))
}

/// Runs the whole pipeline into the configured output folder: pages go to a staging
/// folder beside it as they are rendered (a large site is never whole in memory),
/// which then replaces it in one step. A failed build leaves the folder as it was.
pub fn build(config: &Config) -> Result<Generated<WriteReport>> {
    let mut timings = timings::Timings::from_env();
    let dir = output_dir::check_output_dir(config)?;
    // The output folder is looked at while the inputs are read.
    let (loaded, staging) = alongside(|| load_site(config), || output_dir::Staging::begin(&dir));
    let staging = staging?;
    let generated = render_into(config, loaded?, &staging)?;
    timings.skip(); // timed stage by stage
    let written = staging.commit()?;
    timings.stage("swap");
    timings.total();
    Ok(generated.with(written))
}

/// The loaded site → its files, into `sink` as they are made.
fn render_into(config: &Config, loaded: Loaded, sink: &dyn output::Sink) -> Result<Generated<()>> {
    let mut timings = timings::Timings::from_env();
    let Loaded {
        site,
        assets,
        diagnostics,
        history,
    } = loaded;
    let theme = theme::Theme::load(config).map_err(|e| e.after(&diagnostics))?; // embedded + themes/<name>/
    timings.stage("theme");
    let source = config.roadmap.display().to_string();
    let input = render::Input {
        site: &site,
        theme: &theme,
        source: &source,
        assets: &assets,
        memo: &config.memo,
        dispose: config.dispose,
        slow_notice: config.slow_notice.as_ref(),
    };
    render::render(input, sink).map_err(|e| e.after(&diagnostics))?;
    timings.stage("render");
    config.memo.finish();
    let note_links = NoteLinks::of(&site);
    let summary = Summary {
        phases: site.phases.len(),
        tasks: site.tasks.len(),
        done: site.progress.done,
        skipped: site.progress.skipped,
        notes: site.notes.len(),
    };
    // The model holds every note's HTML: freeing it is tens of milliseconds on a large
    // site that nobody needs to wait for (serve's page, build's summary line).
    config.dispose.let_go((site, theme));
    Ok(Generated {
        output: (),
        warnings: diagnostics,
        summary,
        history,
        note_links,
    })
}
