//! `roadmap-site status`: the roadmap's progress in the terminal (stdout): a bar per
//! phase, the overall line, the next open tasks; or `--json`, as progress.json.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::load_config;
use crate::cli::{Global, StatusOptions};
use crate::error::{Error, Result};
use crate::model::{Progress, Site};
use crate::roadmap::Status;
use crate::{load_site, report};

const BAR: usize = 20;
const TITLE_MAX: usize = 44;
const UP_NEXT: usize = 5;

/// Prints the progress.
pub fn execute(options: &StatusOptions, global: Global) -> Result<()> {
    let config = load_config(&options.site, "status", global)?;
    let loaded = load_site(&config)?;
    report::diagnostics(&loaded.diagnostics, global);
    let text = if options.json {
        String::from_utf8(crate::render::progress_json(
            &loaded.site,
            loaded.history.as_ref(),
        ))
        .expect("JSON is UTF-8")
    } else {
        status_text(&loaded.site)
    };
    let mut out = anstream::stdout().lock();
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("stdout", e))
}

/// The status report, with colour codes (stripped by anstream when not wanted).
pub fn status_text(site: &Site) -> String {
    use anstyle::{AnsiColor, Effects, Style};
    let bold = Style::new().effects(Effects::BOLD);
    let green = AnsiColor::Green.on_default();
    let dim = Style::new().effects(Effects::DIMMED);
    let width = site
        .phases
        .iter()
        .map(|p| p.title.text.width().min(TITLE_MAX))
        .max()
        .unwrap_or(0);
    let counts = count_width(site);
    let mut out = format!("{bold}{}{bold:#}\n\n", site.title.text);
    // Skipped tasks are outside `total` (the model's rule): a phase says so after
    // its percent, so that `2/5` next to a list of 6 tasks explains itself.
    for phase in &site.phases {
        let title = truncate(&phase.title.text, TITLE_MAX);
        let pad = " ".repeat(width - title.width());
        let p = &phase.progress;
        let skipped = match p.skipped {
            0 => String::new(),
            n => format!("  {dim}{n} skipped{dim:#}"),
        };
        out.push_str(&format!(
            "{title}{pad}  {}  {:>width$}  {:>6}{skipped}\n",
            bar(p, green, dim),
            format!("{}/{}", p.done, p.total()),
            p.label(),
            width = counts
        ));
    }
    let p = &site.progress;
    out.push_str(&format!(
        "\n{bold}{}/{} done ({}){bold:#} · {} in progress · {} to do · {} skipped\n",
        p.done,
        p.total(),
        p.label(),
        p.in_progress,
        p.todo,
        p.skipped
    ));
    let open: Vec<_> = site
        .tasks
        .iter()
        .filter(|t| t.status == Status::InProgress)
        .chain(site.tasks.iter().filter(|t| t.status == Status::Todo))
        .take(UP_NEXT)
        .collect();
    if !open.is_empty() {
        out.push_str(&format!("\n{bold}Up next{bold:#}\n"));
        for task in open {
            let mark = if task.status == Status::InProgress {
                "◐"
            } else {
                "○"
            };
            let phase = &site.phases[task.phase].title.text;
            out.push_str(&format!(
                "  {mark} {}  {dim}{phase}{dim:#}\n",
                task.title.text
            ));
        }
    }
    out
}

fn bar(p: &Progress, done: anstyle::Style, rest: anstyle::Style) -> String {
    // The bar is the percent, whatever it is (0 with no tasks, 100 all skipped).
    let filled = ((p.percent() / 100.0) * BAR as f64).round() as usize;
    let filled = filled.min(BAR);
    format!(
        "{done}{}{done:#}{rest}{}{rest:#}",
        "█".repeat(filled),
        "░".repeat(BAR - filled)
    )
}

fn count_width(site: &Site) -> usize {
    site.phases
        .iter()
        .map(|p| format!("{}/{}", p.progress.done, p.progress.total()).len())
        .max()
        .unwrap_or(3)
}

fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        width += c.width().unwrap_or(0);
        if width >= max {
            break;
        }
        out.push(c);
    }
    out + "…"
}
