//! [`Site`] + [`Theme`] → every page and file of the site, into a [`Sink`] as they
//! are made (pages are not all held at once: on a large site they are most of it).

mod feed;
mod history_view;
mod map;
mod note_view;
mod page;
mod pages;
mod progress_json;
mod search;
mod share;
mod sidebar;
mod site_value;
mod sitemap;
mod slow;
mod task_context;
mod task_value;
mod translate;
mod view;

pub use progress_json::progress_json;
pub use share::Report as ShareReport;

pub use view::{SiteView, phase_path, task_path};

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::badge::{self, Badge};
use crate::config::ShareSettings;
use crate::error::{Error, Result};
use crate::history::History;
use crate::i18n::Language;
use crate::load::Asset;
use crate::memo::{Fingerprint, Memo};
use crate::model::Site;
use crate::notes_html::{NotesHtml, ProseHtml};
use crate::output::Sink;
use crate::session::Session;
use crate::theme::Theme;
use page::Page;
use pages::Pages;
use site_value::SiteValue;
use slow::InProgress;

/// The context of every HTML page besides the global `site`.
#[derive(Serialize)]
struct PageContext<'a> {
    /// Relative prefix to the site root (`""` or `"../"`), so the site works under
    /// any sub-path; `base_url` on the 404 page, which is served at any path.
    root: &'a str,
    /// The stylesheet's text, inlined on the 404 page when there is no `base_url`.
    inline_css: Option<&'a str>,
    /// The link-preview tags' values (`page_meta`), when the site has a `base_url`.
    page_meta: Option<share::MetaView>,
    page: Page<'a>,
}

struct Renderer<'t> {
    tera: Tera,
    theme: &'t Theme,
    memo: &'t Memo,
    /// Fingerprint of the templates and the `site` value, when the memo is on.
    site: Option<u64>,
    /// The `site` value's tasks and phases, shared by the pages that show them.
    values: &'t SiteValue,
    /// The pages being rendered, when someone is told of a slow render.
    in_progress: Option<&'t InProgress>,
    /// The lists of phases rendered so far.
    sidebars: sidebar::Sidebars,
}

impl Renderer<'_> {
    /// Renders a page into `buffer` (reused from page to page, so that it has grown
    /// to the largest page after a few). A page the memo holds for the same
    /// templates, site and page data is reused.
    fn page<'b>(
        &self,
        path: &str,
        template: &'static str,
        context: &PageContext,
        buffer: &'b mut Vec<u8>,
    ) -> Result<Cow<'b, [u8]>> {
        let fingerprint = self.site.map(|site| {
            let mut fingerprint = Fingerprint::default();
            fingerprint.add(site).add(template).add_serialized(context);
            fingerprint.finish()
        });
        if let Some(bytes) = fingerprint.and_then(|f| self.memo.page(path, f)) {
            return Ok(Cow::Owned(bytes));
        }
        let _rendering = self.in_progress.map(|pages| pages.enter(path, template));
        let error = |e: tera::Error| Error::Content(vec![self.theme.diagnostic(&e)]);
        // Made only now: a page the memo holds needs no value.
        let mut values = match self.values.page(&context.page) {
            Some(page) => {
                // Every field, named: a new one cannot be forgotten here.
                let PageContext {
                    root,
                    inline_css,
                    page_meta,
                    page: _,
                } = context;
                let mut values = tera::Context::new();
                values.insert("root", root);
                values.insert("inline_css", inline_css);
                values.insert("page_meta", page_meta);
                values.insert_value("page", page);
                values
            }
            None => tera::Context::from_serialize(context).map_err(error)?,
        };
        let sidebar = self.sidebars.get(&self.tera, context.root, &context.page);
        values.insert_value("sidebar", sidebar.map_err(error)?);
        buffer.clear();
        self.tera
            .render_to(template, &values, &mut *buffer)
            .map_err(error)?;
        let bytes: &'b [u8] = buffer;
        if let Some(f) = fingerprint {
            self.memo.keep_page(path, f, bytes);
        }
        Ok(Cow::Borrowed(bytes))
    }
}

/// What the site is rendered from.
pub struct Input<'a> {
    /// The site model.
    pub site: &'a Site,
    /// The roadmap file's git history, when there is one.
    pub history: Option<&'a History>,
    /// Every note's HTML.
    pub notes: &'a NotesHtml,
    /// The HTML of the roadmap's own prose.
    pub prose: &'a ProseHtml,
    /// Templates and static files.
    pub theme: &'a Theme,
    /// The strings of the pages, in the site's language.
    pub language: &'a Language,
    /// Files next to the notes, copied as they are.
    pub assets: &'a [Asset],
    /// The roadmap file's path as shown on task pages (under `serve`).
    pub source: &'a std::path::Path,
    /// `[share]` of roadmap.toml.
    pub share: &'a ShareSettings,
    /// The site's cache folder (preview pictures are cached there).
    pub cache_dir: &'a std::path::Path,
}

/// Renders the whole site into `sink`. Pages are rendered in parallel; what reaches
/// the sink is what a single-threaded render gives, and so is the first error. Pages
/// the session's memo holds for the same data are not rendered again. Returns what
/// making the sharing files found.
pub fn render(input: Input, session: &Session, sink: &dyn Sink) -> Result<ShareReport> {
    let Input {
        site,
        history,
        notes,
        prose,
        theme,
        language: lang,
        assets,
        source,
        share: share_settings,
        cache_dir,
    } = input;
    let (memo, source) = (&session.memo, &source.display().to_string());
    // Dropped when this function returns: the watchdog watches this stage only.
    let watch = slow::watch(session.slow_notice.as_ref(), theme);
    let feed = feed::feed(site, lang);
    let mut view = SiteView::new(site, prose, lang);
    view.feed = feed.is_some();
    let mut tera = theme.tera.clone();
    // The two largest files besides the pages (8 MB of a 10,000-task site's) are
    // made and written before the site value, so that their buffers are freed
    // before the pages' peak of memory rather than added to it (BENCHMARKS.md).
    let (progress, search) = rayon::join(
        || sink.put_owned("progress.json", progress_json::progress_json(site, history)),
        || {
            let search = search::search_files(site, notes, &translate::search_strings(lang));
            sink.put("search-index.json", search.json())?;
            sink.put_owned("search-index.js", search.into_script())
        },
    );
    progress.and(search)?;
    // The site view is serialised once, not once per page.
    let (value, fingerprint) = rayon::join(
        || view.to_value(),
        || {
            memo.is_enabled().then(|| {
                let mut fingerprint = Fingerprint::default();
                let texts = (theme.fingerprint, lang.fingerprint);
                fingerprint.add(texts).add_serialized(&view);
                fingerprint.finish()
            })
        },
    );
    tera.global_context()
        .insert_value("site", value.site.clone());
    translate::register(&mut tera, lang);
    // Author tooling (source lines, where to write a note) is for `serve` only.
    tera.global_context()
        .insert("author", &session.author_tools);
    let mut pages = Pages {
        renderer: Renderer {
            tera,
            theme,
            memo,
            site: fingerprint,
            values: &value,
            in_progress: watch.as_ref().map(|(pages, _)| &**pages),
            sidebars: sidebar::Sidebars::default(),
        },
        site,
        notes,
        history,
        view: &view,
        source,
        places: task_context::Places::new(site, prose, lang),
        lang,
        meta: share::Meta {
            site,
            lang,
            previews: share_settings.previews,
        },
        share: share_settings,
    };
    let jobs = pages.jobs();
    // The files that are not pages are made meanwhile.
    let (rendered, others) = rayon::join(
        || -> Vec<Result<String>> {
            jobs.par_iter()
                .map_init(Vec::new, |buffer, &job| pages.render(job, buffer, sink))
                .collect()
        },
        || -> Result<ShareReport> {
            badges(site, lang, sink)?;
            sink.put_owned("map.svg", map::standalone(site, lang).into_bytes())?;
            let cache = share::Cache {
                dir: cache_dir,
                save: matches!(session.caches, crate::session::Caches::Save),
            };
            let theme_headers = theme.statics.contains_key("_headers");
            share::files(site, lang, share_settings, cache, theme_headers, sink)
        },
    );
    let paths = rendered.into_iter().collect::<Result<Vec<String>>>()?;
    let shared = others?;
    let css = theme
        .statics
        .get("style.css")
        .and_then(|b| std::str::from_utf8(b).ok());
    let not_found = match &site.base_url {
        // No preview tags: the page is served at any address, none of them its own.
        Some(base) => PageContext {
            root: base,
            inline_css: None,
            page_meta: None,
            page: Page::NotFound,
        },
        None => PageContext {
            root: "",
            inline_css: css,
            page_meta: None,
            page: Page::NotFound,
        },
    };
    let mut buffer = Vec::new();
    let page = pages
        .renderer
        .page("404.html", "404.html", &not_found, &mut buffer)?;
    put(sink, "404.html", page)?;
    // The site value holds every phase and task: freeing it takes about as long as
    // building it, and nothing needs to wait for that.
    // The page values share the site value's: both go together.
    session.let_go((std::mem::take(&mut pages.renderer.tera), value));

    if let Some(base) = &site.base_url {
        sink.put_owned("sitemap.xml", sitemap::sitemap(base, &paths))?;
    }
    if let Some(feed) = feed {
        sink.put_owned("feed.xml", feed)?;
    }
    // Tells GitHub Pages to serve the files as they are, without Jekyll.
    sink.put(".nojekyll", &[])?;
    for (path, bytes) in &theme.statics {
        sink.put(path, bytes)?;
    }
    for asset in assets {
        let bytes = std::fs::read(&asset.path).map_err(|e| Error::io(&asset.path, e))?;
        sink.put_owned(&format!("notes/{}", asset.relative), bytes)?;
    }
    Ok(shared)
}

/// A rendered page into `sink`: moved when it is the memo's copy, else copied out
/// of the render buffer.
fn put(sink: &dyn Sink, path: &str, bytes: Cow<[u8]>) -> Result<()> {
    match bytes {
        Cow::Owned(bytes) => sink.put_owned(path, bytes),
        Cow::Borrowed(bytes) => sink.put(path, bytes),
    }
}

fn badges(site: &Site, lang: &Language, sink: &dyn Sink) -> Result<()> {
    let overall = Badge {
        label: lang.get("badge_label").to_string(),
        message: site.progress.label(),
        percent: site.progress.percent(),
    };
    sink.put_owned("badges/progress.svg", overall.svg().into_bytes())?;
    sink.put_owned("badges/progress.json", overall.endpoint_json())?;
    for phase in &site.phases {
        let badge = Badge {
            label: badge::label_from(phase.shown_title()),
            message: phase.progress.label(),
            percent: phase.progress.percent(),
        };
        let path = format!("badges/{}.svg", phase.slug);
        sink.put_owned(&path, badge.svg().into_bytes())?;
    }
    Ok(())
}
