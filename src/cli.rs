//! Command-line arguments → the command to run, and its exit code.

use std::ffi::OsString;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::cmd;

// Every command's help ends with its exit codes, in the same form.

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  errors in the roadmap, notes, roadmap.toml or templates (or warnings with check --strict)
  2  usage error, no site found, or a file could not be read or written";

const SITE_EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  errors in the roadmap, notes, roadmap.toml or templates
  2  usage error, no site found, or a file could not be read or written";

const CHECK_EXIT_CODES: &str = "\
Exit codes:
  0  no errors (warnings may have been printed)
  1  errors in the roadmap, notes, roadmap.toml or templates, or warnings with --strict
  2  usage error, no site found, or a file could not be read";

const INIT_EXIT_CODES: &str = "\
Exit codes:
  0  success (files already there are left as they were)
  2  usage error, or a file could not be written";

const NEW_EXIT_CODES: &str = "\
Exit codes:
  0  the file was created
  1  errors in the roadmap, notes, roadmap.toml or templates
  2  usage error (no such task, or several), no site found, the file exists already, or a
     file could not be read or written";

const SERVE_HELP: &str = "\
Listens on 127.0.0.1, reloads open pages when a build is complete and shows build errors in
the browser as in the terminal. Writes nothing to the output folder unless --write. Runs until
stopped (Ctrl-C); errors in the content do not stop it.

Exit codes:
  0    stopped by Ctrl-C (SIGINT) or SIGTERM
  2    usage error, no site found, or the server could not start (port in use)
  130  stopped by a second signal while a build ran";

const EXPLAIN_HELP: &str = "\
Tables (which column titles the tasks, which holds the status), checklists, legends, kanban
columns, phases and groups, and what was skipped and why. When a count is not what you expect,
this says which rule read it; settings under [reader] in roadmap.toml override what no rule
can guess.

Exit codes:
  0  success (warnings may have been printed)
  1  errors in roadmap.toml or the roadmap
  2  usage error, no site found, or a file could not be read";

const COMPLETIONS_EXIT_CODES: &str = "\
Exit codes:
  0  the script was printed
  2  usage error (a shell not listed)";

const FIX_ENCODING_HELP: &str = "\
Rewrites the file (the roadmap file by default) as the reader repairs it in memory (`üöÄ` back
to 🚀), keeping the original as FILE.orig. Refuses a file that is not garbled, and never
overwrites an existing backup.

Exit codes:
  0  repaired (or, with --dry-run, what would be repaired was printed)
  1  errors in roadmap.toml
  2  refused (the file is not garbled, not UTF-8, or FILE.orig exists), usage error,
     or a file could not be read or written";

/// Publish a learning roadmap written in Markdown as a progress site.
#[derive(Debug, Parser)]
#[command(name = "roadmap-site", version, about, after_help = EXIT_CODES, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes, shown apart from each command's own.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct Global {
    /// Print only errors.
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Global options"
    )]
    pub quiet: bool,
    /// Print more: timings of each stage and what was written.
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    // One line of `about` each, the rest in `after_help`: a second paragraph would
    // make `--help` switch to clap's long layout for that command alone.
    /// Create a new roadmap site: roadmap.toml, an example roadmap and note, .gitignore.
    #[command(after_help = INIT_EXIT_CODES)]
    Init(InitOptions),
    /// Build the site into the output folder (public/ by default).
    #[command(after_help = SITE_EXIT_CODES)]
    Build(BuildOptions),
    /// Preview the site: serve it from memory, rebuilt and reloaded on every change.
    #[command(after_help = SERVE_HELP)]
    Serve(ServeOptions),
    /// Do everything build does except writing, check links in notes, print a summary.
    #[command(after_help = CHECK_EXIT_CODES)]
    Check(CheckOptions),
    /// Show the roadmap's progress in the terminal.
    #[command(after_help = SITE_EXIT_CODES)]
    Status(StatusOptions),
    /// Show how the roadmap file was read: each block taken or left, with its line.
    #[command(after_help = EXPLAIN_HELP)]
    Explain(ExplainOptions),
    /// Create a file for a task, such as its note.
    #[command(subcommand, after_help = NEW_EXIT_CODES)]
    New(NewCommand),
    /// Repair a file garbled by a UTF-8 → Mac Roman or → Windows-1252 round trip
    #[command(after_help = FIX_ENCODING_HELP)]
    FixEncoding(FixEncodingOptions),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = COMPLETIONS_EXIT_CODES)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Where the site is: DIR or `--root DIR` (the same), or found from the current folder
/// (see `cmd::site`).
#[derive(Debug, Clone, Default, Args)]
pub struct SiteArgs {
    /// The site folder, where roadmap.toml and content/ are [default: this folder, or the
    /// nearest one above it with a roadmap.toml]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The site folder, as DIR.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

impl SiteArgs {
    /// The folder given on the command line, if any; two different ones are an error.
    pub fn given(&self) -> crate::error::Result<Option<PathBuf>> {
        match (&self.dir, &self.root) {
            (Some(dir), Some(root)) if !same_folder(dir, root) => Err(crate::error::Error::Usage {
                message: format!(
                    "two site folders given: {} and --root {}",
                    dir.display(),
                    root.display()
                ),
                hint: "give the site folder once, as DIR or as --root DIR".into(),
            }),
            (dir, root) => Ok(dir.clone().or_else(|| root.clone())),
        }
    }
}

/// The same folder, however written (`..` and `../site` from inside it).
fn same_folder(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Options of `build`.
#[derive(Debug, Clone, Args)]
pub struct BuildOptions {
    /// Where the site is.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site, relative to the site folder (overrides `output_dir`).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The URL the site is published at (overrides `base_url`).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// Options of `check`.
#[derive(Debug, Clone, Args)]
pub struct CheckOptions {
    /// Where the site is.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat warnings as errors (exit code 1), e.g. in CI before publishing.
    #[arg(long)]
    pub strict: bool,
}

/// Options of `status`.
#[derive(Debug, Clone, Args)]
pub struct StatusOptions {
    /// Where the site is.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Print the progress as JSON, the same data as progress.json.
    #[arg(long)]
    pub json: bool,
}

/// Options of `explain`.
#[derive(Debug, Clone, Args)]
pub struct ExplainOptions {
    /// Where the site is.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Print every block and phase as JSON, for tools.
    #[arg(long)]
    pub json: bool,
}

/// Options of `init`.
#[derive(Debug, Clone, Args)]
pub struct InitOptions {
    /// The folder to create the site in (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Also copy the built-in theme into themes/default-custom/ for editing.
    #[arg(long)]
    pub theme: bool,
}

#[derive(Debug, Subcommand)]
enum NewCommand {
    /// Create the note file of a task, with its front matter filled in.
    #[command(after_help = NEW_EXIT_CODES)]
    Note(NewNoteOptions),
}

/// Options of `new note`.
#[derive(Debug, Clone, Args)]
pub struct NewNoteOptions {
    /// The task: its exact title, slug, or the start of its title.
    pub task: String,
    /// The site folder, where roadmap.toml and content/ are [default: this folder, or
    /// the nearest one above it with a roadmap.toml]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

impl NewNoteOptions {
    /// Where the site is (the task takes the place of DIR).
    pub fn site(&self) -> SiteArgs {
        SiteArgs {
            dir: None,
            root: self.root.clone(),
        }
    }
}

/// Options of `fix-encoding`.
#[derive(Debug, Clone, Args)]
pub struct FixEncodingOptions {
    /// The site folder, to find the roadmap file when FILE is not given [default: this
    /// folder, or the nearest one above it with a roadmap.toml]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The file to repair [default: the roadmap file set in roadmap.toml]
    pub file: Option<PathBuf>,
    /// Print what would be repaired, with line numbers, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

impl FixEncodingOptions {
    /// Where the site is (FILE takes the place of DIR).
    pub fn site(&self) -> SiteArgs {
        SiteArgs {
            dir: None,
            root: self.root.clone(),
        }
    }
}

/// Options of `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeOptions {
    /// Where the site is.
    #[command(flatten)]
    pub site: SiteArgs,
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
    let global = cli.global;
    let result = match cli.command {
        Command::Init(options) => cmd::init::execute(&options, global),
        Command::Serve(options) => cmd::serve::execute(&options, global),
        Command::Build(options) => cmd::build::execute(&options, global),
        Command::Check(options) => cmd::check::execute(&options, global),
        Command::Status(options) => cmd::status::execute(&options, global),
        Command::Explain(options) => cmd::explain::execute(&options, global),
        Command::New(NewCommand::Note(options)) => cmd::new_note::execute(&options, global),
        Command::FixEncoding(options) => cmd::fix_encoding::execute(&options, global),
        Command::Completions { shell } => {
            cmd::completions::execute(shell, <Cli as clap::CommandFactory>::command())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of our output went away (`| head`): nothing more to say.
        Err(crate::error::Error::Io { source, path })
            if source.kind() == std::io::ErrorKind::BrokenPipe && path.as_os_str() == "stdout" =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            crate::report::error(&error, global);
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
