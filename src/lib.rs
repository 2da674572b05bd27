//! roadmap-site: a learning roadmap in Markdown → a static progress site with badges.
//!
//! The pipeline, one stage per module, is the body of `pipeline` below, which
//! [`generate`] (in memory) and [`build`] (into the output folder) run: read it top to
//! bottom. A [`Config`] is what the user wrote (plain data); a [`Session`] is what
//! the program keeps between builds (caches, timings) and is handed only to the
//! stages that use it. [`load_site`] stops after the model, for the commands that
//! render nothing.
//!
//! ```text
//! roadmap.toml ─ config
//! content/ ───── load ─ roadmap::parse ─ model::Site ─┬─ notes_html ─┬─ render ─ Sink ─┬─ output_dir (build)
//! .git ───────── history ─────────────────────────────┘              │                 └─ SiteOutput (serve)
//! themes/ ────── theme ──────────────────────────────────────────────┘
//! ```
#![warn(missing_docs)]

// The modules by layer, from the leaves up (tests/layers.rs checks that every
// `crate::` path points down this list).
// Leaves: text, paths, dates, messages.
mod badge;
mod cache_dir;
mod date;
mod diagnostic;
mod encoding;
mod error;
mod html;
mod path;
mod plural;
mod replace_file;
mod slug;
mod source;
mod suggest;
mod timings;
// What the stages share: the reader's rules, the settings, Markdown, the caches.
mod config;
mod markdown;
mod memo;
pub mod roadmap;
mod session;
// The stages (`pipeline` below runs them in order) and what they make.
pub mod history;
mod i18n;
mod link_check;
mod load;
pub mod model;
mod note;
mod notes_html;
mod output;
mod output_dir;
mod render;
mod theme;
// Writes back into the inputs (serve's status controls): reads them as the stages do.
pub mod edit;
// The program: commands, their arguments, what they print, the dev server.
pub mod cli;
mod cmd;
mod report;
mod serve;

pub use config::{CONFIG_FILE, Config};
pub use diagnostic::{Diagnostic, Severity, Styles};
pub use encoding::decode;
pub use error::{Error, Result};
pub use link_check::NoteLinks;
pub use memo::Reused;
pub use output::SiteOutput;
pub use output_dir::{MANIFEST, WriteReport, write_site};
pub use session::{Session, SlowNotice};
pub use source::{Location, MAX_INPUT, SourceFile};

use std::sync::Mutex;

/// A generated site and what was noticed on the way.
#[derive(Debug)]
pub struct Generated<Output = SiteOutput> {
    /// Every file of the site ([`generate`]), or what writing them did ([`build`]).
    pub output: Output,
    /// Warnings (the build succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Counts for the closing line.
    pub summary: Summary,
    /// How the git history was read, or why there is none (for `--verbose`; a
    /// reason worth knowing is among the warnings too).
    pub history_note: String,
    /// What the notes' links are, for a check of the generated pages that reports a
    /// problem at the note's line rather than at a page the user cannot edit.
    pub note_links: NoteLinks,
    /// What the user should know that is no problem (link previews skipped for want
    /// of a `base_url`, a `_headers` of theirs left alone): each said once.
    pub notices: Vec<String>,
    /// Preview and card pictures in the site, and how many of them were drawn (the
    /// others came from the cache).
    pub pictures: (usize, usize),
}

impl<O> Generated<O> {
    fn with<P>(self, output: P) -> Generated<P> {
        Generated {
            output,
            warnings: self.warnings,
            summary: self.summary,
            history_note: self.history_note,
            note_links: self.note_links,
            notices: self.notices,
            pictures: self.pictures,
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

/// Runs the whole pipeline in memory: inputs → site files. Writes nothing but the
/// session's code cache.
pub fn generate(config: &Config, session: &Session) -> Result<Generated> {
    let open = || Ok(Mutex::new(SiteOutput::default()));
    let (generated, output) = pipeline(config, session, open)?;
    Ok(generated.with(output.into_inner().unwrap_or_else(|p| p.into_inner())))
}

/// Runs the whole pipeline into the configured output folder: pages go to a staging
/// folder beside it as they are rendered (a large site is never whole in memory),
/// which then replaces it in one step. A failed build leaves the folder as it was.
pub fn build(config: &Config, session: &Session) -> Result<Generated<WriteReport>> {
    let dir = output_dir::check_output_dir(config)?;
    let (generated, staging) = pipeline(config, session, || output_dir::Staging::begin(&dir))?;
    Ok(generated.with(staging.commit()?))
}

/// The stages, top to bottom: each one's inputs are in its call. Problems gather in
/// `found`; an error among them stops the build after the stage that found it. The
/// site's files go into the sink that `open` makes (a staging folder, memory).
fn pipeline<S: output::Sink + Send>(
    config: &Config,
    session: &Session,
    open: impl FnOnce() -> Result<S> + Send,
) -> Result<(Generated<()>, S)> {
    let (mut time, mut found) = (session.stopwatch(), Vec::new());
    let cache_dir = cache_dir::path(&config.root);
    session.memo.begin(); // what this build does not use is forgotten at its end
    let mut parsing = Vec::new(); // the parser's findings come after the files'
    let loaded = load::load_then(config, &session.memo, &mut found, |roadmap| {
        rayon::join(
            || (session.memo).parse_roadmap(roadmap, &config.rules, &mut parsing),
            || session.code_cache.begin(&cache_dir), // read meanwhile
        )
    }); // files, decoded; the roadmap parsed while the notes are read
    let (mut inputs, (roadmap, ())) = loaded.inspect_err(|_| session.code_cache.abandon())?;
    found.append(&mut parsing);
    time.stage("load+parse");
    // Meanwhile: the git history read, and the output opened (its folder scanned:
    // 60–100 ms for 10,000 pages).
    let (mut site, (history, sink)) = rayon::join(
        || model::Site::new(config, roadmap, &inputs, &mut found), // no HTML
        || (history::read(config, session.caches), open()),
    );
    let sink = sink.inspect_err(|_| session.code_cache.abandon())?;
    history.date_tasks(&mut site); // where notes give no dates
    time.stage("model");
    // The theme and its language before the notes: their headings' anchor links are
    // named in it. Their errors wait, so that the notes' are reported in the same run.
    let loaded = theme::Theme::load(config).map(|theme| {
        let language = i18n::Language::load(config, &theme, &mut found);
        (theme, language) // embedded + themes/<name>/, and its strings
    });
    let anchor_label = match &loaded {
        Ok((_, Ok(language))) => language.get("anchor_label"),
        _ => "",
    };
    let notes = notes_html::render(&site, &inputs, session, anchor_label, &mut found); // Markdown → HTML
    let prose = notes_html::render_prose(&site, &inputs, session, anchor_label, &mut found); // the roadmap's own
    found.extend(notes_html::save_code_cache(session, &cache_dir));
    found.extend(history.warnings);
    // Not before: the notes' own problems are reported in the same run.
    let notes = stop_on_errors(notes, &found)?;
    // The notes are HTML now: their Markdown goes before the largest stage, whose
    // peak it would add to (5 MB of a 10,000-task site's, BENCHMARKS.md).
    drop(std::mem::take(&mut inputs.notes));
    time.stage("notes");
    let (theme, language) = loaded.map_err(|e| e.after(&found))?;
    let language = language.map_err(|e| e.after(&found))?;
    let pages = render::Input {
        site: &site,
        history: history.history.as_ref(),
        notes: &notes,
        prose: &prose,
        theme: &theme,
        language: &language,
        assets: &inputs.assets,
        source: &config.roadmap,
        share: &config.share,
        cache_dir: &cache_dir,
    };
    let shared = render::render(pages, session, &sink).map_err(|e| e.after(&found))?;
    session.memo.finish();
    time.stage("render");
    time.total();
    let generated = Generated {
        output: (),
        summary: Summary::of(&site),
        note_links: NoteLinks::of(&site, &notes),
        warnings: found,
        history_note: history.line,
        notices: shared.notices,
        pictures: (shared.pictures, shared.drawn),
    };
    // Freeing a large site's model and HTML takes tens of milliseconds that neither
    // serve's next page nor build's last line needs to wait for.
    session.let_go((inputs, site, history.history, notes, prose, theme, language));
    Ok((generated, sink))
}

/// `value`, unless `found` holds an error: then every problem found so far.
fn stop_on_errors<T>(value: T, found: &[Diagnostic]) -> Result<T> {
    match found.iter().any(Diagnostic::is_error) {
        true => Err(Error::Content(found.to_vec())),
        false => Ok(value),
    }
}

/// Reads and resolves the inputs, and stops there: the site model without any HTML,
/// for the commands that render nothing (`status`, `new note`). Writes nothing, not
/// even the caches.
pub fn load_site(config: &Config) -> Result<Loaded> {
    let mut found = Vec::new();
    let inputs = load::load(config, &memo::Memo::default(), &mut found)?;
    let roadmap = roadmap::parse(&inputs.roadmap, &config.rules, &mut found);
    let (site, history) = rayon::join(
        || model::Site::new(config, roadmap, &inputs, &mut found),
        || history::read(config, session::Caches::ReadOnly),
    );
    let mut site = stop_on_errors(site, &found)?;
    history.date_tasks(&mut site);
    found.extend(history.warnings);
    Ok(Loaded {
        site,
        history: history.history,
        diagnostics: found,
    })
}

/// The site model, before any HTML.
#[derive(Debug)]
pub struct Loaded {
    /// Phases, tasks, notes and progress.
    pub site: model::Site,
    /// The roadmap file's git history, when there is one.
    pub history: Option<history::History>,
    /// Problems found (warnings only: errors make it an `Err`).
    pub diagnostics: Vec<Diagnostic>,
}

impl Summary {
    fn of(site: &model::Site) -> Summary {
        Summary {
            phases: site.phases.len(),
            tasks: site.tasks.len(),
            done: site.progress.done,
            skipped: site.progress.skipped,
            notes: site.notes.len(),
        }
    }
}
