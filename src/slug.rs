//! Titles → URL slugs: readable, stable across builds, unique within a set.

use std::collections::{HashMap, HashSet};

/// Longest slug in bytes before truncation at a word boundary.
const MAX_LEN: usize = 80;

/// Lowercase words joined by `-`. Letters and digits of every script are kept (so
/// `学习 Rust` gives `学习-rust`); emoji and punctuation separate words.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            // "Bayes’ Theorem" → "bayes-theorem", not "bayes-s-theorem" style breaks.
            dash = true;
        }
    }
    if slug.len() > MAX_LEN {
        let mut cut = MAX_LEN;
        while !slug.is_char_boundary(cut) {
            cut -= 1;
        }
        let end = slug[..cut]
            .rfind('-')
            .filter(|&i| i > MAX_LEN / 2)
            .unwrap_or(cut);
        slug.truncate(end);
    }
    slug
}

/// Vowel signs and diacritics that belong inside a word (Devanagari, Arabic, Thai…).
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0963 | 0x0966..=0x0DFF
        | 0x0E31..=0x0E4E | 0x0EB1..=0x0ECD | 0x3099..=0x309A)
}

/// Hands out slugs unique within one namespace (tasks, or phases).
#[derive(Debug, Default)]
pub struct Slugs {
    used: HashSet<String>,
    /// Next suffix to try per base, so that many equal titles stay linear.
    next: HashMap<String, usize>,
}

impl Slugs {
    /// The slug of `text`, or `fallback` when it has no letters, with `-2`, `-3`…
    /// appended when already taken.
    pub fn unique(&mut self, text: &str, fallback: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => fallback.to_string(),
            s => s,
        };
        self.claim(base)
    }

    /// `base`, a slug already, or `base-2`, `base-3`… when taken.
    pub fn claim(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let slug = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(slug.clone()) {
                return slug;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_slugs_from_titles() {
        assert_eq!(
            slugify("Linear Algebra: Matrices, Vectors, Eigenvalues, Eigenvectors"),
            "linear-algebra-matrices-vectors-eigenvalues-eigenvectors"
        );
        assert_eq!(
            slugify("📂 Phase 1: Core Foundations"),
            "phase-1-core-foundations"
        );
        assert_eq!(
            slugify("Probability: Bayes’ Theorem"),
            "probability-bayes-theorem"
        );
        assert_eq!(slugify("C++ & C#"), "c-c");
    }

    #[test]
    fn non_latin_titles_keep_their_letters() {
        assert_eq!(slugify("学习 Rust"), "学习-rust");
        assert_eq!(slugify("Café Crème"), "café-crème");
        assert_eq!(slugify("मशीन लर्निंग"), "मशीन-लर्निंग");
        assert_eq!(slugify("تعلم الآلة"), "تعلم-الآلة");
    }

    #[test]
    fn duplicates_and_empty_titles_get_unique_slugs() {
        let mut slugs = Slugs::default();
        assert_eq!(
            slugs.unique("Image Classification", "task"),
            "image-classification"
        );
        assert_eq!(
            slugs.unique("Image classification!", "task"),
            "image-classification-2"
        );
        assert_eq!(slugs.unique("🚀", "task"), "task");
        assert_eq!(slugs.unique("", "task"), "task-2");
    }

    #[test]
    fn many_equal_titles_stay_fast_and_unique() {
        let mut slugs = Slugs::default();
        let all: HashSet<String> = (0..20_000).map(|_| slugs.unique("🚀", "task")).collect();
        assert_eq!(all.len(), 20_000);
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = slugify(&"word ".repeat(40));
        assert!(slug.len() <= MAX_LEN && slug.ends_with("word"), "{slug}");
    }
}
