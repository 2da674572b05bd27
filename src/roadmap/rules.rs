//! The reader's settings (status words, and from `roadmap.toml`'s `[reader]` the
//! phase level and column names) → one value the parser reads by.

use super::columns::ColumnNames;
use super::vocabulary::Vocabulary;

/// What the reader goes by besides the file itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// Status words: built-in plus `[statuses]`.
    pub vocabulary: Vocabulary,
    /// `[reader] phase_level`: the heading level of phases, when the file's shape
    /// does not say it (1 for `#`, 2 for `##`, …).
    pub phase_level: Option<u8>,
    /// `[reader.columns]`: header texts naming a table's title, status and group
    /// columns.
    pub columns: ColumnNames,
}

impl Rules {
    /// Equal rules have equal fingerprints: what was read under other rules (the
    /// history cache, serve's memo) is read again.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}\u{1e}{:?}\u{1e}{:?}",
            self.vocabulary.fingerprint(),
            self.phase_level,
            self.columns
        )
    }
}
