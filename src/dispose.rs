//! Large values a build is done with (the site model, the template values) → freed
//! on a worker thread, or left to the system when the process is about to end.

/// How a build lets go of its large values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dispose {
    /// Freed on a worker thread: nothing waits for it (`serve`, library calls).
    #[default]
    Background,
    /// Never freed: the process ends after the build (`roadmap-site build`), and
    /// freeing tens of megabytes would only take a core from the files still being
    /// written.
    AtExit,
}

impl Dispose {
    /// Lets go of `value` the chosen way.
    pub fn let_go<T: Send + 'static>(self, value: T) {
        match self {
            Dispose::Background => rayon::spawn(move || drop(value)),
            Dispose::AtExit => std::mem::forget(value),
        }
    }
}
