//! The resolved site: [`Site`] with slugs, flat task list and [`Progress`] everywhere.

mod decoration;
mod find;
mod notes;
mod progress;
mod site;

pub use find::{Found, TaskIndex};
pub use notes::{Note, tag_slug};
pub use progress::Progress;
pub use site::{Group, Node, Phase, Site, Task};
