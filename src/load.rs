//! The site folder → [`Sources`]: the roadmap file, decoded and repaired.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::encoding;
use crate::error::{Error, Result};
use crate::source::SourceFile;

/// The input files of one build.
#[derive(Debug)]
pub struct Sources {
    /// The roadmap Markdown.
    pub roadmap: SourceFile,
}

/// Reads the inputs named by the configuration. Encoding repairs become warnings.
pub fn load(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Result<Sources> {
    let shown = config.roadmap.as_path();
    let bytes = match std::fs::read(config.path(shown)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Content(vec![
                Diagnostic::file(Severity::Error, shown, "roadmap file not found").with_hint(
                    "write your roadmap there, run `roadmap-site build` in the site folder \
                     (or pass --root), or set `roadmap` in roadmap.toml",
                ),
            ]));
        }
        Err(e) => return Err(Error::io(config.path(shown), e)),
    };
    match encoding::decode(shown, &bytes) {
        Ok((roadmap, warnings)) => {
            diagnostics.extend(warnings);
            Ok(Sources { roadmap })
        }
        Err(diagnostic) => Err(Error::Content(vec![*diagnostic])),
    }
}
