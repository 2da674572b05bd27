//! [`TaskView`] → the task's `tera` value, with what many tasks have in common made
//! once and shared (tera's strings, lists and maps are reference-counted).
//!
//! serde makes each field of each task anew: a string longer than 21 bytes and
//! every list, even an empty one, is an allocation of its own. On a large site the
//! tasks' values are the largest thing a build holds beside the notes' HTML, so the
//! fields that repeat are shared: the phase's title and page (the same for every task
//! of a phase), the group trail (the same for a group's tasks), the empty lists of
//! attributes and tags, and the title's HTML forms where they equal the plain title.
//! Measured on the synthetic roadmap (N = 10,000, cache kept, 5 clean builds each,
//! BENCHMARKS.md, session 14): peak RSS 86 → 83 MiB, the output byte-identical.
//! The value is equal to serde's for the same view, maps' order and strings' kinds
//! included (the tests below, and `site_value.rs`'s for whole sites, compare them).

use std::collections::HashMap;

use tera::Value;

use super::view::{TaskView, phase_path};
use crate::model::Site;

/// The shared parts, made once per build.
pub struct TaskValues<'a> {
    /// `[]`, for every task without attributes or tags.
    empty: Value,
    /// Each phase's shown title and page path.
    phases: Vec<[Value; 2]>,
    /// The value of each group trail, by the trail.
    groups: HashMap<&'a [String], Value>,
}

impl<'a> TaskValues<'a> {
    /// The shared parts of `site`'s tasks.
    pub fn new(site: &'a Site) -> Self {
        let phases = site.phases.iter().map(|phase| {
            let url = phase_path(&phase.slug);
            [Value::from(phase.shown_title()), Value::from(url.as_str())]
        });
        let mut groups = HashMap::new();
        for task in &site.tasks {
            let trail = task.groups.as_slice();
            groups
                .entry(trail)
                .or_insert_with(|| Value::from_serializable(&trail));
        }
        TaskValues {
            empty: Value::from(Vec::<Value>::new()),
            phases: phases.collect(),
            groups,
        }
    }

    /// The value of `view`: what serde gives for it, sharing what it can.
    pub fn value(&self, view: &TaskView) -> Value {
        // Every field, named: a new one cannot be forgotten here.
        let TaskView {
            kind,
            index,
            title,
            title_html,
            title_link,
            slug,
            url,
            phase,
            phase_title,
            phase_url,
            attributes,
            note_count,
            tags,
            status,
            status_label,
            groups,
            line,
            started,
            completed,
            started_before,
            completed_before,
        } = view;
        let title_value = Value::from(*title);
        let title_html_value = same_or(&title_value, title_html);
        let title_link_value = same_or(&title_html_value, title_link);
        let [shown, page] = match self.phases.get(*phase) {
            Some([title, url]) => [same_or(title, phase_title), same_or(url, phase_url)],
            None => [Value::from(*phase_title), Value::from(phase_url.as_str())],
        };
        let attributes = match attributes.is_empty() {
            true => self.empty.clone(),
            false => Value::from_serializable(attributes),
        };
        let tags = match tags.is_empty() {
            true => self.empty.clone(),
            false => Value::from_serializable(tags),
        };
        let trail = match self.groups.get(groups) {
            Some(trail) => trail.clone(),
            None => Value::from_serializable(groups),
        };
        super::site_value::map([
            ("kind", Value::from(*kind)),
            ("index", Value::from(*index)),
            ("title", title_value),
            ("title_html", title_html_value),
            ("title_link", title_link_value),
            ("slug", Value::from(*slug)),
            ("url", Value::from(url.as_str())),
            ("phase", Value::from(*phase)),
            ("phase_title", shown),
            ("phase_url", page),
            ("attributes", attributes),
            ("note_count", Value::from(*note_count)),
            ("tags", tags),
            ("status", Value::from(*status)),
            ("status_label", Value::from(*status_label)),
            ("groups", trail),
            ("line", Value::from(*line)),
            ("started", Value::from_serializable(started)),
            ("completed", Value::from_serializable(completed)),
            ("started_before", Value::from_serializable(started_before)),
            (
                "completed_before",
                Value::from_serializable(completed_before),
            ),
        ])
    }
}

/// `shared` when it is the string `text`, else a value of `text`.
fn same_or(shared: &Value, text: &str) -> Value {
    match shared.as_str() == Some(text) {
        true => shared.clone(),
        false => Value::from(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;
    use crate::i18n::Language;

    /// A site whose tasks take every path above: titles with and without markup
    /// and links, extra columns empty and filled, tags, group trails shared and not,
    /// a phase title with a decoration the phase pages leave out.
    fn site() -> (tempfile::TempDir, Site) {
        let folder = tempfile::tempdir().unwrap();
        let content = folder.path().join("content");
        std::fs::create_dir_all(content.join("notes")).unwrap();
        let roadmap = "# Plan\n\n\
            ## Phase 1: Basics & tools\n\n\
            | Task | Status | Hours |\n|---|---|---|\n\
            | Plain task | ✅ | 3 |\n\
            | Fish & chips with `code` | ❌ | |\n\
            | Read [the book](https://example.org/book) | ❌ | 2 |\n\n\
            ## A phase with a rather long title for its tasks to share\n\n\
            - [ ] Groups of a checklist\n  - [x] First sub-task in a group\n  - [ ] Second sub-task in a group\n\
            - [x] Another group\n  - [ ] Its only sub-task\n";
        std::fs::write(content.join("roadmap.md"), roadmap).unwrap();
        let note = "+++\ntask = \"Plain task\"\ntags = [\"basics\", \"a-rather-long-tag-name-here\"]\n+++\nText.\n";
        std::fs::write(content.join("notes/plain.md"), note).unwrap();
        let config = Config::load(folder.path()).unwrap();
        let site = crate::load_site(&config).unwrap().site;
        (folder, site)
    }

    #[test]
    fn a_task_value_with_shared_parts_is_what_serde_gives_for_its_view() {
        let (_folder, site) = site();
        let en = Language::english();
        let shared = TaskValues::new(&site);
        let views: Vec<TaskView> = (0..site.tasks.len())
            .map(|i| TaskView::new(&site, &en, i))
            .collect();
        // Every path is taken: the sharing cannot hide a wrong field.
        let any = |f: &dyn Fn(&TaskView) -> bool| views.iter().any(f);
        assert!(any(&|v| v.title != v.title_html) && any(&|v| v.title == v.title_html));
        assert!(any(&|v| v.title_link != v.title_html));
        assert!(any(&|v| v.attributes.is_empty()) && any(&|v| !v.attributes.is_empty()));
        assert!(any(&|v| v.tags.is_empty()) && any(&|v| !v.tags.is_empty()));
        assert!(any(&|v| v.groups.is_empty()) && any(&|v| !v.groups.is_empty()));
        assert!(any(&|v| v.phase_title.len() > 21 && v.phase_url.len() > 21));
        assert!(any(
            &|v| v.title != v.title_html && v.title_link == v.title_html
        ));
        let trail = |v: &&TaskView| !v.groups.is_empty();
        let trails: Vec<_> = views.iter().filter(trail).map(|v| v.groups).collect();
        assert!((1..trails.len()).any(|i| trails[..i].contains(&trails[i])));
        for view in &views {
            same(
                &shared.value(view),
                &Value::from_serializable(view),
                view.title,
            );
        }
    }

    /// `a` and `b` are the same value: the same Debug text, which shows the maps'
    /// order too (templates' loops see it), and the same kinds of strings (safe or to
    /// be escaped), which it does not show.
    fn same(a: &Value, b: &Value, what: &str) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{what}");
        assert_eq!(a.is_safe(), b.is_safe(), "{what}");
        if let (Some(a), Some(b)) = (a.as_map(), b.as_map()) {
            for ((key, a), (_, b)) in a.iter().zip(b) {
                same(a, b, &format!("{what}.{key:?}"));
            }
        }
        if let (Some(a), Some(b)) = (a.as_array(), b.as_array()) {
            for (a, b) in a.iter().zip(b) {
                same(a, b, &format!("{what}[]"));
            }
        }
    }

    #[test]
    fn what_tasks_have_in_common_is_one_value_shared_by_them() {
        let (_folder, site) = site();
        let en = Language::english();
        let shared = TaskValues::new(&site);
        let values: Vec<Value> = (0..site.tasks.len())
            .map(|i| shared.value(&TaskView::new(&site, &en, i)))
            .collect();
        // Where a string or list lives: the same place for a shared value. Strings of
        // up to 21 bytes are held inline, each in its own value: these are longer.
        let place = |value: &Value, field: &str| {
            let field = &value.as_map().unwrap()[&tera::value::Key::Str(field)];
            match field.as_array() {
                Some(items) => items.as_ptr() as usize,
                None => field.as_str().unwrap().as_ptr() as usize,
            }
        };
        let titled = |title: &str| {
            let i = site.tasks.iter().position(|t| t.title.text == title);
            &values[i.unwrap()]
        };
        let (first, second) = (
            titled("First sub-task in a group"),
            titled("Second sub-task in a group"),
        );
        for field in ["phase_title", "phase_url", "groups"] {
            assert_eq!(place(first, field), place(second, field), "{field}");
        }
        assert_eq!(place(first, "title"), place(first, "title_html"));
        assert_eq!(place(first, "title_html"), place(first, "title_link"));
        let other = titled("Its only sub-task");
        assert_ne!(place(first, "groups"), place(other, "groups"));
    }

    #[test]
    fn a_view_that_differs_from_the_shared_parts_keeps_its_own_fields() {
        let (_folder, site) = site();
        let en = Language::english();
        let shared = TaskValues::new(&site);
        let mut view = TaskView::new(&site, &en, 0);
        let trail = ["Not a group of this site".to_string()];
        view.phase_title = "Another phase title, long enough";
        view.phase_url = "phases/another-phase-somewhere.html".into();
        view.groups = &trail;
        view.phase = site.phases.len(); // no such phase
        same(
            &shared.value(&view),
            &Value::from_serializable(&view),
            "none",
        );
        view.phase = 0;
        same(
            &shared.value(&view),
            &Value::from_serializable(&view),
            "first",
        );
    }
}
