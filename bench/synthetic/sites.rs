//! A [`Synthetic`] roadmap → four site folders with the same pages (home, one per
//! phase, one per task) and the same note Markdown per task page: `roadmap-site/`,
//! `hugo/`, `zola/` and `mdbook/`. Templates are minimal but comparable: a header,
//! a breadcrumb, the title, the status, a table of contents, the note, prev/next.

use std::io;
use std::path::Path;

use super::Synthetic;

fn write(path: &Path, text: impl AsRef<[u8]>) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Writes all four sites under `dir` (which should be empty).
pub fn write_all(site: &Synthetic, dir: &Path) -> io::Result<()> {
    roadmap_site(site, &dir.join("roadmap-site"))?;
    hugo(site, &dir.join("hugo"))?;
    zola(site, &dir.join("zola"))?;
    mdbook(site, &dir.join("mdbook"))
}

/// `content/roadmap.md` and `content/notes/<task slug>.md` (linked by file name).
pub fn roadmap_site(site: &Synthetic, dir: &Path) -> io::Result<()> {
    write(&dir.join("content/roadmap.md"), site.roadmap_md())?;
    for task in site.tasks() {
        if let Some(note) = &task.note {
            write(&dir.join(format!("content/notes/{}.md", task.slug)), note)?;
        }
    }
    Ok(())
}

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"#;
const HUGO_INDEX: &str = r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ol>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} tasks)</li>{{ end }}</ol>
{{ end }}
"#;
const HUGO_LIST: &str = r#"{{ define "main" }}<nav><a href="{{ "" | relURL }}">Home</a></nav><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li>{{ .Params.status }} <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"#;
const HUGO_SINGLE: &str = r#"{{ define "main" }}<nav><a href="{{ "" | relURL }}">Home</a> › <a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></nav>
<h1>{{ .Title }}</h1><p>{{ .Params.status }}</p>
{{ .TableOfContents }}
{{ .Content }}
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
"#;

/// The content of Hugo and Zola sites, which differ only in a line of front matter:
/// `content/<phase>/_index.md` per phase (plus `section_extra`) and a page per task
/// whose status follows `status_table`.
fn toml_sections(
    site: &Synthetic,
    dir: &Path,
    section_extra: &str,
    status_table: &str,
) -> io::Result<()> {
    for (p, phase) in site.phases.iter().enumerate() {
        let section = dir.join("content").join(&phase.slug);
        write(
            &section.join("_index.md"),
            format!(
                "+++\ntitle = \"{}\"\nweight = {}\n{section_extra}+++\n",
                phase.title,
                p + 1
            ),
        )?;
        for (t, task) in phase.tasks.iter().enumerate() {
            let front = format!(
                "+++\ntitle = \"{}\"\nweight = {}\n{status_table}status = \"{}\"\n+++\n",
                task.title,
                t + 1,
                task.status.label()
            );
            let body = task.note.as_deref().unwrap_or("");
            write(&section.join(format!("{}.md", task.slug)), front + body)?;
        }
    }
    Ok(())
}

/// A Hugo site: a section per phase (its list page), a page per task.
pub fn hugo(site: &Synthetic, dir: &Path) -> io::Result<()> {
    write(
        &dir.join("config.toml"),
        format!(
            "baseURL = \"https://example.org/\"\ntitle = \"{}\"\n\
             disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
             [markup.highlight]\nnoClasses = false\n",
            site.title
        ),
    )?;
    write(&dir.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
    write(&dir.join("layouts/index.html"), HUGO_INDEX)?;
    write(&dir.join("layouts/_default/list.html"), HUGO_LIST)?;
    write(&dir.join("layouts/_default/single.html"), HUGO_SINGLE)?;
    write(
        &dir.join("static/style.css"),
        "body { font-family: sans-serif; }\n",
    )?;
    write(
        &dir.join("content/_index.md"),
        format!("+++\ntitle = \"{}\"\n+++\n", site.title),
    )?;
    toml_sections(site, dir, "", "")
}

const ZOLA_BASE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title><link rel="stylesheet" href="{{ get_url(path="style.css") }}"></head>
<body><header><a href="{{ config.base_url }}">{{ config.title }}</a></header>
<main>{% block main %}{% endblock main %}</main></body></html>
"#;
const ZOLA_INDEX: &str = r#"{% extends "base.html" %}{% block main %}<h1>{{ config.title }}</h1>
<ol>{% for path in section.subsections %}{% set sub = get_section(path=path) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a> ({{ sub.pages | length }} tasks)</li>{% endfor %}</ol>
{% endblock main %}
"#;
const ZOLA_SECTION: &str = r#"{% extends "base.html" %}{% block title %}{{ section.title }} · {{ config.title }}{% endblock title %}{% block main %}<nav><a href="{{ config.base_url }}">Home</a></nav><h1>{{ section.title }}</h1>
<ul>{% for page in section.pages %}<li>{{ page.extra.status }} <a href="{{ page.permalink }}">{{ page.title }}</a></li>{% endfor %}</ul>
{% endblock main %}
"#;
const ZOLA_PAGE: &str = r#"{% extends "base.html" %}{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}{% block main %}<nav><a href="{{ config.base_url }}">Home</a></nav>
<h1>{{ page.title }}</h1><p>{{ page.extra.status }}</p>
{% if page.toc %}<nav><ol>{% for h in page.toc %}<li><a href="{{ h.permalink }}">{{ h.title }}</a></li>{% endfor %}</ol></nav>{% endif %}
{{ page.content | safe }}
<nav>{% if page.lower %}<a href="{{ page.lower.permalink }}">{{ page.lower.title }}</a>{% endif %} {% if page.higher %}<a href="{{ page.higher.permalink }}">{{ page.higher.title }}</a>{% endif %}</nav>
{% endblock main %}
"#;

/// A Zola site: a section per phase, a page per task, classed highlighting.
pub fn zola(site: &Synthetic, dir: &Path) -> io::Result<()> {
    write(
        &dir.join("config.toml"),
        format!(
            "base_url = \"https://example.org\"\ntitle = \"{}\"\ncompile_sass = false\n\
             build_search_index = false\n\n[markdown.highlighting]\ntheme = \"github-dark\"\nstyle = \"class\"\n",
            site.title
        ),
    )?;
    write(&dir.join("templates/base.html"), ZOLA_BASE)?;
    write(&dir.join("templates/index.html"), ZOLA_INDEX)?;
    write(&dir.join("templates/section.html"), ZOLA_SECTION)?;
    write(&dir.join("templates/page.html"), ZOLA_PAGE)?;
    write(
        &dir.join("static/style.css"),
        "body { font-family: sans-serif; }\n",
    )?;
    write(
        &dir.join("content/_index.md"),
        "+++\nsort_by = \"weight\"\n+++\n",
    )?;
    toml_sections(site, dir, "sort_by = \"weight\"\n", "[extra]\n")
}

/// An mdBook: a chapter per phase, a sub-chapter per task. mdBook highlights code in
/// the browser (highlight.js), so its build does no highlighting; print and search
/// pages are off so that it writes the same pages as the others.
pub fn mdbook(site: &Synthetic, dir: &Path) -> io::Result<()> {
    write(
        &dir.join("book.toml"),
        format!(
            "[book]\ntitle = \"{}\"\n\n[output.html.print]\nenable = false\n\n\
             [output.html.search]\nenable = false\n",
            site.title
        ),
    )?;
    let src = dir.join("src");
    let mut summary = String::from("# Summary\n\n[Home](README.md)\n\n");
    let mut home = format!("# {}\n\n", site.title);
    for phase in &site.phases {
        summary.push_str(&format!("- [{}]({}/README.md)\n", phase.title, phase.slug));
        home.push_str(&format!(
            "1. [{}]({}/README.md) ({} tasks)\n",
            phase.title,
            phase.slug,
            phase.tasks.len()
        ));
        let mut list = format!("# {}\n\n", phase.title);
        for task in &phase.tasks {
            let file = format!("{}.md", task.slug);
            summary.push_str(&format!("  - [{}]({}/{file})\n", task.title, phase.slug));
            list.push_str(&format!(
                "- {} [{}]({file})\n",
                task.status.label(),
                task.title
            ));
            let body = task.note.as_deref().unwrap_or("");
            let page = format!("# {}\n\n{}\n\n{body}", task.title, task.status.label());
            write(&src.join(&phase.slug).join(file), page)?;
        }
        write(&src.join(&phase.slug).join("README.md"), list)?;
    }
    write(&src.join("SUMMARY.md"), summary)?;
    write(&src.join("README.md"), home)
}
