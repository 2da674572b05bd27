//! A note's text → its [`FrontMatter`] (TOML between `+++` lines or YAML between `---`
//! lines) and the byte range of the Markdown body.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Location, SourceFile};

/// The keys a note may set. Unknown keys are errors, so typos never pass silently.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The task: exact title, slug, or a case-insensitive title prefix.
    pub task: Option<String>,
    /// The note's title (default: the task's title).
    pub title: Option<String>,
    /// A status that overrides the roadmap's.
    pub status: Option<String>,
    /// When work on the task started.
    pub started: Option<RawDate>,
    /// When the task was finished.
    pub completed: Option<RawDate>,
    /// Free-form tags; each gets a page.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Links worth keeping.
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// One-line summary, shown in lists.
    pub summary: Option<String>,
}

/// A date as written: a TOML date or a `YYYY-MM-DD` string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawDate {
    /// `started = 2025-01-31`
    Toml(toml::value::Datetime),
    /// `started = "2025-01-31"` or YAML `started: 2025-01-31`
    Text(String),
}

/// A link in `resources`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Link text.
    pub title: String,
    /// Where it points.
    pub url: String,
}

/// Which syntax the front matter was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Toml,
    Yaml,
}

/// Splits off and parses the front matter. A note without one has default values and
/// its whole text as body.
pub fn parse(source: &SourceFile) -> Result<(FrontMatter, Range<usize>), Diagnostic> {
    let text = source.text.as_str();
    let Some((syntax, inner, body_start)) = split(text) else {
        return Ok((FrontMatter::default(), 0..text.len()));
    };
    let parsed = match syntax {
        Syntax::Toml => toml::from_str::<FrontMatter>(&text[inner.clone()]).map_err(|e| {
            let span = e.span().map_or(inner.start..inner.start, |s| {
                inner.start + s.start..inner.start + s.end
            });
            front_matter_error(source, e.message().trim().to_string(), Some(span), None)
        }),
        Syntax::Yaml => serde_saphyr::from_str::<FrontMatter>(&text[inner.clone()]).map_err(|e| {
            if let Some(limit) = yaml_limit(&e) {
                return too_large(source, &limit);
            }
            let first = source.location(inner.start).line;
            let location = e.location().map(|l| Location {
                line: first + l.line() as usize - 1,
                column: l.column() as usize,
            });
            front_matter_error(source, yaml_message(&e), None, location)
        }),
    };
    parsed.map(|front| (front, body_start..text.len()))
}

/// Finds `+++`…`+++` or `---`…`---` at the very start: (syntax, inner range, body start).
fn split(text: &str) -> Option<(Syntax, Range<usize>, usize)> {
    let (syntax, fence) = if text.starts_with("+++") {
        (Syntax::Toml, "+++")
    } else if text.starts_with("---") {
        (Syntax::Yaml, "---")
    } else {
        return None;
    };
    let first_line_end = text.find('\n')?;
    if text[..first_line_end].trim_end() != fence {
        return None;
    }
    let inner_start = first_line_end + 1;
    let mut offset = inner_start;
    for line in text[inner_start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((syntax, inner_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn yaml_message(error: &serde_saphyr::Error) -> String {
    // The crate's rendering includes its own snippet; keep the first line only.
    let text = error.to_string();
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    first.trim_start_matches("error: ").to_string()
}

/// Which of the YAML reader's limits the front matter went over, in words: the
/// reader's own message names a Rust value (`budget breached: Nodes { nodes: 250001 }`)
/// at the line where it gave up, deep inside the list that is too long.
fn yaml_limit(error: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    let mut error = error;
    while let Error::WithSnippet { error: inner, .. } | Error::AliasError { error: inner, .. } =
        error
    {
        error = inner;
    }
    let Error::Budget { breach, .. } = error else {
        return None;
    };
    // The limits in force: `from_str` reads with the default budget.
    let budget = serde_saphyr::Budget::default();
    Some(match breach {
        BudgetBreach::Nodes { .. } => format!("more than {} values", budget.max_nodes),
        BudgetBreach::Events { .. } => format!("more than {} YAML events", budget.max_events),
        BudgetBreach::Depth { .. } => format!("nested more than {} levels deep", budget.max_depth),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => {
            "too many anchors or aliases (`&name`, `*name`)".to_string()
        }
        BudgetBreach::Documents { .. } => {
            format!("more than {} YAML documents", budget.max_documents)
        }
        _ => "over the YAML reader's limits".to_string(),
    })
}

/// Front matter over a limit, at its opening `---`: where it goes over is somewhere in
/// a long list, and the fix is to the whole block.
fn too_large(source: &SourceFile, limit: &str) -> Diagnostic {
    let message = format!(
        "the front matter is too large or too deeply nested ({limit}); front matter holds \
         a few fields such as title and tags"
    );
    Diagnostic::at(Severity::Error, source, 0..3, message).with_hint(
        "move long lists and data into the note's body, below the closing `---`; keys are \
         task, title, status, started, completed, tags, resources, summary",
    )
}

fn front_matter_error(
    source: &SourceFile,
    message: String,
    span: Option<Range<usize>>,
    location: Option<Location>,
) -> Diagnostic {
    let (message, hint) = match crate::config::unknown_field(&message) {
        Some((key, expected)) => {
            let guess = crate::config::did_you_mean(&key, &expected);
            (
                format!("unknown front matter key `{key}`"),
                format!("{guess}allowed keys: {}", expected.join(", ")),
            )
        }
        None => (
            format!("invalid front matter: {message}"),
            "keys are task, title, status, started, completed, tags, resources, summary; \
             dates look like 2025-01-31"
                .to_string(),
        ),
    };
    let diagnostic = match (span, location) {
        (Some(span), _) => Diagnostic::at(Severity::Error, source, span, message),
        (None, Some(location)) => {
            Diagnostic::at_location(Severity::Error, source, location, message)
        }
        (None, None) => Diagnostic::file(Severity::Error, &source.path, message),
    };
    diagnostic.with_hint(hint)
}

/// The byte offset of the line that sets `key` in the front matter, for diagnostics.
pub fn key_offset(source: &SourceFile, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in source.text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && matches!(rest.trim_start().chars().next(), Some('=' | ':'))
        {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

impl RawDate {
    /// The date as `YYYY-MM-DD`, if it is a valid calendar date.
    pub fn normalized(&self) -> Option<String> {
        let text = match self {
            RawDate::Toml(datetime) => datetime
                .date
                .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))?,
            RawDate::Text(text) => text.trim().to_string(),
        };
        let parts: Vec<&str> = text.get(..10)?.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        let valid = y >= 1 && (1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1];
        (valid && text.len() == 10).then(|| format!("{y:04}-{m:02}-{d:02}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<(FrontMatter, Range<usize>), Diagnostic> {
        parse(&SourceFile::new("content/notes/a.md", text))
    }

    #[test]
    fn toml_front_matter_and_body() {
        let text = "+++\ntask = \"Linear Algebra\"\ncompleted = 2025-01-31\ntags = [\"math\"]\n[[resources]]\ntitle = \"3b1b\"\nurl = \"https://x\"\n+++\n# Body\n";
        let (front, body) = parse_str(text).unwrap();
        assert_eq!(front.task.as_deref(), Some("Linear Algebra"));
        assert_eq!(
            front.completed.unwrap().normalized().as_deref(),
            Some("2025-01-31")
        );
        assert_eq!(front.resources[0].title, "3b1b");
        assert_eq!(&text[body], "# Body\n");
    }

    #[test]
    fn yaml_front_matter() {
        let (front, _) =
            parse_str("---\ntask: Calculus\nstarted: 2025-02-01\ntags: [math, calc]\n---\nx")
                .unwrap();
        assert_eq!(front.task.as_deref(), Some("Calculus"));
        assert_eq!(
            front.started.unwrap().normalized().as_deref(),
            Some("2025-02-01")
        );
        assert_eq!(front.tags, ["math", "calc"]);
    }

    #[test]
    fn no_front_matter_means_whole_text_is_body() {
        let (front, body) = parse_str("# Just notes\n---\n").unwrap();
        assert!(front.task.is_none());
        assert_eq!(body, 0..17);
    }

    #[test]
    fn unknown_toml_key_is_an_error_at_its_line_with_a_suggestion() {
        let d = parse_str("+++\ntask = \"x\"\ntgas = [\"a\"]\n+++\n").unwrap_err();
        let text = d.to_string();
        assert!(
            text.starts_with("content/notes/a.md:3:1: error: unknown front matter key `tgas`"),
            "{text}"
        );
        assert!(text.contains("did you mean `tags`?"), "{text}");
    }

    #[test]
    fn unknown_yaml_key_is_an_error_at_its_line() {
        let d = parse_str("---\ntask: x\nsumary: y\n---\n").unwrap_err();
        let text = d.to_string();
        assert!(text.contains("unknown front matter key `sumary`"), "{text}");
        assert!(text.contains("did you mean `summary`?"), "{text}");
        assert_eq!(d.location.map(|l| l.line), Some(3), "{text}");
    }

    #[test]
    fn yaml_front_matter_over_the_readers_budget_says_what_and_where() {
        let budget = serde_saphyr::Budget::default();
        let tags: String = (0..=budget.max_nodes)
            .map(|i| format!("  - t{i}\n"))
            .collect();
        let d = parse_str(&format!("---\ntitle: Big\ntags:\n{tags}---\nbody\n")).unwrap_err();
        let text = d.to_string();
        assert!(
            text.starts_with(&format!(
                "content/notes/a.md:1:1: error: the front matter is too large or too deeply \
                 nested (more than {} values); front matter holds a few fields",
                budget.max_nodes
            )),
            "{text}"
        );
        assert!(!text.contains("budget breached"), "{text}");
        assert!(text.contains("move long lists"), "{text}");
    }

    #[test]
    fn dates_are_validated() {
        assert_eq!(
            RawDate::Text("2024-02-29".into()).normalized().as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(RawDate::Text("2025-02-29".into()).normalized(), None);
        assert_eq!(RawDate::Text("31/01/2025".into()).normalized(), None);
    }

    #[test]
    fn key_offsets_point_at_the_key_line() {
        let src = SourceFile::new("a.md", "+++\ntitle = \"t\"\ntask = \"x\"\n+++\n");
        assert_eq!(src.location(key_offset(&src, "task").unwrap()).line, 3);
    }
}
