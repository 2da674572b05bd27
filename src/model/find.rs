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
        Self::from_names(
            tasks
                .iter()
                .map(|t| (t.title.text.as_str(), t.slug.as_str())),
        )
    }

    /// Indexes (title, slug) pairs, in document order.
    pub(crate) fn from_names<'a>(names: impl ExactSizeIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut index = TaskIndex {
            titles: Vec::with_capacity(names.len()),
            slugs: Vec::with_capacity(names.len()),
            lower: Vec::with_capacity(names.len()),
            ..TaskIndex::default()
        };
        for (i, (title, slug)) in names.enumerate() {
            let lower = title.to_lowercase();
            index.by_title.entry(title.to_string()).or_default().push(i);
            index.by_lower.entry(lower.clone()).or_default().push(i);
            index.by_slug.entry(slug.to_string()).or_insert(i);
            index.titles.push(title.to_string());
            index.slugs.push(slug.to_string());
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

    /// Whether `query` names task `i` by its title, compared as [`find`](Self::find)
    /// compares titles: as written, or both in lower case (Unicode, so that `Ärger` and
    /// `ärger` are alike as `Docker` and `docker` are).
    pub fn is_title(&self, i: usize, query: &str) -> bool {
        let query = query.trim();
        self.titles[i] == query || self.lower[i] == query.to_lowercase()
    }

    /// The task a name that matched several leads to: the first, when they share the
    /// title (the writer cannot tell them apart but by slug, and a link to one beats
    /// none); none, when the name only starts their titles and could mean any.
    pub fn first_if_shared(&self, query: &str, candidates: &[usize]) -> Option<usize> {
        let first = *candidates.first()?;
        self.is_title(first, query).then_some(first)
    }

    /// `` `Title` (slug) `` of the first five candidates, for a hint asking for a slug.
    pub fn candidates(&self, candidates: &[usize]) -> String {
        let names: Vec<String> = candidates
            .iter()
            .take(5)
            .map(|&i| format!("`{}` ({})", self.titles[i], self.slugs[i]))
            .collect();
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tasks titled `titles`, each slug the title in lower case with `-` for spaces.
    fn index(titles: &[&str]) -> TaskIndex {
        let slugs: Vec<String> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}-{i}", t.to_lowercase().replace(' ', "-")))
            .collect();
        TaskIndex::from_names(titles.iter().copied().zip(slugs.iter().map(String::as_str)))
    }

    #[test]
    fn titles_differing_in_case_are_shared_alike_in_ascii_and_beyond() {
        for pair in [["Docker", "docker"], ["Ärger", "ärger"], ["Σ x", "σ x"]] {
            let index = index(&pair);
            // As written: the one task of that title.
            assert_eq!(index.find(pair[0]), Found::One(0), "{pair:?}");
            assert_eq!(index.find(pair[1]), Found::One(1), "{pair:?}");
            // Neither as written: both share it, the first is chosen.
            let upper = pair[1].to_uppercase();
            let mixed: String = pair[1]
                .chars()
                .enumerate()
                .map(|(i, c)| match i {
                    0 => c.to_lowercase().next().unwrap(),
                    _ => c.to_uppercase().next().unwrap(),
                })
                .collect();
            for query in [upper.as_str(), mixed.as_str()] {
                assert_eq!(index.find(query), Found::Many(vec![0, 1]), "{query}");
                assert_eq!(index.first_if_shared(query, &[0, 1]), Some(0), "{query}");
            }
        }
    }

    #[test]
    fn a_start_shared_by_several_titles_chooses_none() {
        let index = index(&["Linear algebra", "Limits", "Calculus"]);
        let Found::Many(candidates) = index.find("Li") else {
            panic!("`Li` starts two titles");
        };
        assert_eq!(candidates, [0, 1]);
        assert_eq!(index.first_if_shared("Li", &candidates), None);
        assert_eq!(
            index.candidates(&candidates),
            "`Linear algebra` (linear-algebra-0), `Limits` (limits-1)"
        );
        assert_eq!(index.find("lim"), Found::One(1));
    }
}
