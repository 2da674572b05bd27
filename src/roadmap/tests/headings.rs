//! Rules 1–3 and 11 (title, phases, labels, implicit phase): which headings are the
//! title, phases and labels, and the settings of `roadmap.toml` that steer them.

use super::*;

#[test]
fn title_keeps_emoji_and_drops_emphasis() {
    let (roadmap, _) = parse_str("# 🚀 **My** Roadmap\n\n## P\n");
    assert_eq!(roadmap.title.unwrap().text, "🚀 My Roadmap");
}

#[test]
fn phases_are_h2_and_keep_emoji_without_bold() {
    let (roadmap, _) = parse_str(&format!(
        "# T\n\n## 📂 **Phase 1: Core**\n\n{TABLE}| A | x | ✅ |\n\n## Empty phase\n"
    ));
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(
        titles,
        ["📂 Phase 1: Core"],
        "a heading with no tasks is not a phase"
    );
    assert_eq!(roadmap.phases[0].title.html, "📂 Phase 1: Core");
}

#[test]
fn phases_are_h1_when_there_is_no_h2() {
    let (roadmap, _) = parse_str(
        "# One\n\n| Task | Status |\n|-|-|\n| a | ✅ |\n\n# Two\n\n| Task | Status |\n|-|-|\n| b | ❌ |\n",
    );
    assert!(roadmap.title.is_none());
    assert_eq!(roadmap.phases.len(), 2);
}

#[test]
fn labels_are_not_phases_and_name_ungrouped_tables() {
    let (roadmap, _) = parse_str(&format!(
        "# T\n## P\n### Streams and Tasks\n{TABLE}| A | x | ✅ |\n\n### Reading\n| Task | Status |\n|-|-|\n| b | ❌ |\n## Q\n- [ ] c\n"
    ));
    assert_eq!(roadmap.phases.len(), 2);
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["A > x = done", "Reading > b = todo"]
    );
}

#[test]
fn phases_are_the_shallowest_level_that_splits_the_tasks() {
    // One `##` over `###` sections: the `###` split the tasks, so they are the phases.
    let (roadmap, _) = parse_str("# T\n## Only\n### A\n- [x] a\n### B\n- [ ] b\n");
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["A", "B"]);
    // `# 1.` holding only `##` subsections beside `# 2.` holding tasks: the `#` parts.
    let (roadmap, _) = parse_str(
        "# Plan\n\nIntro.\n\n# 1. Review\n## 1.1 Syntax\n- [x] a\n## 1.2 Tools\n- [ ] b\n# 2. Learning\n- [ ] c\n",
    );
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["1. Review", "2. Learning"]);
    assert_eq!(roadmap.title.unwrap().text, "Plan");
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["1.1 Syntax > a = done", "1.2 Tools > b = todo"]
    );
}

#[test]
fn phases_force_the_level_from_roadmap_toml() {
    let source = SourceFile::new(
        "content/roadmap.md",
        "# T\n## Only\n### A\n- [x] a\n### B\n- [ ] b\n",
    );
    let rules = Rules {
        phase_level: Some(2),
        ..Rules::default()
    };
    let roadmap = parse(&source, &rules, &mut Vec::new());
    assert_eq!(roadmap.phases.len(), 1);
    assert_eq!(
        outline(&roadmap.phases[0]),
        ["A > a = done", "B > b = todo"]
    );
}

#[test]
fn implicit_phase_for_tasks_before_the_first_phase_heading() {
    let (roadmap, _) = parse_str("- [x] setup\n\n## Week 1\n- [ ] a\n## Week 2\n- [ ] b\n");
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["Roadmap", "Week 1", "Week 2"]);
}

#[test]
fn implicit_phase_takes_the_title() {
    let (roadmap, _) = parse_str("# Plan\n\n| Task | Status |\n|-|-|\n| a | ✅ |\n");
    assert_eq!(roadmap.phases.len(), 1);
    assert_eq!(roadmap.phases[0].title.text, "Plan");
}

#[test]
fn implicit_phase_without_title_is_named_roadmap() {
    let (roadmap, _) = parse_str("| Task | Status |\n|-|-|\n| a | ✅ |\n");
    assert_eq!(roadmap.phases[0].title.text, "Roadmap");
}

#[test]
fn phases_stay_h2_when_a_later_h1_appears() {
    let table = "| Task | Status |\n|-|-|\n| a | ✅ |\n";
    let (roadmap, _) = parse_str(&format!(
        "# My Roadmap\n\n## P1\n{table}\n## P2\n{table}\n# References\n\nSome links.\n"
    ));
    assert_eq!(roadmap.title.unwrap().text, "My Roadmap");
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["P1", "P2"]);
    let (roadmap, _) = parse_str(&format!(
        "# T\n## P1\n{table}\n## P2\n{table}\n# Appendix\n{table}"
    ));
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["P1", "P2", "Appendix"]);
}

#[test]
fn implicit_phase_before_h2_phases_takes_the_title() {
    let table = "| Task | Status |\n|-|-|\n| a | ✅ |\n";
    let (roadmap, _) = parse_str(&format!("# Plan\n{table}\n## P1\n{table}"));
    let titles: Vec<_> = roadmap
        .phases
        .iter()
        .map(|p| p.title.text.as_str())
        .collect();
    assert_eq!(titles, ["Plan", "P1"]);
}

#[test]
fn rules_from_roadmap_toml_that_match_nothing_are_warnings() {
    let source = SourceFile::new(
        "content/roadmap.md",
        "## P\n| Summary | Status |\n|-|-|\n| a | ✅ |\n",
    );
    let rules = Rules {
        phase_level: Some(3),
        columns: ColumnNames {
            title: vec!["Summry".into()],
            ..ColumnNames::default()
        },
        ..Rules::default()
    };
    let mut diagnostics = Vec::new();
    parse(&source, &rules, &mut diagnostics);
    let messages: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        messages[0].starts_with(
            "content/roadmap.md:1:1: warning: `[reader] phase_level = 3` but the roadmap has no `###` heading"
        ),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("`[reader.columns] title = [\"Summry\"]` matches no table header")
            && messages[1].contains("did you mean `Summary`?"),
        "{messages:?}"
    );
}
