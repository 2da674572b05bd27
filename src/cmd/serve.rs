//! `roadmap-site serve`: command-line options → the development server (`crate::serve`).

use std::net::SocketAddr;

use crate::cli::{Global, ServeOptions};
use crate::error::Result;
use crate::serve::{self, Settings};

/// Serves the site until the process is stopped (Ctrl-C). Returns only when the
/// server cannot start: the port is taken, or the site folder does not exist.
pub fn execute(options: &ServeOptions, global: Global) -> Result<()> {
    serve::run(&Settings {
        global,
        root: options.root.clone(),
        address: SocketAddr::new(options.bind, options.port),
        open: options.open,
        write: options.write,
        output: options.output.clone(),
    })
}
