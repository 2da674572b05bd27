//! A note's text → its [`FrontMatter`] (TOML between `+++` lines or YAML between `---`
//! lines) and the byte range of the Markdown body.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// The keys a note may set ([`KEYS`]). Unknown keys are errors, so typos never pass
/// silently. Read whole when it is right (one pass); key by key to report what is
/// wrong (`keys`).
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

/// The keys a note may set; docs/notes.md shows each one in its example front matter.
pub const KEYS: &[&str] = &[
    "task",
    "title",
    "status",
    "started",
    "completed",
    "tags",
    "resources",
    "summary",
];

/// A note's front matter as far as it could be read, its body, and what was wrong.
#[derive(Debug)]
pub struct Parsed {
    /// The keys that were read (defaults for the others).
    pub front: FrontMatter,
    /// The Markdown body's byte range.
    pub body: Range<usize>,
    /// Errors in the front matter, in the order of the text: all of them where the
    /// reader allows (TOML recovers from a syntax error, YAML does not).
    pub problems: Vec<Diagnostic>,
}

/// Splits off and reads the front matter. A note without one has default values and
/// its whole text as body; a front matter that is never closed is one error at its
/// opening line, and the rest of the file is the body.
pub fn parse(source: &SourceFile) -> Parsed {
    let text = source.text.as_str();
    let (syntax, inner, body_start) = match split(text) {
        Split::None => {
            return Parsed {
                front: FrontMatter::default(),
                body: 0..text.len(),
                problems: Vec::new(),
            };
        }
        Split::Unclosed(syntax, body_start) => {
            return Parsed {
                front: FrontMatter::default(),
                body: body_start..text.len(),
                problems: vec![unclosed(source, syntax)],
            };
        }
        Split::Closed(syntax, inner, body_start) => (syntax, inner, body_start),
    };
    let (front, mut problems) = match syntax {
        Syntax::Toml => super::keys::toml(source, inner),
        Syntax::Yaml => super::keys::yaml(source, inner.clone()).unwrap_or_else(|e| {
            let problem = match yaml_limit(&e) {
                Some(limit) => too_large(source, &limit),
                None => yaml_syntax_error(source, inner, &e),
            };
            (FrontMatter::default(), vec![problem])
        }),
    };
    problems.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
    Parsed {
        front,
        body: body_start..text.len(),
        problems,
    }
}

/// Where the front matter is.
enum Split {
    /// No front matter.
    None,
    /// Opened but never closed: the syntax, and where the line after the fence starts.
    Unclosed(Syntax, usize),
    /// The syntax, the range between the fences, and where the body starts.
    Closed(Syntax, Range<usize>, usize),
}

/// Finds `+++`…`+++` or `---`…`---` at the very start. A `---` that is never closed is
/// front matter only when a `key:` line follows it: otherwise it is a Markdown rule.
fn split(text: &str) -> Split {
    let (syntax, fence) = if text.starts_with("+++") {
        (Syntax::Toml, "+++")
    } else if text.starts_with("---") {
        (Syntax::Yaml, "---")
    } else {
        return Split::None;
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != fence {
        return Split::None;
    }
    let inner_start = (first_line_end + 1).min(text.len());
    let mut offset = inner_start;
    for line in text[inner_start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Split::Closed(syntax, inner_start..offset, offset + line.len());
        }
        offset += line.len();
    }
    let looks_like_keys = text[inner_start..]
        .lines()
        .find(|line| !line.trim().is_empty())
        .and_then(|line| line.split_once(':'))
        .is_some_and(|(key, _)| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        });
    match syntax {
        Syntax::Toml => Split::Unclosed(syntax, inner_start),
        Syntax::Yaml if looks_like_keys => Split::Unclosed(syntax, inner_start),
        Syntax::Yaml => Split::None,
    }
}

/// The error for a front matter never closed, at its opening fence.
fn unclosed(source: &SourceFile, syntax: Syntax) -> Diagnostic {
    let fence = match syntax {
        Syntax::Toml => "+++",
        Syntax::Yaml => "---",
    };
    let message = format!("the front matter opened here is never closed by a `{fence}` line");
    Diagnostic::at(Severity::Error, source, 0..3, message).with_hint(format!(
        "add a line `{fence}` after the last key, before the note's text"
    ))
}

/// A YAML syntax error: one position (the reader's own `line N column M:` prefix,
/// relative to the front matter, is left out of the message).
fn yaml_syntax_error(
    source: &SourceFile,
    inner: Range<usize>,
    e: &serde_saphyr::Error,
) -> Diagnostic {
    let first_line = source.location(inner.start).line;
    let message = format!("invalid front matter: {}", yaml_message(e));
    let place = match e.location() {
        Some(l) => super::keys::yaml_place(&l, first_line, inner.start, 1),
        None => super::keys::Place::Span(inner.start..inner.start),
    };
    place.error(source, message).with_hint(
        "YAML front matter is `key: value` lines such as `title: Eigenvectors`, lists as \
         `tags: [math, proofs]`; keys are task, title, status, started, completed, tags, \
         resources, summary",
    )
}

/// The YAML reader's message alone: its first line, without `error:` and without the
/// position it starts with (the diagnostic gives the position, in the note's lines).
pub fn yaml_message(error: &serde_saphyr::Error) -> String {
    let text = error.to_string();
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    let message = first.trim_start_matches("error: ");
    match message
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((position, rest)) if position.contains(" column ") => rest.to_string(),
        _ => message.to_string(),
    }
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

    /// The front matter and body, or the first problem.
    fn parse_str(text: &str) -> Result<(FrontMatter, Range<usize>), Diagnostic> {
        let parsed = parse(&SourceFile::new("content/notes/a.md", text));
        match parsed.problems.into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok((parsed.front, parsed.body)),
        }
    }

    /// Every problem's first line.
    fn problems(text: &str) -> Vec<String> {
        let parsed = parse(&SourceFile::new("content/notes/a.md", text));
        parsed.problems.iter().map(Diagnostic::headline).collect()
    }

    #[test]
    fn every_problem_of_a_toml_front_matter_is_reported_and_good_keys_are_kept() {
        let text = "+++\ntask = \"x\"\ntitel = \"t\"\ncompleted = 2025-13-45\ntags = \"one\"\nsummary = 3\n+++\nBody\n";
        assert_eq!(
            problems(text),
            [
                "content/notes/a.md:3:1: error: unknown front matter key `titel`",
                "content/notes/a.md:4:13: error: invalid front matter: invalid date, expected month between 01 and 12",
                "content/notes/a.md:5:8: error: invalid `tags` in the front matter: invalid type: string \"one\", expected a sequence",
                "content/notes/a.md:6:11: error: invalid `summary` in the front matter: invalid type: integer `3`, expected a string",
            ]
        );
        let parsed = parse(&SourceFile::new("a.md", text));
        assert_eq!(parsed.front.task.as_deref(), Some("x"));
        assert_eq!(&text[parsed.body], "Body\n");
    }

    #[test]
    fn every_problem_of_a_yaml_front_matter_is_reported_with_one_position_each() {
        let text = "---\ntask: x\nsumary: y\ntags: {a: 1}\nstarted: 2025-01-02\n---\nBody\n";
        let found = problems(text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(
            found[0],
            "content/notes/a.md:3:1: error: unknown front matter key `sumary`"
        );
        assert!(
            found[1]
                .starts_with("content/notes/a.md:4:7: error: invalid `tags` in the front matter: "),
            "{found:#?}"
        );
        let parsed = parse(&SourceFile::new("a.md", text));
        assert_eq!(parsed.front.task.as_deref(), Some("x"));
        assert!(parsed.front.started.is_some());
    }

    #[test]
    fn a_yaml_syntax_error_has_one_position_in_the_notes_lines() {
        let d = parse_str("---\ntask: x\ntitle: 'unclosed\n---\nBody\n").unwrap_err();
        assert_eq!(
            d.headline(),
            "content/notes/a.md:3:8: error: invalid front matter: unclosed quote"
        );
    }

    #[test]
    fn an_unclosed_front_matter_is_an_error_at_its_fence() {
        let d = parse_str("+++\ntask = \"x\"\n\nBody\n").unwrap_err();
        assert_eq!(
            d.headline(),
            "content/notes/a.md:1:1: error: the front matter opened here is never closed by a `+++` line"
        );
        let d = parse_str("---\ntask: x\n\nBody\n").unwrap_err();
        assert!(d.headline().contains("never closed by a `---` line"), "{d}");
        // A Markdown rule at the top of a note is no front matter.
        let text = "---\n\nJust text.\n";
        let (front, body) = parse_str(text).unwrap();
        assert!(front.task.is_none());
        assert_eq!(body, 0..text.len());
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
