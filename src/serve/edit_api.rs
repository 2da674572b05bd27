//! A POST from a served page to `/__roadmap-site/set-status` or `…/undo` → the
//! checks it must pass (a loopback server, its own Host and Origin, the session's
//! token, a small JSON body) and the [`crate::edit`] change it asks for, as a JSON
//! response. `server.rs` reads the body and runs [`perform`] off the async threads.

use std::path::PathBuf;
use std::sync::Mutex;

use serde::Deserialize;

use super::http::{PREFIX, Response};
use crate::config::Config;
use crate::edit::{Change, Editor, Refusal, Written};
use crate::roadmap::Status;

/// The endpoints, under [`PREFIX`].
const SET: &str = "set-status";
const UNDO: &str = "undo";

/// The longest body accepted: a status change is a few hundred bytes.
pub const MAX_BODY: usize = 4096;

const JSON: &str = "application/json";

/// What editing needs for the whole session.
pub struct Editing {
    /// Made at start, embedded in served pages, required on every change: another
    /// site open in the browser cannot read it, so it cannot forge a change.
    pub token: String,
    /// The site folder (its `roadmap.toml` is read again for every change).
    pub root: PathBuf,
    /// The server's port: `Host` must name it.
    pub port: u16,
    /// The changes of the session, for undo. One change at a time.
    editor: Mutex<Editor>,
}

impl Editing {
    /// Editing for a server on loopback port `port`, or `None` when no secret can be
    /// made (the system's random source failed).
    pub fn new(root: PathBuf, port: u16) -> Option<Editing> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).ok()?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Some(Editing {
            token,
            root,
            port,
            editor: Mutex::default(),
        })
    }
}

/// Whether `path` (the request's, without the leading `/`) is an edit endpoint.
pub fn is_endpoint(path: &str) -> bool {
    path.strip_prefix(PREFIX)
        .is_some_and(|own| own == SET || own == UNDO)
}

/// A request to an edit endpoint, reduced to what the checks look at.
#[derive(Debug, Default)]
pub struct Post<'a> {
    /// The path, without the leading `/`.
    pub path: &'a str,
    /// `Host`.
    pub host: Option<&'a str>,
    /// `Origin`.
    pub origin: Option<&'a str>,
    /// `Content-Type`.
    pub content_type: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

/// What a checked request asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Set a task's status.
    Set {
        /// The task's slug.
        task: String,
        /// The status the page showed.
        from: Option<Status>,
        /// The status chosen.
        to: Status,
        /// The fingerprint of the roadmap the page was built from.
        fingerprint: String,
    },
    /// Undo the session's last change.
    Undo,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    token: String,
    #[serde(default)]
    task: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: String,
    #[serde(default)]
    fingerprint: String,
}

/// The request checked; a refusal is the response to send.
pub fn check(post: &Post, editing: &Editing) -> Result<Action, Response> {
    let host = post.host.unwrap_or_default();
    if !is_own_host(host, editing.port) {
        return Err(refuse(403, "the Host is not this server's"));
    }
    let own_origin = format!("http://{host}");
    if !post
        .origin
        .is_some_and(|o| o.eq_ignore_ascii_case(&own_origin))
    {
        return Err(refuse(
            403,
            "changes are accepted only from this server's own pages",
        ));
    }
    let json = post.content_type.is_some_and(|t| {
        t.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .eq_ignore_ascii_case(JSON)
    });
    if !json {
        return Err(refuse(415, "send the change as application/json"));
    }
    let body: Body = serde_json::from_slice(post.body)
        .map_err(|e| refuse(400, &format!("the change is not understood: {e}")))?;
    if !same_secret(&body.token, &editing.token) {
        return Err(refuse(
            403,
            "the page's token is not this server's: reload the page",
        ));
    }
    if post.path.ends_with(UNDO) {
        return Ok(Action::Undo);
    }
    let status = |key: &str| Status::ALL.into_iter().find(|s| s.key() == key);
    let to = status(&body.to)
        .ok_or_else(|| refuse(400, "`to` must be done, in_progress, todo or skipped"))?;
    let from = match body.from.as_deref() {
        None => None,
        Some(key) => Some(status(key).ok_or_else(|| refuse(400, "`from` is not a status"))?),
    };
    if body.task.is_empty() || body.fingerprint.is_empty() {
        return Err(refuse(400, "`task` and `fingerprint` are required"));
    }
    Ok(Action::Set {
        task: body.task,
        from,
        to,
        fingerprint: body.fingerprint,
    })
}

/// The answer when editing is off (the server is not on loopback).
pub fn off() -> Response {
    refuse(
        403,
        "status changes are only accepted by a server bound to loopback (127.0.0.1)",
    )
}

/// Carries out a checked request: reads the site's configuration, changes the file.
/// Returns the response and, for the terminal, what was written.
pub fn perform(editing: &Editing, action: &Action) -> (Response, Option<String>) {
    let mut editor = editing.editor.lock().unwrap_or_else(|p| p.into_inner());
    let done = match action {
        Action::Undo => editor.undo(),
        Action::Set {
            task,
            from,
            to,
            fingerprint,
        } => match Config::load(&editing.root) {
            Ok(config) => editor.set(
                &config,
                &Change {
                    task,
                    from: *from,
                    to: *to,
                    fingerprint,
                },
            ),
            Err(e) => Err(Refusal {
                code: 500,
                message: format!("cannot read the configuration: {e}"),
            }),
        },
    };
    match done {
        Ok(Written { message, .. }) => {
            let body = serde_json::json!({ "ok": true, "message": message });
            (reply(200, &body), Some(message))
        }
        Err(refusal) => (refuse(refusal.code, &refusal.message), None),
    }
}

/// `localhost`, `127.0.0.1` or `[::1]` (any case) with this server's port.
fn is_own_host(host: &str, port: u16) -> bool {
    let Some((name, given)) = host.rsplit_once(':') else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    given == port.to_string() && matches!(name.as_str(), "localhost" | "127.0.0.1" | "[::1]")
}

/// Compares without stopping at the first difference.
fn same_secret(given: &str, token: &str) -> bool {
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn refuse(status: u16, message: &str) -> Response {
    reply(
        status,
        &serde_json::json!({ "ok": false, "message": message }),
    )
}

fn reply(status: u16, body: &serde_json::Value) -> Response {
    Response {
        status,
        content_type: JSON,
        body: format!("{body}\n").into_bytes(),
        location: None,
    }
}

#[cfg(test)]
mod tests;
