//! `roadmap-site serve`: command-line options → the development server (`crate::serve`).

use std::net::SocketAddr;

use crate::cli::{Global, ServeOptions};
use crate::config::Config;
use crate::error::Result;
use crate::serve::{self, Settings};

/// Serves the site until the process is stopped (Ctrl-C). Returns only when the
/// server cannot start: the port is taken, or there is no site (no site folder, or no
/// roadmap in it: serving an empty site would only show the same error in a browser).
pub fn execute(options: &ServeOptions, global: Global) -> Result<()> {
    let root = super::site::find(&options.site)?;
    // Errors in roadmap.toml do not stop serve: the browser shows them until fixed.
    if let Ok(config) = Config::load(&root.path) {
        super::site::require_roadmap(&config, &root, "serve")?;
    }
    serve::run(&Settings {
        global,
        root: root.path,
        address: SocketAddr::new(options.bind, options.port),
        open: options.open,
        write: options.write,
        output: options.output.clone(),
    })
}
