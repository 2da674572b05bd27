//! [`Site`] → typed, serialisable views: the template contract (documented in
//! `docs/themes.md`), kept apart from the model so templates see stable names.

use rayon::prelude::*;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::note_view::{NoteSummaryView, TagLink, TagView, recent_notes, tags, task_tags};
use crate::i18n::Language;
use crate::model::{Node, Phase, Progress, Site, Task};
use crate::notes_html::ProseHtml;
use crate::roadmap::Status;

/// Progress as templates show it: a [`Progress`]'s counts and what follows from them
/// by its rule (skipped tasks are outside `total`), made as it is written. The fields,
/// in this order (`docs/themes.md` documents them for themes):
///
/// - `total`, `done`, `in_progress`, `skipped`, `todo`: [`Progress::total`] and the
///   counts by status;
/// - `all`: every task, skipped ones included ([`Progress::all`]);
/// - `percent`, `label`, `text`: [`Progress::percent`], [`Progress::label`] and
///   [`Progress::text`] (`28.6`, `28.6%`, `2 of 7 done · 1 skipped · 28.6%`), the
///   label and text in the site's language;
/// - `shares`: a [`ShareView`] per status, in the order done, in progress, to do,
///   skipped, for stacked bars and their legends.
#[derive(Debug, Clone, Copy)]
pub struct ProgressView<'a>(pub &'a Progress, pub &'a Language);

impl Serialize for ProgressView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (p, lang) = (self.0, self.1);
        let shares: Vec<ShareView> = Status::ALL
            .iter()
            .map(|&status| ShareView::new(p, status, lang))
            .collect();
        let mut fields = serializer.serialize_struct("ProgressView", 10)?;
        fields.serialize_field("total", &p.total())?;
        fields.serialize_field("done", &p.done)?;
        fields.serialize_field("in_progress", &p.in_progress)?;
        fields.serialize_field("skipped", &p.skipped)?;
        fields.serialize_field("todo", &p.todo)?;
        fields.serialize_field("all", &p.all())?;
        fields.serialize_field("percent", &p.percent())?;
        fields.serialize_field("label", &lang.percent(p.percent()))?;
        fields.serialize_field("text", &progress_text(p, lang))?;
        fields.serialize_field("shares", &shares)?;
        fields.end()
    }
}

/// One segment of a stacked progress bar.
#[derive(Debug, Serialize)]
pub struct ShareView<'a> {
    /// Status key (`done`, `in_progress`, `todo`, `skipped`).
    pub status: &'static str,
    /// Human label, in the site's language.
    pub label: &'a str,
    /// Number of tasks.
    pub count: usize,
    /// Share of `total`, in percent with up to 2 decimals (for CSS widths); 0 for
    /// skipped tasks, which are outside the total: the bar's done part is `percent`.
    pub width: f64,
}

impl<'a> ShareView<'a> {
    fn new(p: &Progress, status: Status, lang: &'a Language) -> Self {
        let total = p.total();
        ShareView {
            status: status.key(),
            label: status_label(status, lang),
            count: p.count(status),
            width: if total == 0 || status == Status::Skipped {
                0.0
            } else {
                (p.count(status) as f64 * 10000.0 / total as f64).round() / 100.0
            },
        }
    }
}

/// The whole site, as every page sees it.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Title, plain text.
    pub title: &'a str,
    /// Title as inline HTML.
    pub title_html: &'a str,
    /// Overall progress.
    pub progress: ProgressView<'a>,
    /// Every phase with its tree.
    pub phases: Vec<PhaseView<'a>>,
    /// Every task, flat, in document order.
    pub tasks: Tasks<'a>,
    /// Every note, in file-name order.
    pub notes: Vec<NoteSummaryView<'a>>,
    /// Notes with the newest dates first, at most 5.
    pub recent_notes: Vec<NoteSummaryView<'a>>,
    /// Notes that match no task.
    pub unlinked_notes: Vec<NoteSummaryView<'a>>,
    /// Every tag, by name.
    pub tags: Vec<TagView>,
    /// The overall badge and the snippets to embed it.
    pub badge: BadgeView,
    /// Absolute URL of the site (ending in `/`), when configured.
    pub base_url: Option<&'a str>,
    /// `[extra]` of `roadmap.toml`.
    pub extra: &'a toml::Table,
    /// `roadmap-site <version>`.
    pub generator: String,
    /// True when `feed.xml` is written (some completed task or note has a date).
    pub feed: bool,
    /// The roadmap's prose as HTML, for the phases' trees (not a field of `site`).
    #[serde(skip)]
    pub prose: &'a ProseHtml,
}

/// The overall badge: where it is and how to embed it elsewhere.
#[derive(Debug, Serialize)]
pub struct BadgeView {
    /// Path of the SVG relative to the site root.
    pub path: String,
    /// Absolute URL of the SVG when `base_url` is set, else the relative path.
    pub url: String,
    /// Alt text.
    pub alt: String,
    /// Markdown to paste into a README.
    pub markdown: String,
    /// HTML to paste into a page.
    pub html: String,
}

/// A phase.
#[derive(Debug, Serialize)]
pub struct PhaseView<'a> {
    /// Title, plain text.
    pub title: &'a str,
    /// Title as inline HTML.
    pub title_html: &'a str,
    /// URL slug.
    pub slug: &'a str,
    /// 1-based position.
    pub number: usize,
    /// Page path relative to the site root.
    pub url: String,
    /// Badge path relative to the site root.
    pub badge: String,
    /// Progress.
    pub progress: ProgressView<'a>,
    /// Groups and tasks, nested.
    pub items: Nodes<'a>,
}

/// Every task of a site: serialised as a list of [`TaskView`]s, each made as it is
/// written. A large site's task views would otherwise be held twice (in the list
/// and in the phases' trees) through the whole render.
#[derive(Debug, Clone, Copy)]
pub struct Tasks<'a>(pub &'a Site, pub &'a Language);

/// A phase's or group's children, serialised as a list of [`NodeView`]s made as
/// they are written.
#[derive(Debug, Clone, Copy)]
pub struct Nodes<'a> {
    /// The site the tasks are in.
    pub site: &'a Site,
    /// The language of their labels.
    pub lang: &'a Language,
    /// The children.
    pub items: &'a [Node],
    /// The HTML of the roadmap's prose blocks, some of which are among the children.
    pub prose: &'a ProseHtml,
}

/// A group or a task inside a phase; `kind` tells which.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum NodeView<'a> {
    /// A group.
    Group {
        /// `"group"`.
        kind: &'static str,
        /// Name, plain text.
        title: &'a str,
        /// Name as inline HTML.
        title_html: &'a str,
        /// Status written on the group, if any.
        declared: Option<&'static str>,
        /// When the group is a task itself: that task.
        task: Option<TaskView<'a>>,
        /// Progress.
        progress: ProgressView<'a>,
        /// Children.
        items: Nodes<'a>,
    },
    /// A task: the very value of `site.tasks[index]`, `kind` included.
    Task(TaskView<'a>),
    /// The learner's prose standing here among the tasks.
    Prose {
        /// `"prose"`.
        kind: &'static str,
        /// The block rendered from its Markdown, as notes are.
        html: &'a str,
    },
}

/// A task.
#[derive(Debug, Clone, Serialize)]
pub struct TaskView<'a> {
    /// `"task"`: a task is also a node of its phase's tree.
    pub kind: &'static str,
    /// 0-based position in `site.tasks`.
    pub index: usize,
    /// Title, plain text.
    pub title: &'a str,
    /// Title as inline HTML.
    pub title_html: &'a str,
    /// Title as inline HTML without its links, to show inside a link to the task
    /// (code and emphasis kept).
    pub title_link: std::borrow::Cow<'a, str>,
    /// URL slug.
    pub slug: &'a str,
    /// Page path relative to the site root.
    pub url: String,
    /// 0-based index of its phase in `site.phases`.
    pub phase: usize,
    /// Its phase's title.
    pub phase_title: &'a str,
    /// Its phase's page, relative to the site root.
    pub phase_url: String,
    /// Extra table columns, the empty cells left out.
    pub attributes: Vec<AttributeView<'a>>,
    /// How many notes it has.
    pub note_count: usize,
    /// Tags of its notes.
    pub tags: Vec<TagLink>,
    /// Status key.
    pub status: &'static str,
    /// Status label, in the site's language.
    pub status_label: &'a str,
    /// Group trail, outermost first.
    pub groups: &'a [String],
    /// Line in the roadmap file.
    pub line: usize,
    /// `YYYY-MM-DD` it was started (notes, else git history), or null.
    pub started: Option<&'a str>,
    /// `YYYY-MM-DD` it was done (notes, else git history), or null.
    pub completed: Option<&'a str>,
    /// Without a known `started` day: `YYYY-MM-DD` by which it was started (the git
    /// history begins with it in progress), or null.
    pub started_before: Option<&'a str>,
    /// Without a known `completed` day: `YYYY-MM-DD` by which it was done (the git
    /// history begins with it done), or null.
    pub completed_before: Option<&'a str>,
}

/// An extra table column of a task.
#[derive(Debug, Clone, Serialize)]
pub struct AttributeView<'a> {
    /// Column header.
    pub name: &'a str,
    /// Cell as inline HTML.
    pub html: &'a str,
}

/// A status's label in the site's language (`status_done`…).
pub fn status_label(status: Status, lang: &Language) -> &str {
    lang.get(match status {
        Status::Done => "status_done",
        Status::InProgress => "status_in_progress",
        Status::Todo => "status_todo",
        Status::Skipped => "status_skipped",
    })
}

/// [`Progress::text`] in the site's language: `2 of 7 done · 1 skipped · 28.6%`.
pub fn progress_text(p: &Progress, lang: &Language) -> String {
    let (done, total, skipped) = (
        p.done.to_string(),
        p.total().to_string(),
        p.skipped.to_string(),
    );
    let percent = lang.percent(p.percent());
    let args = [
        ("done", done.as_str()),
        ("total", &total),
        ("skipped", &skipped),
        ("percent", &percent),
    ];
    match p.skipped {
        0 => lang.fill("progress_text", &args),
        _ => lang.fill("progress_text_skipped", &args),
    }
}

/// Page path of a phase, relative to the site root.
pub fn phase_path(slug: &str) -> String {
    format!("phases/{slug}.html")
}

/// Page path of a task, relative to the site root.
pub fn task_path(slug: &str) -> String {
    format!("tasks/{slug}.html")
}

/// Badge path of a phase, relative to the site root.
pub fn phase_badge_path(slug: &str) -> String {
    format!("badges/{slug}.svg")
}

impl<'a> SiteView<'a> {
    /// Builds the view of the whole site.
    pub fn new(site: &'a Site, prose: &'a ProseHtml, lang: &'a Language) -> Self {
        let path = "badges/progress.svg".to_string();
        let url = match &site.base_url {
            Some(base) => format!("{base}{path}"),
            None => path.clone(),
        };
        let percent = lang.percent(site.progress.percent());
        let alt = lang.fill("badge_alt", &[("percent", &percent)]);
        let link = site.base_url.clone().unwrap_or_default();
        let badge = BadgeView {
            markdown: if link.is_empty() {
                format!("![{alt}]({url})")
            } else {
                format!("[![{alt}]({url})]({link})")
            },
            html: format!("<img src=\"{url}\" alt=\"{alt}\" height=\"20\">"),
            path,
            url,
            alt,
        };
        SiteView {
            title: &site.title.text,
            title_html: &site.title.html,
            progress: ProgressView(&site.progress, lang),
            phases: site
                .phases
                .par_iter()
                .enumerate()
                .map(|(i, phase)| PhaseView::new(site, prose, lang, phase, i + 1))
                .collect(),
            tasks: Tasks(site, lang),
            notes: (0..site.notes.len())
                .map(|i| NoteSummaryView::new(site, i))
                .collect(),
            recent_notes: recent_notes(site),
            unlinked_notes: (0..site.notes.len())
                .filter(|&i| site.notes[i].task.is_none())
                .map(|i| NoteSummaryView::new(site, i))
                .collect(),
            tags: tags(site),
            badge,
            base_url: site.base_url.as_deref(),
            extra: &site.extra,
            generator: format!("roadmap-site {}", env!("CARGO_PKG_VERSION")),
            feed: false,
            prose,
        }
    }
}

impl<'a> PhaseView<'a> {
    fn new(
        site: &'a Site,
        prose: &'a ProseHtml,
        lang: &'a Language,
        phase: &'a Phase,
        number: usize,
    ) -> Self {
        PhaseView {
            title: phase.shown_title(),
            title_html: phase.shown_title_html(),
            slug: &phase.slug,
            number,
            url: phase_path(&phase.slug),
            badge: phase_badge_path(&phase.slug),
            progress: ProgressView(&phase.progress, lang),
            items: Nodes {
                site,
                lang,
                items: &phase.items,
                prose,
            },
        }
    }
}

impl Serialize for Tasks<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (site, lang) = (self.0, self.1);
        serializer.collect_seq((0..site.tasks.len()).map(|i| TaskView::new(site, lang, i)))
    }
}

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.items.iter().map(|node| NodeView::new(*self, node)))
    }
}

impl<'a> NodeView<'a> {
    fn new(nodes: Nodes<'a>, node: &'a Node) -> Self {
        let Nodes {
            site, prose, lang, ..
        } = nodes;
        match node {
            Node::Prose(i) => NodeView::Prose {
                kind: "prose",
                html: prose.get(*i),
            },
            Node::Task(i) => NodeView::Task(TaskView::new(site, lang, *i)),
            Node::Group(group) => NodeView::Group {
                kind: "group",
                title: &group.title.text,
                title_html: &group.title.html,
                declared: group.declared.map(Status::key),
                task: group.task.map(|i| TaskView::new(site, lang, i)),
                progress: ProgressView(&group.progress, lang),
                items: Nodes {
                    site,
                    lang,
                    items: &group.items,
                    prose,
                },
            },
        }
    }
}

impl<'a> TaskView<'a> {
    /// The view of one task.
    pub fn new(site: &'a Site, lang: &'a Language, index: usize) -> Self {
        let task: &Task = &site.tasks[index];
        let phase = &site.phases[task.phase];
        TaskView {
            kind: "task",
            index,
            title: &task.title.text,
            title_html: &task.title.html,
            title_link: crate::html::without_links(&task.title.html),
            slug: &task.slug,
            url: task_path(&task.slug),
            phase: task.phase,
            phase_title: phase.shown_title(),
            phase_url: phase_path(&phase.slug),
            // An empty cell says nothing: a column empty for every task of a phase
            // shows nowhere on its page.
            attributes: (task.attributes.iter())
                .filter(|(_, value)| !value.text.trim().is_empty())
                .map(|(name, value)| AttributeView {
                    name,
                    html: &value.html,
                })
                .collect(),
            note_count: task.notes.len(),
            tags: task_tags(site, index),
            status: task.status.key(),
            status_label: status_label(task.status, lang),
            groups: &task.groups,
            line: task.location.line,
            started: task.started.as_deref(),
            completed: task.completed.as_deref(),
            started_before: task.started_before.as_deref(),
            completed_before: task.completed_before.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn progress_shows_its_counts_the_rule_and_the_shares_in_a_fixed_order() {
        // The `init` example: 2 done, 1 in progress, 4 to do, 1 skipped.
        let p = Progress::of([Done, Done, InProgress, Todo, Todo, Todo, Todo, Skipped]);
        let en = Language::english();
        let json = serde_json::to_string(&ProgressView(&p, &en)).unwrap();
        let share = |status: &str, label: &str, count: usize, width: f64| {
            format!(
                r#"{{"status":"{status}","label":"{label}","count":{count},"width":{width:?}}}"#
            )
        };
        let shares = [
            share("done", "Done", 2, 28.57),
            share("in_progress", "In progress", 1, 14.29),
            share("todo", "To do", 4, 57.14),
            share("skipped", "Skipped", 1, 0.0),
        ];
        assert_eq!(
            json,
            format!(
                r#"{{"total":7,"done":2,"in_progress":1,"skipped":1,"todo":4,"all":8,"percent":28.6,"label":"28.6%","text":"2 of 7 done · 1 skipped · 28.6%","shares":[{}]}}"#,
                shares.join(",")
            )
        );
        let none = serde_json::to_value(ProgressView(&Progress::default(), &en)).unwrap();
        assert_eq!(none["shares"][0]["width"], 0.0);
        assert_eq!(none["text"], "0 of 0 done · 0%");
    }
}
