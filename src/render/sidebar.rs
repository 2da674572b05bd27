//! A page's kind, phase and root → `sidebar`, the theme's `sidebar.html` (the list of
//! phases) rendered once for each such triple and shared by the pages that have it.
//!
//! Why not in `base.html` itself: rendered on every page, the list of phases was a
//! quarter of the time spent in templates on a 10,000-task roadmap (about 30 µs a
//! page), though its 10,000 task pages have only 500 different lists between them.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use tera::{Context, Tera, Value};

use super::page::Page;

/// The template's name inside `templates/`.
pub const TEMPLATE: &str = "sidebar.html";

/// What a list of phases depends on besides the site: the root, the page's kind and
/// the index of its phase (-1 for none).
type Key = (String, &'static str, i64);

/// The lists rendered so far in this build; shared by the threads rendering pages.
#[derive(Default)]
pub struct Sidebars(Mutex<HashMap<Key, Value>>);

impl Sidebars {
    /// The list of phases for `page` at `root`, rendered on first use.
    pub fn get(&self, tera: &Tera, root: &str, page: &Page) -> tera::TeraResult<Value> {
        let (kind, here) = place(page);
        let key = (root.to_string(), kind, here);
        let held = |map: &Mutex<HashMap<Key, Value>>| {
            map.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&key)
                .cloned()
        };
        if let Some(value) = held(&self.0) {
            return Ok(value);
        }
        // Two threads may render the same list at once: both get the same bytes.
        let mut context = Context::new();
        context.insert("root", root);
        context.insert("kind", kind);
        context.insert("here", &here);
        let value = Value::safe_string(&tera.render(TEMPLATE, &context)?);
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.insert(key, value.clone());
        Ok(value)
    }
}

/// `page.kind` as templates see it, and the index of the page's phase.
fn place(page: &Page) -> (&'static str, i64) {
    let index = |i: usize| i64::try_from(i).unwrap_or(i64::MAX);
    match page {
        Page::Home { .. } => ("home", -1),
        Page::Phase { phase, .. } => ("phase", index(phase.number) - 1),
        Page::Task { task, .. } => ("task", index(task.phase)),
        Page::Note { .. } => ("note", -1),
        Page::Tag { .. } => ("tag", -1),
        Page::Tags => ("tags", -1),
        Page::Share { .. } => ("share", -1),
        Page::Map { .. } => ("map", -1),
        Page::NotFound => ("not_found", -1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `place` names each kind as serde does for `page.kind`.
    #[test]
    fn kinds_are_the_page_kinds() {
        for page in [Page::Tags, Page::NotFound] {
            let serialised = serde_json::to_value(&page).unwrap();
            assert_eq!(serialised["kind"], place(&page).0);
        }
    }
}
