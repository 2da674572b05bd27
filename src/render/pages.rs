//! A [`Job`] → its page, rendered through the [`Renderer`] into a [`Sink`]: which
//! pages a site has, and what each one's `page` value is made of.

use super::history_view::HistoryView;
use super::map;
use super::note_view::{NoteSummaryView, NoteView};
use super::page::{LinkView, Page};
use super::share::{self, Subject};
use super::view::{self, SiteView, TaskView, task_path};
use super::{PageContext, Renderer, put, task_context};
use crate::config::ShareSettings;
use crate::error::Result;
use crate::history::History;
use crate::i18n::Language;
use crate::model::Site;
use crate::notes_html::NotesHtml;
use crate::output::Sink;
use crate::roadmap::Status;

/// How many tasks "up next" shows.
const UP_NEXT: usize = 6;
/// How many tasks "recently completed" shows.
const RECENTLY_COMPLETED: usize = 5;

/// One HTML page to render, by index into the view.
#[derive(Debug, Clone, Copy)]
pub(super) enum Job {
    Home,
    Phase(usize),
    Task(usize),
    Note(usize),
    Tags,
    Tag(usize),
    Share,
    Map,
}

/// What every page is rendered from. Shared by the threads that render pages.
pub(super) struct Pages<'a> {
    pub(super) renderer: Renderer<'a>,
    pub(super) site: &'a Site,
    pub(super) notes: &'a NotesHtml,
    pub(super) history: Option<&'a History>,
    pub(super) view: &'a SiteView<'a>,
    pub(super) source: &'a str,
    /// Where each task stands, for its page's context.
    pub(super) places: task_context::Places<'a>,
    pub(super) lang: &'a Language,
    /// The link-preview tags of each page.
    pub(super) meta: share::Meta<'a>,
    pub(super) share: &'a ShareSettings,
}

impl<'a> Pages<'a> {
    /// The pages of the site, in the order the sitemap lists them.
    pub(super) fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs = Vec::with_capacity(2 + site.phases.len() + site.tasks.len());
        jobs.push(Job::Home);
        jobs.push(Job::Share);
        jobs.push(Job::Map);
        jobs.extend((0..site.phases.len()).map(Job::Phase));
        jobs.extend((0..site.tasks.len()).map(Job::Task));
        let unlinked = site
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.task.is_none());
        jobs.extend(unlinked.map(|(i, _)| Job::Note(i)));
        if !self.view.tags.is_empty() {
            jobs.push(Job::Tags);
        }
        jobs.extend((0..self.view.tags.len()).map(Job::Tag));
        jobs
    }

    /// Renders one page into `sink`; returns its path.
    pub(super) fn render(&self, job: Job, buffer: &mut Vec<u8>, sink: &dyn Sink) -> Result<String> {
        let (site, view, lang) = (self.site, self.view, self.lang);
        let (path, template, page) = match job {
            Job::Home => {
                let html = |blocks: &[usize]| blocks.iter().map(|&i| view.prose.get(i)).collect();
                let page = Page::Home {
                    intro: html(&site.intro),
                    outside: html(&site.outside),
                    up_next: up_next(site, lang),
                    recently_completed: recently_completed(site, lang),
                    history: self.history.and_then(|h| HistoryView::new(h, lang)),
                };
                let ctx = PageContext {
                    root: "",
                    inline_css: None,
                    page_meta: self.meta.page("index.html", Subject::Site, None),
                    page,
                };
                let bytes = self
                    .renderer
                    .page("index.html", "index.html", &ctx, buffer)?;
                put(sink, "index.html", bytes)?;
                return Ok("index.html".into());
            }
            Job::Phase(i) => {
                let phase = &view.phases[i];
                let (prev, next) = neighbours(&view.phases, i, |p| LinkView {
                    title: p.title,
                    url: p.url.clone(),
                    status: None,
                    status_label: None,
                });
                let page = Page::Phase { phase, prev, next };
                (phase.url.clone(), "phase.html", page)
            }
            Job::Task(i) => {
                let task = TaskView::new(site, lang, i);
                let path = task.url.clone();
                let (prev, next) = neighbours(&site.tasks, i, |t| LinkView {
                    title: &t.title.text,
                    url: task_path(&t.slug),
                    status: Some(t.status.key()),
                    status_label: Some(view::status_label(t.status, lang)),
                });
                let page = Page::Task {
                    task,
                    prev,
                    next,
                    context: Box::new(self.places.context(i)),
                    source: self.source,
                    notes: site.tasks[i]
                        .notes
                        .iter()
                        .map(|&n| NoteView::new(site, self.notes, n))
                        .collect(),
                };
                (path, "task.html", page)
            }
            Job::Note(i) => {
                let page = Page::Note {
                    note: NoteView::new(site, self.notes, i),
                };
                (
                    format!("notes/{}.html", site.notes[i].slug),
                    "note.html",
                    page,
                )
            }
            Job::Tags => ("tags/index.html".into(), "tags.html", Page::Tags),
            Job::Share => {
                let title = lang.get("share");
                let ctx = PageContext {
                    root: "",
                    inline_css: None,
                    page_meta: self.meta.page("share.html", Subject::Site, Some(title)),
                    page: Page::Share {
                        share: share::ShareView::new(site, lang, self.share),
                    },
                };
                let bytes = self
                    .renderer
                    .page("share.html", "share.html", &ctx, buffer)?;
                put(sink, "share.html", bytes)?;
                return Ok("share.html".into());
            }
            Job::Map => {
                let page = Page::Map {
                    map: map::view(site, lang),
                };
                let ctx = PageContext {
                    root: "",
                    inline_css: None,
                    page_meta: self.meta.page(
                        "map.html",
                        Subject::Site,
                        Some(lang.get("map_title")),
                    ),
                    page,
                };
                let bytes = self.renderer.page("map.html", "map.html", &ctx, buffer)?;
                put(sink, "map.html", bytes)?;
                return Ok("map.html".into());
            }
            Job::Tag(i) => {
                let tag = &view.tags[i];
                let page = Page::Tag {
                    tag,
                    tasks: tag
                        .tasks
                        .iter()
                        .map(|&t| TaskView::new(site, lang, t))
                        .collect(),
                    notes: tag
                        .notes
                        .iter()
                        .map(|&n| NoteSummaryView::new(site, n))
                        .collect(),
                };
                (tag.url.clone(), "tag.html", page)
            }
        };
        let subject = match job {
            Job::Phase(i) => Subject::Phase(i),
            Job::Task(i) => Subject::Task(i),
            _ => Subject::Site,
        };
        let title = match &page {
            Page::Note { note } => Some(note.title),
            Page::Tag { tag, .. } => Some(tag.name.as_str()),
            Page::Tags => Some(lang.get("nav_tags")),
            _ => None,
        };
        let ctx = PageContext {
            root: "../",
            inline_css: None,
            page_meta: self.meta.page(&path, subject, title),
            page,
        };
        let bytes = self.renderer.page(&path, template, &ctx, buffer)?;
        put(sink, &path, bytes)?;
        Ok(path)
    }
}

/// Links to the items before and after item `i`, where there are such items.
fn neighbours<'a, T>(
    items: &'a [T],
    i: usize,
    link: impl Fn(&'a T) -> LinkView<'a>,
) -> (Option<LinkView<'a>>, Option<LinkView<'a>>) {
    let at = |j: usize| items.get(j).map(&link);
    (i.checked_sub(1).and_then(at), at(i + 1))
}

/// Started tasks first, then the first to-do tasks of the earliest unfinished phases.
fn up_next<'a>(site: &'a Site, lang: &'a Language) -> Vec<TaskView<'a>> {
    let with = |status| (0..site.tasks.len()).filter(move |&i| site.tasks[i].status == status);
    let (started, todo) = (with(Status::InProgress), with(Status::Todo));
    let next = started.chain(todo).take(UP_NEXT);
    next.map(|i| TaskView::new(site, lang, i)).collect()
}

/// Done tasks with a date, newest first (document order on the same day).
fn recently_completed<'a>(site: &'a Site, lang: &'a Language) -> Vec<TaskView<'a>> {
    let mut done: Vec<usize> = (0..site.tasks.len())
        .filter(|&i| site.tasks[i].completed.is_some())
        .collect();
    done.sort_by(|&a, &b| site.tasks[b].completed.cmp(&site.tasks[a].completed));
    let recent = done.into_iter().take(RECENTLY_COMPLETED);
    recent.map(|i| TaskView::new(site, lang, i)).collect()
}
