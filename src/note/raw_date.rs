//! A date as a note writes it (a TOML date or a `YYYY-MM-DD` string) → [`RawDate`],
//! and its day of the calendar as `YYYY-MM-DD`.

use serde::Deserialize;

/// A date as written: a TOML date or a `YYYY-MM-DD` string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawDate {
    /// `started = 2025-01-31`
    Toml(toml::value::Datetime),
    /// `started = "2025-01-31"` or YAML `started: 2025-01-31`
    Text(String),
}

impl RawDate {
    /// The date as `YYYY-MM-DD`, if it is a day of the calendar ([`crate::date::parse`]).
    pub fn normalized(&self) -> Option<String> {
        let text = match self {
            RawDate::Toml(datetime) => datetime
                .date
                .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))?,
            RawDate::Text(text) => text.trim().to_string(),
        };
        crate::date::parse(&text).map(crate::date::format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_validated() {
        assert_eq!(
            RawDate::Text("2024-02-29".into()).normalized().as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(RawDate::Text("2025-02-29".into()).normalized(), None);
        assert_eq!(RawDate::Text("31/01/2025".into()).normalized(), None);
    }
}
