//! `roadmap-site explain`: the roadmap file → how each of its blocks was read, one
//! line per block with its position (stdout), then the totals; `--json` for tools.

use std::io::Write;

use super::load_config;
use crate::cli::{ExplainOptions, Global};
use crate::error::{Error, Result};
use crate::plural::plural;
use crate::roadmap::{self, Counts, Roadmap};
use crate::source::SourceFile;
use crate::{load, report};

/// Prints how the roadmap was read.
pub fn execute(options: &ExplainOptions, global: Global) -> Result<()> {
    let config = load_config(&options.site, "explain", global)?;
    let mut diagnostics = Vec::new();
    let source = load::roadmap(&config, &mut diagnostics)?;
    let roadmap = roadmap::parse(&source, &config.rules, &mut diagnostics);
    report::diagnostics(&diagnostics, global);
    let text = if options.json {
        let mut json = serde_json::to_string_pretty(&explain_json(&source, &roadmap))
            .expect("a JSON value serialises");
        json.push('\n');
        json
    } else {
        explain_text(&source, &roadmap)
    };
    let mut out = anstream::stdout().lock();
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("stdout", e))
}

/// The human report: `path:line  kind  what`, then the totals.
pub fn explain_text(source: &SourceFile, roadmap: &Roadmap) -> String {
    let path = source.path.display().to_string();
    let places: Vec<String> = roadmap
        .notes
        .iter()
        .map(|n| format!("{path}:{}", source.location(n.span.start).line))
        .collect();
    let width = places.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::new();
    for (note, place) in roadmap.notes.iter().zip(&places) {
        out.push_str(&format!(
            "{place:<width$}  {:<7}  {}\n",
            note.kind, note.text
        ));
    }
    let all = totals(roadmap);
    let Counts {
        tasks,
        done,
        in_progress,
        skipped,
    } = all;
    out.push_str(&format!(
        "\nRead {}, {}: {done} done, {in_progress} in progress, {} to do, {skipped} skipped.\n",
        plural(roadmap.phases.len(), "phase"),
        plural(tasks, "task"),
        all.todo(),
    ));
    if tasks == 0 {
        out.push_str(
            "No tasks found: the reader looks for tables with a status column, checklists \
             (`- [ ]`, `- [x]`), bullets with a status marker (`✅ Learn X`) and kanban \
             columns (`## Done` over bullets). See \"How your roadmap is read\" in the README.\n",
        );
    }
    out
}

/// The same as JSON: every block with its position, every phase with its counts.
pub fn explain_json(source: &SourceFile, roadmap: &Roadmap) -> serde_json::Value {
    let blocks: Vec<serde_json::Value> = roadmap
        .notes
        .iter()
        .map(|note| {
            let at = source.location(note.span.start);
            serde_json::json!({
                "line": at.line,
                "column": at.column,
                "kind": note.kind,
                "text": note.text,
            })
        })
        .collect();
    let phases: Vec<serde_json::Value> = roadmap
        .phases
        .iter()
        .map(|phase| {
            let counts = Counts::of(&phase.items);
            serde_json::json!({
                "title": phase.title.text,
                "line": (phase.span != (0..0)).then(|| source.location(phase.span.start).line),
                "tasks": counts.tasks,
                "done": counts.done,
                "in_progress": counts.in_progress,
                "skipped": counts.skipped,
            })
        })
        .collect();
    let all = totals(roadmap);
    serde_json::json!({
        "file": source.path.display().to_string(),
        "title": roadmap.title.as_ref().map(|t| t.text.clone()),
        "blocks": blocks,
        "phases": phases,
        "totals": {
            "phases": roadmap.phases.len(),
            "tasks": all.tasks,
            "done": all.done,
            "in_progress": all.in_progress,
            "todo": all.todo(),
            "skipped": all.skipped,
        },
    })
}

/// Every phase's tasks, counted together.
fn totals(roadmap: &Roadmap) -> Counts {
    let mut all = Counts::default();
    for phase in &roadmap.phases {
        let counts = Counts::of(&phase.items);
        all.tasks += counts.tasks;
        all.done += counts.done;
        all.in_progress += counts.in_progress;
        all.skipped += counts.skipped;
    }
    all
}
