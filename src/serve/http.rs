//! A request, reduced to what matters ([`Incoming`]) → the answer from the site in
//! memory ([`Reply`]), with no I/O: the endpoints under `/__roadmap-site/` (the
//! live-reload script, its event stream, a JSON status), the Host check and the
//! refusal of traversal forms. `server.rs` puts it on the wire.

use std::net::IpAddr;

use super::page::{self, EDIT_SCRIPT, SCRIPT};
use super::state::Snapshot;
use super::url::{self, query_value, split_query};

/// The prefix of the server's own paths; no site file is served from under it.
pub const PREFIX: &str = "__roadmap-site/";

/// A request, reduced to what the answer depends on.
#[derive(Debug, Clone, Default)]
pub struct Incoming<'a> {
    /// `GET`, `HEAD`, …
    pub method: &'a str,
    /// The request target as sent (`/a%20b.html?x`).
    pub target: &'a str,
    /// The `Host` header.
    pub host: Option<&'a str>,
    /// The `Last-Event-ID` header an event stream sends when it reconnects.
    pub last_event_id: Option<&'a str>,
}

/// What to send back.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    /// A complete response.
    Response(Response),
    /// An event stream for a page that has seen generation `since`.
    Events {
        /// The page's generation.
        since: u64,
    },
}

/// A complete response.
#[derive(Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body (not sent for `HEAD`).
    pub body: Vec<u8>,
    /// The `Location` of a redirect.
    pub location: Option<String>,
}

impl Response {
    fn reply(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Response(Response {
            status,
            content_type,
            body: body.into(),
            location: None,
        })
    }

    fn text(status: u16, text: &str) -> Reply {
        Response::reply(status, TEXT, format!("{text}\n"))
    }
}

/// Plain text.
pub const TEXT: &str = "text/plain; charset=utf-8";
const HTML: &str = "text/html; charset=utf-8";

/// The answer to a request, given the state of the builds.
pub fn answer(request: &Incoming, now: &Snapshot, local_only: bool) -> Reply {
    if request.method != "GET" && request.method != "HEAD" {
        return Response::text(405, "only GET and HEAD are supported");
    }
    if local_only && !request.host.is_none_or(is_local_host) {
        return Response::text(400, "this development server answers local addresses only");
    }
    let path = match url::site_path(request.target) {
        Ok(path) => path,
        Err(refused) => return Response::text(400, refused.reason()),
    };
    if let Some(own) = path.strip_prefix(PREFIX) {
        return answer_own(own, request, now);
    }
    let Some(site) = &now.site else {
        let error = now
            .error
            .as_deref()
            .unwrap_or("the first build has not finished");
        return Response::reply(503, HTML, page::error_page(error, now.generation));
    };
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(bytes) = site.get(&file) {
        let kind = content_type(&file);
        let body = if kind == HTML {
            page::inject(bytes, now.generation, now.editable.as_ref())
        } else {
            bytes.to_vec()
        };
        return Response::reply(200, kind, body);
    }
    if site.get(&format!("{path}/index.html")).is_some() {
        // The query goes along: `/phases?tab=2` must reach the page as `?tab=2`.
        let location = match split_query(request.target) {
            (raw, "") => format!("{raw}/"),
            (raw, query) => format!("{raw}/?{query}"),
        };
        return Reply::Response(Response {
            status: 301,
            content_type: TEXT,
            body: b"moved\n".to_vec(),
            location: Some(location),
        });
    }
    match site.get("404.html") {
        Some(page) => Response::reply(
            404,
            HTML,
            page::inject(page, now.generation, now.editable.as_ref()),
        ),
        None => Response::text(404, "not found"),
    }
}

/// `/__roadmap-site/<own>`.
fn answer_own(own: &str, request: &Incoming, now: &Snapshot) -> Reply {
    match own {
        "livereload.js" => Response::reply(200, "text/javascript; charset=utf-8", SCRIPT),
        "edit.js" => Response::reply(200, "text/javascript; charset=utf-8", EDIT_SCRIPT),
        "events" if request.method == "GET" => {
            let (_, query) = split_query(request.target);
            let since = request
                .last_event_id
                .or_else(|| query_value(query, "since"))
                .and_then(|n| n.trim().parse().ok())
                // Without a generation, nothing to catch up on (a reload would loop).
                .unwrap_or(now.generation);
            Reply::Events { since }
        }
        "events" => Response::reply(200, "text/event-stream", ""),
        "status" => {
            let status = serde_json::json!({
                "generation": now.generation,
                "ok": now.error.is_none(),
                "error": now.error.as_deref(),
            });
            Response::reply(200, "application/json", format!("{status}\n"))
        }
        _ => Response::text(404, "not found"),
    }
}

/// `localhost`, `*.localhost` or a loopback address, with or without a port.
fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The `Content-Type` of a site file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => TEXT,
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests;
