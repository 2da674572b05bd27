//! Command-line arguments → the command to run, and its exit code.

use std::ffi::OsString;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::cmd;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  errors in the roadmap, notes, roadmap.toml or templates
  2  usage error, or a file could not be read or written";

const SERVE_EXIT_CODES: &str = "\
Runs until stopped (Ctrl-C); errors in the content do not stop it.
Exit codes:
  2  usage error, or the server could not start (port in use, no site folder)";

/// Publish a learning roadmap written in Markdown as a progress site.
#[derive(Debug, Parser)]
#[command(name = "roadmap-site", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    #[command(after_help = EXIT_CODES)]
    Build(BuildOptions),
    /// Preview the site: serve it from memory, rebuilt and reloaded on every change.
    ///
    /// Listens on 127.0.0.1, reloads open pages when a build is complete and shows
    /// build errors in the browser as in the terminal. Writes nothing to the output
    /// folder unless --write.
    #[command(after_help = SERVE_EXIT_CODES)]
    Serve(ServeOptions),
}

/// Options of `build`.
#[derive(Debug, Clone, clap::Args)]
pub struct BuildOptions {
    /// The site folder: where roadmap.toml and content/ are.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site, relative to the site folder (overrides `output_dir`).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Options of `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeOptions {
    /// The site folder: where roadmap.toml and content/ are.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short, value_name = "N", default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address (127.0.0.1, ::1)
    /// lets other machines read the site.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1", value_parser = parse_address)]
    pub bind: IpAddr,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    pub open: bool,
    /// Also write every successful build to the output folder, atomically, as `build` does.
    #[arg(long)]
    pub write: bool,
    /// With --write: where to write the site, relative to the site folder (overrides `output_dir`).
    #[arg(long, short, value_name = "DIR", requires = "write")]
    pub output: Option<PathBuf>,
}

/// An IP address, or `localhost` for 127.0.0.1.
fn parse_address(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::from([127, 0, 0, 1]));
    }
    text.parse()
        .map_err(|_| format!("`{text}` is not an IP address (such as 127.0.0.1 or ::1)"))
}

/// Parses the arguments, runs the command and returns the process's exit code.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with success; usage errors exit with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Build(options) => cmd::build::execute(&options),
        Command::Serve(options) => cmd::serve::execute(&options),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            crate::report::error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
