//! Tasks → a [`TaskIndex`] that finds a task by the name a note or a wiki link gives
//! it: exact title, case-insensitive title, slug, or a unique start of the title.
//! Hash lookups, so that linking thousands of notes stays linear in their number.

use std::collections::HashMap;

use super::site::Task;

/// How a name matched the tasks.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// Exactly one task.
    One(usize),
    /// Several tasks, in document order.
    Many(Vec<usize>),
    /// None.
    None,
}

/// The tasks' titles and slugs, indexed.
#[derive(Debug, Default)]
pub struct TaskIndex {
    /// Titles as written, by task index (for "did you mean").
    pub titles: Vec<String>,
    slugs: Vec<String>,
    lower: Vec<String>,
    by_title: HashMap<String, Vec<usize>>,
    by_lower: HashMap<String, Vec<usize>>,
    by_slug: HashMap<String, usize>,
}

impl TaskIndex {
    /// Indexes the tasks' titles and slugs (which notes never change).
    pub fn new(tasks: &[Task]) -> Self {
        let mut index = TaskIndex {
            titles: Vec::with_capacity(tasks.len()),
            slugs: Vec::with_capacity(tasks.len()),
            lower: Vec::with_capacity(tasks.len()),
            ..TaskIndex::default()
        };
        for (i, task) in tasks.iter().enumerate() {
            let lower = task.title.text.to_lowercase();
            index
                .by_title
                .entry(task.title.text.clone())
                .or_default()
                .push(i);
            index.by_lower.entry(lower.clone()).or_default().push(i);
            index.by_slug.entry(task.slug.clone()).or_insert(i);
            index.titles.push(task.title.text.clone());
            index.slugs.push(task.slug.clone());
            index.lower.push(lower);
        }
        index
    }

    /// The slug of task `i`.
    pub fn slug(&self, i: usize) -> &str {
        &self.slugs[i]
    }

    /// The task whose slug is `slug`.
    pub fn by_slug(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// Finds a task by exact title, then case-insensitive title, then slug, then a
    /// case-insensitive title prefix matching exactly one task.
    pub fn find(&self, query: &str) -> Found {
        let query = query.trim();
        let lower = query.to_lowercase();
        let exact = self
            .by_title
            .get(query)
            .or_else(|| self.by_lower.get(&lower));
        match exact.map(Vec::as_slice) {
            Some([one]) => return Found::One(*one),
            Some(many @ [_, _, ..]) => return Found::Many(many.to_vec()),
            _ => {}
        }
        if let Some(i) = self.by_slug(query) {
            return Found::One(i);
        }
        // A prefix can match anywhere; this scan only runs for names that are no
        // title or slug, which is rare.
        let prefixed: Vec<usize> = (0..self.lower.len())
            .filter(|&i| self.lower[i].starts_with(&lower))
            .collect();
        match prefixed.as_slice() {
            [] => Found::None,
            [one] => Found::One(*one),
            _ => Found::Many(prefixed),
        }
    }
}
