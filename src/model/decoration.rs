//! Phase titles → how much of their start is a symbol that opens every one of them.
//!
//! A roadmap that writes `## 📂 Phase 1`, `## 📂 Phase 2`… uses the folder as a
//! bullet: on a page of phase cards it is the same picture on every card and tells
//! nothing apart. When every phase (two or more) opens with the same run of symbols
//! (emoji, pictographs, dingbats: no letter, digit or ASCII sign), that run is marked
//! as decoration ([`Phase::decoration`]) and pages leave it out. The title itself is
//! kept whole (`status`, `progress.json` and slugs show what the file says). Symbols
//! that differ between phases (📘, 📊) tell phases apart and are never marked.

use super::site::Phase;

/// Marks the symbols every phase title opens with, when they all share them.
pub(super) fn mark_shared_symbols(phases: &mut [Phase]) {
    if phases.len() < 2 {
        return;
    }
    if let Some(prefix) = shared_prefix(phases) {
        for phase in phases {
            phase.decoration = prefix.len();
        }
    }
}

/// The symbols and the spaces after them that open every title, if the same.
fn shared_prefix(phases: &[Phase]) -> Option<String> {
    let first = &phases[0].title.text;
    let symbols = first
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric() || c.is_ascii() || c.is_whitespace())
        .map_or(first.len(), |(at, _)| at);
    if symbols == 0 {
        return None;
    }
    let spaces = first[symbols..].len() - first[symbols..].trim_start().len();
    let prefix = &first[..symbols + spaces];
    let shared = phases.iter().all(|p| {
        let text = &p.title.text;
        // Something must be left: a phase titled by the symbol alone keeps it.
        text.starts_with(prefix)
            && !text[prefix.len()..].trim().is_empty()
            && p.title.html.starts_with(prefix)
    });
    shared.then(|| prefix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::Inline;

    fn phases(titles: &[&str]) -> Vec<Phase> {
        titles
            .iter()
            .map(|t| Phase {
                title: Inline {
                    html: t.to_string(),
                    text: t.to_string(),
                },
                slug: String::new(),
                decoration: 0,
                items: Vec::new(),
                progress: Default::default(),
                tasks: 0..0,
            })
            .collect()
    }

    fn stripped(titles: &[&str]) -> Vec<String> {
        let mut phases = phases(titles);
        mark_shared_symbols(&mut phases);
        phases
            .iter()
            .map(|p| {
                assert_eq!(p.title.html[..p.decoration], p.title.text[..p.decoration]);
                p.title.text[p.decoration..].to_string()
            })
            .collect()
    }

    #[test]
    fn a_symbol_opening_every_phase_is_left_out() {
        assert_eq!(
            stripped(&["📂 Phase 1: Core", "📂 Phase 2: ML"]),
            ["Phase 1: Core", "Phase 2: ML"]
        );
    }

    #[test]
    fn symbols_that_tell_phases_apart_stay() {
        let titles = ["📘 Maths", "📊 Data"];
        assert_eq!(stripped(&titles), titles);
        // One phase without the symbol keeps it on all.
        let titles = ["📂 Phase 1", "Phase 2"];
        assert_eq!(stripped(&titles), titles);
    }

    #[test]
    fn words_digits_and_ascii_signs_are_never_stripped() {
        for titles in [
            ["1. Arrays", "1. Lists"],
            ["[A] One", "[A] Two"],
            ["Week 1", "Week 2"],
        ] {
            assert_eq!(stripped(&titles), titles);
        }
    }

    #[test]
    fn a_lone_phase_or_a_title_of_symbols_only_keeps_its_symbols() {
        assert_eq!(stripped(&["📂 Phase 1"]), ["📂 Phase 1"]);
        assert_eq!(stripped(&["📂", "📂 Two"]), ["📂", "📂 Two"]);
    }
}
