//! [`Site`] + [`Theme`] → [`SiteOutput`]: every page and file of the site, in memory.

mod feed;
mod history_view;
mod note_view;
mod page;
mod progress_json;
mod search;
mod sitemap;
mod view;

pub use progress_json::progress_json;
pub use view::{SiteView, percent_label, phase_path, task_path};

use serde::Serialize;
use tera::Tera;

use crate::badge::{self, Badge};
use crate::error::{Error, Result};
use crate::load::Asset;
use crate::model::Site;
use crate::output::SiteOutput;
use crate::roadmap::Status;
use crate::theme::Theme;
use history_view::HistoryView;
use note_view::{NoteSummaryView, NoteView};
use page::{LinkView, Page};

/// How many tasks "up next" shows.
const UP_NEXT: usize = 6;
/// How many tasks "recently completed" shows.
const RECENTLY_COMPLETED: usize = 5;

/// The context of every HTML page besides the global `site`.
#[derive(Serialize)]
struct PageContext<'a> {
    /// Relative prefix to the site root (`""` or `"../"`), so the site works under
    /// any sub-path; `base_url` on the 404 page, which is served at any path.
    root: &'a str,
    /// The stylesheet's text, inlined on the 404 page when there is no `base_url`.
    inline_css: Option<&'a str>,
    page: Page<'a>,
}

struct Renderer<'t> {
    tera: Tera,
    theme: &'t Theme,
}

impl Renderer<'_> {
    fn page(&self, template: &str, context: &PageContext) -> Result<Vec<u8>> {
        let error = |e: tera::Error| Error::Content(vec![self.theme.diagnostic(&e)]);
        let context = tera::Context::from_serialize(context).map_err(error)?;
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &context, &mut out)
            .map_err(error)?;
        Ok(out)
    }
}

/// Renders the whole site.
pub fn render(site: &Site, theme: &Theme, source: &str, assets: &[Asset]) -> Result<SiteOutput> {
    let feed = feed::feed(site);
    let mut view = SiteView::new(site);
    view.feed = feed.is_some();
    let mut tera = theme.tera.clone();
    // The site view is serialised once, not once per page.
    tera.global_context().insert("site", &view);
    let renderer = Renderer { tera, theme };
    let mut out = SiteOutput::default();
    let mut pages = Vec::new();
    let mut emit = |out: &mut SiteOutput, path: String, template: &str, ctx: PageContext| {
        out.insert(path.clone(), renderer.page(template, &ctx)?);
        pages.push(path);
        Ok::<(), Error>(())
    };

    let up_next = up_next(&view);
    let home = PageContext {
        root: "",
        inline_css: None,
        page: Page::Home {
            up_next,
            recently_completed: recently_completed(&view),
            history: site.history.as_ref().and_then(HistoryView::new),
        },
    };
    emit(&mut out, "index.html".into(), "index.html", home)?;
    let link = |i: usize| {
        view.phases.get(i).map(|p| LinkView {
            title: p.title,
            url: p.url.clone(),
        })
    };
    for (i, phase) in view.phases.iter().enumerate() {
        let page = Page::Phase {
            phase,
            prev: i.checked_sub(1).and_then(link),
            next: link(i + 1),
        };
        let ctx = PageContext {
            root: "../",
            inline_css: None,
            page,
        };
        emit(&mut out, phase.url.clone(), "phase.html", ctx)?;
    }
    let task_link = |i: usize| {
        view.tasks.get(i).map(|t| LinkView {
            title: t.title,
            url: t.url.clone(),
        })
    };
    for (i, task) in view.tasks.iter().enumerate() {
        let page = Page::Task {
            task,
            prev: i.checked_sub(1).and_then(task_link),
            next: task_link(i + 1),
            source: source.to_string(),
            notes: site.tasks[i]
                .notes
                .iter()
                .map(|&n| NoteView::new(site, n))
                .collect(),
        };
        let ctx = PageContext {
            root: "../",
            inline_css: None,
            page,
        };
        emit(&mut out, task.url.clone(), "task.html", ctx)?;
    }
    for (i, note) in site
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.task.is_none())
    {
        let page = Page::Note {
            note: NoteView::new(site, i),
        };
        let ctx = PageContext {
            root: "../",
            inline_css: None,
            page,
        };
        emit(
            &mut out,
            format!("notes/{}.html", note.slug),
            "note.html",
            ctx,
        )?;
    }
    if !view.tags.is_empty() {
        let ctx = PageContext {
            root: "../",
            inline_css: None,
            page: Page::Tags,
        };
        emit(&mut out, "tags/index.html".into(), "tags.html", ctx)?;
    }
    for tag in &view.tags {
        let page = Page::Tag {
            tag,
            tasks: tag.tasks.iter().map(|&t| view.tasks[t].clone()).collect(),
            notes: tag
                .notes
                .iter()
                .map(|&n| NoteSummaryView::new(site, n))
                .collect(),
        };
        let ctx = PageContext {
            root: "../",
            inline_css: None,
            page,
        };
        emit(&mut out, tag.url.clone(), "tag.html", ctx)?;
    }
    let css = theme
        .statics
        .get("style.css")
        .and_then(|b| std::str::from_utf8(b).ok());
    let not_found = match &site.base_url {
        Some(base) => PageContext {
            root: base,
            inline_css: None,
            page: Page::NotFound,
        },
        None => PageContext {
            root: "",
            inline_css: css,
            page: Page::NotFound,
        },
    };
    out.insert("404.html", renderer.page("404.html", &not_found)?);

    badges(site, &mut out);
    if let Some(base) = &site.base_url {
        out.insert("sitemap.xml", sitemap::sitemap(base, &pages));
    }
    out.insert("progress.json", progress_json::progress_json(site));
    out.insert("search-index.json", search::search_index(site));
    if let Some(feed) = feed {
        out.insert("feed.xml", feed);
    }
    // Tells GitHub Pages to serve the files as they are, without Jekyll.
    out.insert(".nojekyll", Vec::new());
    for (path, bytes) in &theme.statics {
        out.insert(path, bytes.clone());
    }
    for asset in assets {
        let bytes = std::fs::read(&asset.path).map_err(|e| Error::io(&asset.path, e))?;
        out.insert(format!("notes/{}", asset.relative), bytes);
    }
    Ok(out)
}

/// Started tasks first, then the first to-do tasks of the earliest unfinished phases.
fn up_next<'a>(view: &SiteView<'a>) -> Vec<view::TaskView<'a>> {
    let started = view
        .tasks
        .iter()
        .filter(|t| t.status == Status::InProgress.key());
    let todo = view.tasks.iter().filter(|t| t.status == Status::Todo.key());
    started.chain(todo).take(UP_NEXT).cloned().collect()
}

/// Done tasks with a date, newest first (document order on the same day).
fn recently_completed<'a>(view: &SiteView<'a>) -> Vec<view::TaskView<'a>> {
    let mut done: Vec<&view::TaskView> = view
        .tasks
        .iter()
        .filter(|t| t.completed.is_some())
        .collect();
    done.sort_by(|a, b| b.completed.cmp(&a.completed));
    done.into_iter().take(RECENTLY_COMPLETED).cloned().collect()
}

fn badges(site: &Site, out: &mut SiteOutput) {
    let overall = Badge {
        label: "progress".into(),
        message: percent_label(site.progress.percent),
        percent: site.progress.percent,
    };
    out.insert("badges/progress.svg", overall.svg().into_bytes());
    out.insert("badges/progress.json", overall.endpoint_json());
    for phase in &site.phases {
        let badge = Badge {
            label: badge::label_from(&phase.title.text),
            message: percent_label(phase.progress.percent),
            percent: phase.progress.percent,
        };
        out.insert(
            format!("badges/{}.svg", phase.slug),
            badge.svg().into_bytes(),
        );
    }
}

/// Escapes text for HTML and XML.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to a Vec");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}
