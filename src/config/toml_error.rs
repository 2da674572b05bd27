//! A `toml` reader's error in roadmap.toml → a [`Diagnostic`] at its position, with a
//! "did you mean" for an unknown key.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

/// A TOML error as a diagnostic; an unknown key gets a "did you mean".
pub fn toml_diagnostic(source: &SourceFile, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_string();
    let (message, hint) = match unknown_field(&message) {
        Some((key, expected)) => (
            format!("unknown key `{key}`"),
            format!(
                "{}known keys here: {}",
                did_you_mean(&key, &expected),
                expected.join(", ")
            ),
        ),
        None => (
            message,
            "see the configuration table in the README for the keys and their types".into(),
        ),
    };
    let span = error.span().unwrap_or(0..0);
    Diagnostic::at(Severity::Error, source, span, message).with_hint(hint)
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" message (TOML quotes
/// the expected names, YAML does not; either may have a position prefix).
pub fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = &message[message.find("unknown field `")? + "unknown field `".len()..];
    let (key, rest) = rest.split_once('`')?;
    let list = rest
        .split_once("expected one of ")
        .or_else(|| rest.split_once("expected "))
        .map_or("", |(_, list)| list);
    let expected = list
        .split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|name| name.trim().trim_matches('`').to_string())
        .filter(|name| !name.is_empty())
        .collect();
    Some((key.to_string(), expected))
}
