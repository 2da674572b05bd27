//! Parsed [`Roadmap`] + config → [`Site`]: slugs, the flat task list, group trails and
//! progress at every level. This is what pages are rendered from.

use std::collections::HashMap;
use std::ops::Range;

use super::notes::{self, Note};
use super::progress::Progress;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Sources;
use crate::roadmap::{self, Inline, Roadmap, Status};
use crate::slug::{Slugs, slugify};
use crate::source::{Location, SourceFile};

/// Everything the site shows.
#[derive(Debug)]
pub struct Site {
    /// Roadmap title (config override, `#` heading, or "Roadmap").
    pub title: Inline,
    /// Phases in document order.
    pub phases: Vec<Phase>,
    /// Every leaf task, in document order.
    pub tasks: Vec<Task>,
    /// Overall progress.
    pub progress: Progress,
    /// The learner's prose blocks in the roadmap, in file order (shown as HTML by
    /// the `notes_html` stage): the intro, the text outside phases, and the prose
    /// that `Node::Prose` places among a phase's tasks.
    pub prose: Vec<Prose>,
    /// The intro (before the first phase), by index into `prose`.
    pub intro: Vec<usize>,
    /// The text outside phases after the first, by index into `prose`.
    pub outside: Vec<usize>,
    /// Notes, in file-name order.
    pub notes: Vec<Note>,
    /// Absolute URL the site is published at, ending in `/`.
    pub base_url: Option<String>,
    /// `[extra]` of `roadmap.toml`, for themes.
    pub extra: toml::Table,
}

/// A phase with its tree of groups and tasks.
#[derive(Debug)]
pub struct Phase {
    /// Title.
    pub title: Inline,
    /// URL slug, unique among phases.
    pub slug: String,
    /// Bytes at the start of `title` (its text and its HTML) that are decoration
    /// shared by every phase (`📂 ` on each): pages show the title without them.
    pub decoration: usize,
    /// Groups and tasks.
    pub items: Vec<Node>,
    /// Progress over the phase's tasks.
    pub progress: Progress,
    /// The phase's tasks, as a range of `Site::tasks`.
    pub tasks: Range<usize>,
}

impl Phase {
    /// The title as pages show it: without the decoration every phase shares.
    pub fn shown_title(&self) -> &str {
        &self.title.text[self.decoration..]
    }

    /// [`Phase::shown_title`] as inline HTML.
    pub fn shown_title_html(&self) -> &str {
        &self.title.html[self.decoration..]
    }
}

/// A node of a phase's tree.
#[derive(Debug)]
pub enum Node {
    /// A group or subgroup.
    Group(Group),
    /// A task, by index into `Site::tasks`.
    Task(usize),
    /// A block of the learner's prose, by index into `Site::prose`.
    Prose(usize),
}

/// A block of the roadmap that is neither tasks nor structure: a paragraph, a list of
/// resources, a heading over them, a code block, a quote.
#[derive(Debug)]
pub struct Prose {
    /// The whole block's byte range in the roadmap file.
    pub span: Range<usize>,
    /// The phase whose page shows it; none for the home page.
    pub phase: Option<usize>,
}

/// A group with progress.
#[derive(Debug)]
pub struct Group {
    /// Name.
    pub title: Inline,
    /// Status written on the group itself, if any (not counted).
    pub declared: Option<Status>,
    /// When the group is a task itself (a checkbox with subtasks, a status heading):
    /// that task, by index into `Site::tasks`.
    pub task: Option<usize>,
    /// Children.
    pub items: Vec<Node>,
    /// Progress over the group's tasks.
    pub progress: Progress,
}

/// A leaf task.
#[derive(Debug)]
pub struct Task {
    /// Title.
    pub title: Inline,
    /// URL slug, unique among all tasks of the site.
    pub slug: String,
    /// Status.
    pub status: Status,
    /// Index of its phase.
    pub phase: usize,
    /// Names of the groups and subgroups it sits in, outermost first.
    pub groups: Vec<String>,
    /// Where it is written in the roadmap.
    pub location: Location,
    /// Extra table columns.
    pub attributes: Vec<(String, Inline)>,
    /// Its notes, by index into `Site::notes`, in file-name order.
    pub notes: Vec<usize>,
    /// When it was started (`YYYY-MM-DD`): the earliest `started` of its notes, else
    /// the roadmap file's git history.
    pub started: Option<String>,
    /// When it was done (`YYYY-MM-DD`): the latest `completed` of its notes, else the
    /// git history. Set only for tasks that are done.
    pub completed: Option<String>,
    /// When no day is known for `started`, the day by which it was started: the
    /// history's first sight of the task, already in progress (`YYYY-MM-DD`).
    pub started_before: Option<String>,
    /// When no day is known for `completed`, the day by which it was done: the
    /// history's first sight of the task, already done (in the roadmap's first
    /// commit, or added done). Never shown as a completion day.
    pub completed_before: Option<String>,
}

impl Site {
    /// Resolves a parsed roadmap and the notes into the site model.
    pub fn new(
        config: &Config,
        roadmap: Roadmap,
        sources: &Sources,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Site {
        let title = match (&config.title, roadmap.title) {
            (Some(title), _) => Inline {
                html: crate::html::escape(title),
                text: title.clone(),
            },
            (None, Some(title)) => title,
            (None, None) => Inline {
                html: "Roadmap".into(),
                text: "Roadmap".into(),
            },
        };
        let mut builder = Builder {
            source: &sources.roadmap,
            tasks: Vec::new(),
            prose: Vec::new(),
            seen: HashMap::new(),
            scopes: HashMap::new(),
            warnings: Vec::new(),
        };
        let mut phase_slugs = Slugs::default();
        let mut phases: Vec<Phase> = roadmap
            .phases
            .into_iter()
            .enumerate()
            .map(|(index, phase)| {
                let start = builder.tasks.len();
                let mut trail = Vec::new();
                let scope = builder.scope(index, &trail);
                let items = builder.nodes(phase.items, index, &mut trail, scope);
                Phase {
                    slug: phase_slugs.unique(&phase.title.text, "phase"),
                    title: phase.title,
                    decoration: 0,
                    progress: Progress::default(),
                    items,
                    tasks: start..builder.tasks.len(),
                }
            })
            .collect();
        super::decoration::mark_shared_symbols(&mut phases);
        diagnostics.append(&mut builder.warnings);
        let mut prose = builder.prose;
        let mut home = |spans: Vec<Range<usize>>| -> Vec<usize> {
            let from = prose.len();
            prose.extend(spans.into_iter().map(|span| Prose { span, phase: None }));
            (from..prose.len()).collect()
        };
        let (intro, outside) = (home(roadmap.intro), home(roadmap.outside));
        let mut tasks = builder.tasks;
        // Grown by doubling, and held until the build ends: up to 1.7 MB of a
        // 10,000-task site's peak unused (valgrind massif).
        tasks.shrink_to_fit();
        name_tasks(&mut tasks, &phases);
        // Notes may override statuses, so progress is counted after them.
        let notes = notes::build(config, &sources.notes, &mut tasks, diagnostics);
        for (i, note) in notes.iter().enumerate() {
            if let Some(task) = note.task {
                tasks[task].notes.push(i);
            }
        }
        // Dates written in notes win over anything the git history says later.
        let notes_ref = &notes;
        for task in &mut tasks {
            let linked = &task.notes;
            let dates = |pick: fn(&Note) -> &Option<String>| {
                linked
                    .iter()
                    .filter_map(move |&n| pick(&notes_ref[n]).clone())
            };
            task.started = dates(|n| &n.started).min();
            task.completed = dates(|n| &n.completed)
                .max()
                .filter(|_| task.status == Status::Done);
        }
        for phase in &mut phases {
            phase.progress = Progress::of(tasks[phase.tasks.clone()].iter().map(|t| t.status));
            count_groups(&mut phase.items, &tasks);
        }
        Site {
            title,
            progress: Progress::of(tasks.iter().map(|t| t.status)),
            phases,
            prose,
            intro,
            outside,
            tasks,
            notes,
            base_url: config.base_url.clone(),
            extra: config.extra.clone(),
        }
    }
}

/// Fills in every group's progress from its tasks; returns the statuses below,
/// each task once. A group that is a task itself (`- [ ] Parent` over three
/// checkboxes) counts its children only: "1/3", not "1/4" with the parent counted as
/// its own child. Its own status shows beside its title, and the group above it
/// (and its phase) count it as one task among the others.
fn count_groups(items: &mut [Node], tasks: &[Task]) -> Vec<Status> {
    let mut statuses = Vec::new();
    for item in items {
        match item {
            Node::Task(i) => statuses.push(tasks[*i].status),
            Node::Group(group) => {
                let below = count_groups(&mut group.items, tasks);
                group.progress = Progress::of(below.iter().copied());
                statuses.extend(group.task.map(|i| tasks[i].status));
                statuses.extend(below);
            }
            Node::Prose(_) => {}
        }
    }
    statuses
}

/// Gives every task its slug: its title's or, for a title several tasks share, the
/// title's with what tells them apart appended (their phases' slugs, then their
/// groups'), so that a task's URL does not move when the roadmap is reordered.
/// Tasks alike in all of these are numbered (`-2`) in order, as before. Plain titles
/// are named first, so that a longer slug never takes another task's plain one.
fn name_tasks(tasks: &mut [Task], phases: &[Phase]) {
    // Each slug is made once, and tasks sharing a title are compared through maps: a
    // roadmap of 5,000 rows titled alike took 4.4 s when every pair was compared.
    let slug_or = |text: &str, fallback: &str| match slugify(text) {
        slug if slug.is_empty() => fallback.to_string(),
        slug => slug,
    };
    let bases: Vec<String> = tasks
        .iter()
        .map(|t| slug_or(&t.title.text, "task"))
        .collect();
    let groups: Vec<String> = tasks
        .iter()
        .map(|t| t.groups.last().map(|g| slugify(g)).unwrap_or_default())
        .collect();
    let mut alike: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, base) in bases.iter().enumerate() {
        alike.entry(base.as_str()).or_default().push(i);
    }
    let mut names: Vec<String> = bases.clone();
    for (base, same) in alike.iter().filter(|(_, same)| same.len() > 1) {
        let phases_differ = same.iter().any(|&i| tasks[i].phase != tasks[same[0]].phase);
        // Per phase: the first task's group, and whether any other differs from it.
        let mut per_phase: HashMap<usize, (&str, bool)> = HashMap::new();
        for &i in same {
            let entry = per_phase
                .entry(tasks[i].phase)
                .or_insert((&groups[i], false));
            entry.1 |= entry.0 != groups[i];
        }
        for &i in same {
            let mut name = base.to_string();
            if phases_differ {
                name = format!("{name}-{}", phases[tasks[i].phase].slug);
            }
            if per_phase[&tasks[i].phase].1 && !groups[i].is_empty() {
                name = format!("{name}-{}", groups[i]);
            }
            names[i] = name;
        }
    }
    let mut slugs = Slugs::default();
    let plain: Vec<bool> = bases.iter().map(|b| alike[b.as_str()].len() == 1).collect();
    let mut given: Vec<String> = vec![String::new(); tasks.len()];
    for shared in [false, true] {
        for (i, name) in names
            .iter()
            .enumerate()
            .filter(|(i, _)| plain[*i] != shared)
        {
            // A qualified name is cut to a slug's length as titles are.
            let name = if shared { slugify(name) } else { name.clone() };
            given[i] = slugs.claim(name);
        }
    }
    for (task, slug) in tasks.iter_mut().zip(given) {
        task.slug = slug;
    }
}

struct Builder<'s> {
    source: &'s SourceFile,
    tasks: Vec<Task>,
    prose: Vec<Prose>,
    /// (scope, lowercase title) of every task, to notice duplicates.
    seen: HashMap<(usize, String), usize>,
    /// A number for each (phase, group trail), so that tasks need not copy the trail.
    scopes: HashMap<(usize, Vec<String>), usize>,
    warnings: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn scope(&mut self, phase: usize, trail: &[String]) -> usize {
        let next = self.scopes.len();
        *self.scopes.entry((phase, trail.to_vec())).or_insert(next)
    }

    fn task(&mut self, task: roadmap::Task, phase: usize, trail: &[String], scope: usize) -> usize {
        let key = (scope, task.title.text.to_lowercase());
        if let Some(&first) = self.seen.get(&key) {
            let line = self.tasks[first].location.line;
            self.warnings.push(
                Diagnostic::at(
                    Severity::Warning,
                    self.source,
                    task.span.clone(),
                    format!(
                        "`{}` is already a task in this group (line {line})",
                        task.title.text
                    ),
                )
                .with_hint("both are kept and counted; rename one or delete the duplicate"),
            );
        } else {
            self.seen.insert(key, self.tasks.len());
        }
        self.tasks.push(Task {
            // Named once every task is known: see `name_tasks`.
            slug: String::new(),
            title: task.title,
            status: task.status,
            phase,
            groups: trail.to_vec(),
            location: self.source.location(task.span.start),
            attributes: task.attributes,
            notes: Vec::new(),
            started: None,
            completed: None,
            started_before: None,
            completed_before: None,
        });
        self.tasks.len() - 1
    }

    fn nodes(
        &mut self,
        items: Vec<roadmap::Item>,
        phase: usize,
        trail: &mut Vec<String>,
        scope: usize,
    ) -> Vec<Node> {
        let mut nodes: Vec<Node> = items
            .into_iter()
            .map(|item| match item {
                roadmap::Item::Task(task) => Node::Task(self.task(task, phase, trail, scope)),
                roadmap::Item::Prose(span) => {
                    let phase = Some(phase);
                    self.prose.push(Prose { span, phase });
                    Node::Prose(self.prose.len() - 1)
                }
                roadmap::Item::Group(group) => {
                    let task = group.own.map(|own| self.task(own, phase, trail, scope));
                    trail.push(group.title.text.clone());
                    let inner = self.scope(phase, trail);
                    let items = self.nodes(group.items, phase, trail, inner);
                    trail.pop();
                    Node::Group(Group {
                        title: group.title,
                        declared: group.declared,
                        task,
                        items,
                        progress: Progress::default(),
                    })
                }
            })
            .collect();
        // Collected in place, into the items' buffer: a third of it unused (an item
        // is larger than a node) for as long as the site lives.
        nodes.shrink_to_fit();
        nodes
    }
}
