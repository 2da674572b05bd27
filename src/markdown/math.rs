//! LaTeX formula → MathML (rendered by browsers natively, no JavaScript).

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage, push_mathml};

/// The MathML of a formula, or the parser's message when it is not valid LaTeX.
pub fn to_mathml(latex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(latex, &storage).collect();
    if let Some(Err(error)) = events.iter().find(|e| e.is_err()) {
        let message = error.to_string();
        let message = message.lines().next().unwrap_or("invalid formula");
        return Err(message.trim_start_matches("parsing error: ").to_string());
    }
    // The renderer writes the annotation and operator characters as they are, so
    // `<`, `>` and `&` would break the HTML: escape the one, fix up the other.
    let annotation = crate::html::escape(latex);
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(&annotation),
        ..RenderConfig::default()
    };
    let mut out = String::new();
    push_mathml(&mut out, events.into_iter(), config).map_err(|e| e.to_string())?;
    Ok(out
        .replace("><</", ">&lt;</")
        .replace(">></", ">&gt;</")
        .replace(">&</", ">&amp;</"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn valid_formulas_become_mathml() {
        let html = super::to_mathml(r"\frac{a}{b} + x^2", false).unwrap();
        assert!(html.starts_with("<math"), "{html}");
        assert!(html.contains("<mfrac>"), "{html}");
        assert!(
            super::to_mathml(r"\sum_i x_i", true)
                .unwrap()
                .contains("display=\"block\"")
        );
    }

    #[test]
    fn comparison_operators_are_escaped() {
        let html = super::to_mathml(r"0 < \alpha > 1", false).unwrap();
        assert!(
            html.contains("<mo>&lt;</mo>") && html.contains("<mo>&gt;</mo>"),
            "{html}"
        );
        assert!(
            html.contains(">0 &lt; \\alpha &gt; 1</annotation>"),
            "{html}"
        );
        assert!(!html.contains("><<") && !html.contains(" < "), "{html}");
    }

    #[test]
    fn invalid_formulas_are_errors() {
        let error = super::to_mathml(r"\frac{a}{", false).unwrap_err();
        assert!(!error.is_empty());
        assert!(super::to_mathml(r"\notacommand", false).is_err());
    }
}
