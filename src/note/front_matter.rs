//! A note's text → its [`FrontMatter`] (TOML between `+++` lines or YAML between `---`
//! lines) and the byte range of the Markdown body.

use std::ops::Range;

use serde::Deserialize;

use super::raw_date::RawDate;
use super::split::{Split, Syntax, split, unclosed};
use super::yaml_error::{too_large, yaml_limit, yaml_syntax_error};
use crate::diagnostic::Diagnostic;
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

/// A link in `resources`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Link text.
    pub title: String,
    /// Where it points.
    pub url: String,
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
    fn key_offsets_point_at_the_key_line() {
        let src = SourceFile::new("a.md", "+++\ntitle = \"t\"\ntask = \"x\"\n+++\n");
        assert_eq!(src.location(key_offset(&src, "task").unwrap()).line, 3);
    }
}
