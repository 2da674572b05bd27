//! One module per command of the binary, each with an `execute` function.

pub mod build;
pub mod check;
pub mod completions;
pub mod explain;
pub mod fix_encoding;
pub mod init;
pub mod new_note;
pub mod serve;
pub mod site;
pub mod status;

use crate::cli::{Global, SiteArgs};
use crate::config::Config;
use crate::error::Result;

/// Finds the site folder, loads its `roadmap.toml` and makes sure that the roadmap file
/// is there. `command` is the command line up to the site folder, for the hint when no
/// site is found (`build` → `roadmap-site build DIR`).
fn load_config(site: &SiteArgs, command: &str, global: Global) -> Result<Config> {
    let root = site::find(site)?;
    if root.is_above() {
        crate::report::verbose(
            global,
            &format!(
                "site folder: {} (found above the current folder)",
                root.path.display()
            ),
        );
    }
    let config = Config::load(&root.path)?;
    site::require_roadmap(&config, &root, command)?;
    Ok(config)
}
