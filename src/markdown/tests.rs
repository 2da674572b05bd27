//! Note rendering, feature by feature.

use super::*;

/// Task titles → slugs, and files that exist next to the notes.
struct TestLinks;

impl Links for TestLinks {
    fn wiki(&self, target: &str) -> Wiki {
        let warning = |what: &str| Some((format!("`[[{target}]]` {what}"), "hint".to_string()));
        match target {
            "Linear Algebra" => Wiki {
                url: Some("tasks/linear-algebra.html".into()),
                warning: None,
            },
            "Shared" => Wiki {
                url: Some("tasks/shared.html".into()),
                warning: warning("names 2 tasks"),
            },
            _ => Wiki {
                url: None,
                warning: warning("names no task"),
            },
        }
    }
    fn relative(&self, from: &str, href: &str) -> Option<String> {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        let path = if dir.is_empty() {
            href.to_string()
        } else {
            format!("{dir}/{href}")
        };
        (path == "math/img/plot.png").then(|| format!("notes/{path}"))
    }
}

fn render_md(markdown: &str) -> (Rendered, Vec<Diagnostic>) {
    let source = SourceFile::new("content/notes/math/a.md", markdown);
    let mut ids = Slugs::default();
    ids.unique("notes", "notes");
    let mut diagnostics = Vec::new();
    let rendered = render(
        Context {
            source: &source,
            body: 0..source.text.len(),
            path: "math/a.md",
            root: "../",
            ids: &mut ids,
            h2_level: 3,
            anchor_label: "Link to this section: {title}",
            links: &TestLinks,
            code: &CodeCache::default(),
        },
        &mut diagnostics,
    );
    (rendered, diagnostics)
}

#[test]
fn headings_get_ids_anchors_and_shift_under_the_page_title() {
    let (r, _) =
        render_md("## Eigenvectors\n\n### Notes\n\n## Eigenvectors\n\n## Custom {#mine}\n");
    assert!(
        r.html.contains(
            "<h3 id=\"eigenvectors\">Eigenvectors<a class=\"anchor\" href=\"#eigenvectors\""
        ),
        "{}",
        r.html
    );
    // `notes` is taken by the page itself; repeated headings get unique ids.
    assert!(r.html.contains("<h4 id=\"notes-2\">"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"eigenvectors-2\">"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"mine\">"), "{}", r.html);
    let ids: Vec<_> = r
        .headings
        .iter()
        .map(|h| (h.level, h.id.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            (3, "eigenvectors"),
            (4, "notes-2"),
            (3, "eigenvectors-2"),
            (3, "mine")
        ]
    );
}

#[test]
fn math_becomes_mathml_and_bad_math_a_warning_shown_as_code() {
    let (r, d) = render_md("Inline $x^2$ and\n\n$$\\frac{a}{b}$$\n\nbad $\\frac{a}$ here\n");
    assert_eq!(r.html.matches("<math").count(), 2, "{}", r.html);
    assert!(
        r.html
            .contains("<code class=\"math-error\">$\\frac{a}$</code>"),
        "{}",
        r.html
    );
    assert_eq!(d.len(), 1);
    assert!(
        d[0].to_string()
            .starts_with("content/notes/math/a.md:5:5: warning: invalid formula"),
        "{}",
        d[0]
    );
}

#[test]
fn code_is_highlighted_at_build_time() {
    let (r, _) = render_md("```python\nimport numpy as np\n```\n\n```\nplain <b>\n```\n");
    assert!(r.html.contains("<pre class=\"code\" data-lang=\"python\"><code class=\"language-python\"><span class=\"hl-keyword hl-control hl-import\">import</span>"), "{}", r.html);
    assert!(r.html.contains("<span class=\"hl-keyword"), "{}", r.html);
    assert!(
        r.html
            .contains("<pre class=\"code\"><code>plain &lt;b&gt;\n</code></pre>"),
        "{}",
        r.html
    );
}

#[test]
fn wiki_links_resolve_or_warn_and_render_as_text() {
    let (r, d) =
        render_md("See [[Linear Algebra]] and [[Linear Algebra|the maths]] but not [[Nope]].\n");
    assert!(
        r.html
            .contains("<a href=\"../tasks/linear-algebra.html\">Linear Algebra</a>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<a href=\"../tasks/linear-algebra.html\">the maths</a>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("but not Nope."), "{}", r.html);
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message.contains("`[[Nope]]` names no task"),
        "{}",
        d[0]
    );
    assert_eq!(d[0].location.map(|l| (l.line, l.column)), Some((1, 65)));
}

#[test]
fn a_wiki_link_warned_about_is_linked_or_text_as_told_with_the_warning_at_it() {
    let (r, d) = render_md(
        "Intro.

See [[Shared|both]], then [[Li]].
",
    );
    assert!(
        r.html
            .contains("<a href=\"../tasks/shared.html\">both</a>, then Li."),
        "{}",
        r.html
    );
    let found: Vec<_> = d
        .iter()
        .map(|d| (d.message.as_str(), d.location.map(|l| (l.line, l.column))))
        .collect();
    assert_eq!(
        found,
        [
            ("`[[Shared]]` names 2 tasks", Some((3, 5))),
            ("`[[Li]]` names no task", Some((3, 27))),
        ]
    );
}

#[test]
fn relative_links_and_images_point_at_published_files() {
    let (r, d) =
        render_md("![plot](img/plot.png) [gone](missing.pdf) [web](https://x.org) [top](#eigen)\n");
    assert!(
        r.html
            .contains("<img src=\"../notes/math/img/plot.png\" alt=\"plot\""),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<a href=\"https://x.org\">web</a>")
            && r.html.contains("<a href=\"#eigen\">top</a>")
    );
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message.contains("broken link: `missing.pdf`"),
        "{}",
        d[0]
    );
}

#[test]
fn tables_task_lists_footnotes_and_strikethrough() {
    let (r, _) = render_md(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n~~old~~ text[^1]\n\n[^1]: The note.\n",
    );
    assert!(
        r.html.contains("<table>") && r.html.contains("<td>1</td>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("role=\"img\" aria-label=\"Done\">☑</span>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("aria-label=\"Not done\">☐</span>"),
        "{}",
        r.html
    );
    assert!(
        !r.html.contains("<input"),
        "checkboxes without labels fail accessibility checks"
    );
    assert!(r.html.contains("<del>old</del>"), "{}", r.html);
    assert!(
        r.html.contains("<a href=\"#fn-1\" id=\"fn-1-ref\">1</a>")
            && r.html.contains("id=\"fn-1\""),
        "{}",
        r.html
    );
}

#[test]
fn smart_punctuation_stays_off() {
    let (r, _) = render_md("It's \"quoted\" -- here...\n");
    assert!(r.html.contains("It's \"quoted\" -- here..."), "{}", r.html);
}
