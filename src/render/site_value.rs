//! [`SiteView`] → `site`, the value every template sees, made once per build. A task's
//! value is made once and shared (tera's lists and maps are reference-counted) by
//! `site.tasks` and its phase's tree: on a large site these values are most of
//! the memory a build needs, so the parts tasks have in common are shared too
//! (`task_value.rs`). Progress values are shared the same way: groups of a
//! few tasks have a handful of distinct counts between them. Task, phase and tag
//! pages build their `page` from the same shared values.
//!
//! Why a hand-built mirror beside the typed views of `view.rs`, and not just
//! `Value::from_serializable(&view)`: serde cannot hand tera a value made before, so
//! it would make every task's value twice (the list and the tree), every progress
//! value once per group, and a phase page's whole tree again for its `page`. Measured
//! on the synthetic roadmap (release build, warm cache, medians of interleaved runs
//! on a busy 2-core machine): at 2,000 tasks peak memory 30 MB here against 37 MB
//! through serde, wall time within noise (0.47–0.56 s against 0.54–0.57 s); at
//! 20,000 tasks 197 MB against 275 MB and 5.9 s against 7.3 s. The typed views stay
//! the contract (`docs/themes.md`) and what every other page, and the memo's
//! fingerprints, serialise; the two tests below keep this mirror equal to what serde
//! gives for them, maps' order included.

use std::collections::HashMap;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::page::Page;
use super::task_context::ContextView;
use super::task_value::TaskValues;
use super::view::{ProgressView, SiteView, TaskView, Tasks};
use crate::i18n::Language;
use crate::model::{Node, Progress};
use crate::notes_html::ProseHtml;
use crate::roadmap::Status;

/// The `site` value, and its tasks and phases for the pages that show them.
pub struct SiteValue {
    /// `site`.
    pub site: Value,
    /// `site.tasks`, by index.
    tasks: Vec<Value>,
    /// `site.phases`, by index.
    phases: Vec<Value>,
    /// Progress values by their counts, for the task pages' contexts.
    progress: HashMap<Progress, Value>,
    /// The fingerprint of the language `progress` is in: a view in another one is
    /// serialised instead (every page of a build is in one language today).
    lang: u64,
}

impl SiteValue {
    /// A task or phase page's `page`, made of the values `site` holds rather than
    /// serialised again (a task page's task, a phase page's whole tree: most of a
    /// large site's serialising). `None` for the other kinds: serialise those.
    pub fn page(&self, page: &Page) -> Option<Value> {
        fn value<T: Serialize + ?Sized>(data: &T) -> Value {
            Value::from_serializable(data)
        }
        Some(match page {
            Page::Task {
                task,
                prev,
                next,
                context,
                source,
                notes,
            } => map([
                ("kind", Value::from("task")),
                ("task", self.tasks[task.index].clone()),
                ("prev", value(prev)),
                ("next", value(next)),
                ("context", self.context(context)),
                ("source", Value::from(*source)),
                ("notes", value(notes)),
            ]),
            Page::Phase { phase, prev, next } => map([
                ("kind", Value::from("phase")),
                ("phase", self.phases[phase.number - 1].clone()),
                ("prev", value(prev)),
                ("next", value(next)),
            ]),
            Page::Tag { tag, tasks, notes } => map([
                ("kind", Value::from("tag")),
                ("tag", value(tag)),
                (
                    "tasks",
                    Value::from(
                        tasks
                            .iter()
                            .map(|t| self.tasks[t.index].clone())
                            .collect::<Vec<_>>(),
                    ),
                ),
                ("notes", value(notes)),
            ]),
            _ => return None,
        })
    }

    /// A task page's context with the progress values `site` holds: a 10,000-task
    /// site serialised two or three of them for each page (5 % of a warm build's
    /// time, perf).
    fn context(&self, context: &ContextView) -> Value {
        let ContextView {
            group,
            prev,
            next,
            subtasks,
            phase_progress,
            resources,
        } = context;
        let group = group.as_ref().map(|group| {
            map([
                ("title", Value::from(group.title)),
                ("progress", self.progress(&group.progress)),
            ])
        });
        map([
            ("group", Value::from(group)),
            ("prev", Value::from_serializable(prev)),
            ("next", Value::from_serializable(next)),
            (
                "subtasks",
                Value::from(subtasks.as_ref().map(|p| self.progress(p))),
            ),
            ("phase_progress", self.progress(phase_progress)),
            ("resources", Value::from_serializable(resources)),
        ])
    }

    /// A `ProgressView`'s value, the shared one when `site` has it.
    fn progress(&self, view: &ProgressView) -> Value {
        match self.progress.get(view.0) {
            Some(value) if view.1.fingerprint == self.lang => value.clone(),
            _ => Value::from_serializable(view),
        }
    }
}

impl SiteView<'_> {
    /// The `site` variable of templates: what serde gives for the whole view (a test
    /// checks that), with the long lists made in parallel.
    pub fn to_value(&self) -> SiteValue {
        let Tasks(site, lang) = self.tasks;
        let task_values = TaskValues::new(site);
        let tasks: Vec<Value> = (0..site.tasks.len())
            .into_par_iter()
            .map(|i| task_values.value(&TaskView::new(site, lang, i)))
            .collect();
        drop(task_values);
        let shared = Shared {
            lang,
            tasks: &tasks,
            progress: Mutex::default(),
            prose: self.prose,
        };
        let phases: Vec<Value> = self
            .phases
            .par_iter()
            .map(|phase| {
                map([
                    ("title", Value::from(phase.title)),
                    ("title_html", Value::from(phase.title_html)),
                    ("slug", Value::from(phase.slug)),
                    ("number", Value::from(phase.number)),
                    ("url", Value::from(phase.url.as_str())),
                    ("badge", Value::from(phase.badge.as_str())),
                    ("progress", shared.progress(phase.progress.0)),
                    ("items", shared.nodes(phase.items.items)),
                ])
            })
            .collect();
        let site = map([
            ("title", Value::from(self.title)),
            ("title_html", Value::from(self.title_html)),
            ("progress", Value::from_serializable(&self.progress)),
            ("phases", Value::from(phases.clone())),
            ("tasks", Value::from(tasks.clone())),
            ("notes", list(&self.notes)),
            ("recent_notes", Value::from_serializable(&self.recent_notes)),
            (
                "unlinked_notes",
                Value::from_serializable(&self.unlinked_notes),
            ),
            ("tags", Value::from_serializable(&self.tags)),
            ("badge", Value::from_serializable(&self.badge)),
            ("base_url", Value::from_serializable(&self.base_url)),
            ("extra", Value::from_serializable(self.extra)),
            ("generator", Value::from(self.generator.as_str())),
            ("feed", Value::from(self.feed)),
        ]);
        let progress = shared.progress.into_inner();
        SiteValue {
            site,
            tasks,
            phases,
            progress: progress.unwrap_or_else(|e| e.into_inner()),
            lang: lang.fingerprint,
        }
    }
}

fn list<T: Serialize + Sync>(items: &[T]) -> Value {
    let values: Vec<Value> = items.par_iter().map(Value::from_serializable).collect();
    Value::from(values)
}

/// A map value of fixed fields, in the order given (serde's: the fields' order).
pub(super) fn map<const N: usize>(fields: [(&'static str, Value); N]) -> Value {
    let mut map = tera::Map::with_capacity(N);
    for (key, value) in fields {
        map.insert(key.into(), value);
    }
    Value::from(map)
}

/// Values made once and used in many places.
struct Shared<'a> {
    /// The language of labels and texts.
    lang: &'a Language,
    /// Every task's value.
    tasks: &'a [Value],
    /// Progress values by their counts.
    progress: Mutex<HashMap<Progress, Value>>,
    /// The roadmap's prose, which trees hold among their tasks.
    prose: &'a ProseHtml,
}

impl Shared<'_> {
    /// The value of a phase's tree (a list of `NodeView`s).
    fn nodes(&self, items: &[Node]) -> Value {
        let values: Vec<Value> = items
            .iter()
            .map(|node| match node {
                Node::Task(i) => self.tasks[*i].clone(),
                Node::Prose(i) => map([
                    ("kind", Value::from("prose")),
                    ("html", Value::from(self.prose.get(*i))),
                ]),
                Node::Group(group) => map([
                    ("kind", Value::from("group")),
                    ("title", Value::from(group.title.text.as_str())),
                    ("title_html", Value::from(group.title.html.as_str())),
                    ("declared", Value::from(group.declared.map(Status::key))),
                    (
                        "task",
                        Value::from(group.task.map(|i| self.tasks[i].clone())),
                    ),
                    ("progress", self.progress(&group.progress)),
                    ("items", self.nodes(&group.items)),
                ]),
            })
            .collect();
        Value::from(values)
    }

    /// A `ProgressView`'s value: percent and shares follow from the counts.
    fn progress(&self, p: &Progress) -> Value {
        // A poisoned lock still holds whole values: each insert is one step.
        let mut values = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        let value = values
            .entry(*p)
            .or_insert_with(|| Value::from_serializable(&ProgressView(p, self.lang)));
        value.clone()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::Config;
    use crate::model::{Node, Site};
    use crate::notes_html::NotesHtml;

    fn site_of(root: &Path) -> Site {
        crate::load_site(&Config::load(root).unwrap()).unwrap().site
    }

    /// A site folder holding the checklist fixture with nested tasks as its roadmap.
    fn checklist_nested_folder() -> tempfile::TempDir {
        let folder = tempfile::tempdir().unwrap();
        std::fs::create_dir(folder.path().join("content")).unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats/checklist-nested.md");
        std::fs::copy(fixture, folder.path().join("content/roadmap.md")).unwrap();
        folder
    }

    fn groups_with_a_task(items: &[Node]) -> usize {
        let count = |node: &Node| match node {
            Node::Group(group) => {
                usize::from(group.task.is_some()) + groups_with_a_task(&group.items)
            }
            Node::Task(_) | Node::Prose(_) => 0,
        };
        items.iter().map(count).sum()
    }

    #[test]
    fn the_site_value_is_what_serde_gives_for_the_whole_view() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        // Notes and tags; the user's groups; a checklist task with subtasks (a group
        // that is a task).
        let nested = checklist_nested_folder();
        let roots = [
            fixtures.join("notes"),
            fixtures.join("user-roadmap-original"),
            nested.path().to_path_buf(),
        ];
        let sites: Vec<Site> = roots.iter().map(|root| site_of(root)).collect();
        let prose = ProseHtml::default();
        let en = Language::english();
        let views: Vec<SiteView> = sites
            .iter()
            .map(|s| SiteView::new(s, &prose, &en))
            .collect();
        assert!(!views[0].tags.is_empty() && !views[0].unlinked_notes.is_empty());
        let nested_groups = |view: &SiteView| {
            let phases = view.phases.iter();
            phases
                .map(|p| groups_with_a_task(p.items.items))
                .sum::<usize>()
        };
        assert!(nested_groups(&views[2]) > 0);
        for (root, view) in roots.iter().zip(&views) {
            let value = view.to_value().site;
            // Debug shows the maps' order too, which templates' loops see.
            assert_eq!(
                format!("{value:?}"),
                format!("{:?}", Value::from_serializable(view)),
                "{}",
                root.display()
            );
        }
    }

    #[test]
    fn a_context_in_another_language_than_the_shared_values_is_serialised_in_its_own() {
        let folder = checklist_nested_folder();
        let site = site_of(folder.path());
        let (no_prose, en) = (ProseHtml::default(), Language::english());
        let values = SiteView::new(&site, &no_prose, &en).to_value();
        let mut config = Config::load(folder.path()).unwrap();
        config.language = "de".into();
        let theme = crate::theme::Theme::load(&config).unwrap();
        let de = Language::load(&config, &theme, &mut Vec::new()).unwrap();
        let places = super::super::task_context::Places::new(&site, &no_prose, &de);
        let in_english = super::super::task_context::Places::new(&site, &no_prose, &en);
        let (mut differ, mut compared) = (0, 0);
        for i in 0..site.tasks.len() {
            let context = places.context(i);
            let german = format!("{:?}", Value::from_serializable(&context));
            assert_eq!(format!("{:?}", values.context(&context)), german);
            let english = format!("{:?}", Value::from_serializable(&in_english.context(i)));
            differ += usize::from(english != german);
            compared += 1;
        }
        // The languages' progress texts differ, so the shared English values would show.
        assert!(compared > 0 && differ == compared, "{differ} of {compared}");
    }

    #[test]
    fn a_page_made_of_shared_values_is_what_serde_gives_for_it() {
        use super::super::note_view::{NoteSummaryView, NoteView};
        use super::super::page::LinkView;

        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let site = site_of(&fixtures.join("notes"));
        // Groups with progress, checklist tasks with subtasks: the task pages'
        // contexts hold shared progress values.
        let nested = checklist_nested_folder();
        let nested = site_of(nested.path());
        let (no_prose, en) = (ProseHtml::default(), Language::english());
        let nested_view = SiteView::new(&nested, &no_prose, &en);
        let nested_values = nested_view.to_value();
        let nested_places = super::super::task_context::Places::new(&nested, &no_prose, &en);
        let (mut groups, mut subtasks) = (0, 0);
        for i in 0..nested.tasks.len() {
            let context = nested_places.context(i);
            groups += usize::from(context.group.is_some());
            subtasks += usize::from(context.subtasks.is_some());
            let page = Page::Task {
                task: TaskView::new(&nested, &en, i),
                prev: None,
                next: None,
                context: Box::new(context),
                source: "content/roadmap.md",
                notes: Vec::new(),
            };
            let shared = nested_values.page(&page).expect("a task page");
            assert_eq!(
                format!("{shared:?}"),
                format!("{:?}", Value::from_serializable(&page))
            );
        }
        assert!(groups > 0 && subtasks > 0, "{groups} {subtasks}");
        let html = NotesHtml(site.notes.iter().map(|_| Default::default()).collect());
        let prose = ProseHtml::default();
        let en = Language::english();
        let view = SiteView::new(&site, &prose, &en);
        let values = view.to_value();
        let link = || {
            Some(LinkView {
                title: "Other",
                url: "tasks/other.html".into(),
                status: Some("done"),
                status_label: Some("Done"),
            })
        };
        let places = super::super::task_context::Places::new(&site, &prose, &en);
        let mut pages = Vec::new();
        for i in 0..site.tasks.len() {
            let notes = site.tasks[i].notes.iter();
            pages.push(Page::Task {
                task: TaskView::new(&site, &en, i),
                prev: link(),
                next: None,
                context: Box::new(places.context(i)),
                source: "content/roadmap.md",
                notes: notes.map(|&n| NoteView::new(&site, &html, n)).collect(),
            });
        }
        for phase in &view.phases {
            pages.push(Page::Phase {
                phase,
                prev: None,
                next: link(),
            });
        }
        for tag in &view.tags {
            pages.push(Page::Tag {
                tag,
                tasks: tag
                    .tasks
                    .iter()
                    .map(|&t| TaskView::new(&site, &en, t))
                    .collect(),
                notes: tag
                    .notes
                    .iter()
                    .map(|&n| NoteSummaryView::new(&site, n))
                    .collect(),
            });
        }
        assert!(
            pages
                .iter()
                .any(|p| matches!(p, Page::Task { notes, .. } if !notes.is_empty()))
        );
        assert!(
            pages
                .iter()
                .any(|p| matches!(p, Page::Tag { tasks, .. } if !tasks.is_empty()))
        );
        for page in &pages {
            let shared = values.page(page).expect("a task, phase or tag page");
            // Debug shows the maps' order too, which templates' loops see.
            assert_eq!(
                format!("{shared:?}"),
                format!("{:?}", Value::from_serializable(page))
            );
        }
        assert!(values.page(&Page::Tags).is_none());
    }
}
