//! One module per command of the binary, each with an `execute` function.

pub mod build;
pub mod check;
pub mod explain;
pub mod init;
mod malloc;
pub mod new_note;
pub mod serve;
pub mod status;

use crate::cli::SiteArgs;
use crate::config::Config;
use crate::error::Result;

/// Loads `roadmap.toml` from the site folder given on the command line.
fn load_config(site: &SiteArgs) -> Result<Config> {
    Config::load(&site.root)
}

/// `1 phase`, `6 phases`: every count in a message says its noun this way, never as
/// `phase(s)`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
