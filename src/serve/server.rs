//! TCP connections on the serve address → HTTP/1.1 responses from [`http::answer`],
//! on hyper 1 over a two-thread tokio runtime, within [`Limits`].
//!
//! This replaced tiny_http (docs/serve.md, "Why hyper and not tiny_http", says why).
//! Its thread pool handed a second
//! connection that arrived before an idle thread had woken for the first to the queue
//! rather than to a new thread, so that connection waited until another keep-alive
//! connection closed (in bursts of 6 on fresh servers, 24 of 120 requests unanswered
//! after 5 s in `tests/serve_reliability.rs`, 34 of 120 in `scripts/serve-stress.py`); its accept thread also died for good on "too many
//! open files". Here every connection is a task, idle and half-sent connections are
//! closed after [`Limits::idle`], as are clients that stop reading, request heads are capped at [`Limits::max_head`],
//! and running out of descriptors only delays the next accept.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use http_body_util::{Either, Full};
use hyper::body::{Body, Bytes, Frame};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Semaphore, mpsc};

use super::deadline::WriteDeadline;
use super::edit_api::{self, Editing, Post};
use super::events;
use super::http::{self, Incoming, Reply, Response};
use super::state::Shared;
use crate::cli::Global;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report;

/// Most event streams open at once; more are answered 503.
const MAX_STREAMS: usize = 512;

/// How long to wait before accepting again after the system refused a connection
/// (out of descriptors, say): the connection waits in the kernel's queue meanwhile.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// What the server allows, so that no client can stall it or exhaust the process.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; the next one is accepted when one closes.
    pub max_connections: usize,
    /// An idle keep-alive connection, one that has not finished sending a request
    /// head, or one whose client has stopped reading what it asked for, is closed
    /// after this.
    pub idle: Duration,
    /// The longest request head (request line and headers), in bytes; a longer one is
    /// answered 431.
    pub max_head: usize,
}

impl Limits {
    /// The limits for this process: connections leave room for the builds' own files
    /// within the descriptor limit (raised to its hard maximum first, as Go's runtime
    /// does, since the default 1,024 is a leftover of `select`).
    pub fn for_this_process() -> Limits {
        let descriptors = raise_descriptor_limit();
        // Left for the builds: the watcher, notes being read, the output being written.
        const RESERVED: u64 = 128;
        let max_connections = if descriptors > 2 * RESERVED {
            descriptors - RESERVED
        } else {
            descriptors / 2
        };
        Limits {
            max_connections: usize::try_from(max_connections.clamp(4, 4096)).unwrap_or(4096),
            idle: Duration::from_secs(15),
            max_head: 16 * 1024,
        }
    }
}

/// The soft limit on open descriptors after raising it as far as allowed.
#[cfg(unix)]
fn raise_descriptor_limit() -> u64 {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    let soft = limit.current.unwrap_or(u64::MAX);
    if let Some(hard) = limit.maximum.filter(|&hard| hard > soft) {
        let raised = Rlimit {
            current: Some(hard),
            maximum: Some(hard),
        };
        if setrlimit(Resource::Nofile, raised).is_ok() {
            return hard;
        }
    }
    soft
}

/// Windows has no such limit on sockets; a modest cap all the same.
#[cfg(not(unix))]
fn raise_descriptor_limit() -> u64 {
    256
}

/// What every connection shares.
pub struct Context {
    /// The builds.
    pub shared: Arc<Shared>,
    /// Bound to a loopback address: refuse requests whose `Host` is not local, so
    /// that a web page elsewhere cannot read the site through DNS rebinding.
    pub local_only: bool,
    /// Event streams open now.
    pub streams: AtomicUsize,
    /// `--quiet` / `--verbose`, for the server's own problems.
    pub global: Global,
    /// Status changes from the pages: on a loopback server only.
    pub editing: Option<Arc<Editing>>,
}

/// Accepts connections and answers them until the runtime stops.
pub async fn accept(listener: std::net::TcpListener, context: Arc<Context>, limits: Limits) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(e) => {
            let message = format!("the server cannot listen: {e}");
            report::problem(
                &Diagnostic::general(Severity::Error, message),
                context.global,
            );
            return;
        }
    };
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.idle)
        .max_buf_size(limits.max_head.max(8192))
        .title_case_headers(true);
    let mut starved = false;
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => {
                starved = false;
                stream
            }
            Err(e) => {
                if !starved && is_exhaustion(&e) {
                    let message = format!(
                        "cannot accept a connection ({e}); new connections wait until \
                         others close"
                    );
                    let warning = Diagnostic::general(Severity::Warning, message)
                        .with_hint("raise the limit on open files (ulimit -n)");
                    report::problem(&warning, context.global);
                    starved = true;
                }
                tokio::time::sleep(ACCEPT_RETRY).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let context = Arc::clone(&context);
        let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
            let context = Arc::clone(&context);
            async move {
                let response = match request.method() == hyper::Method::POST
                    && edit_api::is_endpoint(request.uri().path().trim_start_matches('/'))
                {
                    true => post(request, &context).await,
                    false => respond(&request, &context),
                };
                Ok::<_, Infallible>(response)
            }
        });
        let stream = WriteDeadline::new(stream, limits.idle);
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            // A client that went away or timed out is not a problem of the server's.
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// Out of descriptors, or of kernel memory for sockets: waiting helps.
fn is_exhaustion(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        matches!(
            Errno::from_io_error(error),
            Some(Errno::MFILE | Errno::NFILE | Errno::NOBUFS | Errno::NOMEM)
        )
    }
    #[cfg(not(unix))]
    {
        error.kind() == std::io::ErrorKind::OutOfMemory
    }
}

type ResponseBody = Either<Full<Bytes>, EventBody>;

fn respond<B>(
    request: &hyper::Request<B>,
    context: &Arc<Context>,
) -> hyper::Response<ResponseBody> {
    let header = |name: &str| {
        let value = request.headers().get(name)?;
        // A header that is not visible ASCII is kept as "": never a local host.
        Some(value.to_str().unwrap_or_default())
    };
    let target = request.uri().to_string();
    let incoming = Incoming {
        method: request.method().as_str(),
        target: &target,
        host: header("host"),
        last_event_id: header("last-event-id"),
    };
    match http::answer(&incoming, &context.shared.snapshot(), context.local_only) {
        Reply::Response(response) => complete(response),
        Reply::Events { since } => match StreamSlot::open(context) {
            Some(slot) => event_stream(slot, since),
            None => complete(Response {
                status: 503,
                content_type: "text/plain; charset=utf-8",
                body: b"too many event streams\n".to_vec(),
                location: None,
            }),
        },
    }
}

/// A status change: the body read (at most [`edit_api::MAX_BODY`] bytes), the
/// request checked, the file changed on a blocking thread (it reads the whole site).
async fn post(
    request: hyper::Request<hyper::body::Incoming>,
    context: &Arc<Context>,
) -> hyper::Response<ResponseBody> {
    use http_body_util::{BodyExt, Limited};
    let (parts, body) = request.into_parts();
    let Ok(body) = Limited::new(body, edit_api::MAX_BODY).collect().await else {
        return complete(Response {
            status: 413,
            content_type: http::TEXT,
            body: b"the change is too large or was not sent whole\n".to_vec(),
            location: None,
        });
    };
    let Some(editing) = context.editing.clone() else {
        return complete(edit_api::off());
    };
    let body = body.to_bytes();
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap_or_default())
    };
    let checked = edit_api::check(
        &Post {
            path: parts.uri.path().trim_start_matches('/'),
            host: header("host"),
            origin: header("origin"),
            content_type: header("content-type"),
            body: &body,
        },
        &editing,
    );
    let action = match checked {
        Ok(action) => action,
        Err(refusal) => return complete(refusal),
    };
    let global = context.global;
    let done = tokio::task::spawn_blocking(move || {
        let (response, written) = edit_api::perform(&editing, &action);
        if let Some(line) = written {
            report::status(global, &line);
        }
        response
    })
    .await;
    complete(done.unwrap_or_else(|_| Response {
        status: 500,
        content_type: http::TEXT,
        body: b"the change failed; see the terminal\n".to_vec(),
        location: None,
    }))
}

fn complete(response: Response) -> hyper::Response<ResponseBody> {
    let status = response.status;
    let mut out = with_headers(
        hyper::Response::new(Either::Left(Full::new(Bytes::from(response.body)))),
        status,
        response.content_type,
    );
    let headers = out.headers_mut();
    if let Some(location) = response.location.as_deref()
        && let Ok(location) = HeaderValue::from_str(location)
    {
        headers.insert(header::LOCATION, location);
    }
    if status == 405 {
        headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    }
    out
}

/// The status and the headers every response has: `Cache-Control: no-store` (a page
/// must never come from the browser's cache after a rebuild) and `nosniff`.
fn with_headers<B>(
    mut out: hyper::Response<B>,
    status: u16,
    content_type: &'static str,
) -> hyper::Response<B> {
    *out.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
    let headers = out.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    out
}

/// An open event stream, counted while it lives.
struct StreamSlot(Arc<Context>);

impl StreamSlot {
    fn open(context: &Arc<Context>) -> Option<StreamSlot> {
        // Counted first, so that the slot's drop always undoes it.
        let slot = StreamSlot(Arc::clone(context));
        (context.streams.fetch_add(1, Ordering::SeqCst) < MAX_STREAMS).then_some(slot)
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.streams.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Starts the task that feeds an event stream; it ends when the page goes away.
fn event_stream(slot: StreamSlot, since: u64) -> hyper::Response<ResponseBody> {
    let (sender, receiver) = mpsc::channel(4);
    tokio::spawn(async move {
        events::stream(sender, &slot.0.shared, since).await;
        drop(slot);
    });
    with_headers(
        hyper::Response::new(Either::Right(EventBody(receiver))),
        200,
        "text/event-stream",
    )
}

/// The body of an event stream: the chunks its task sends, until the task ends.
pub struct EventBody(mpsc::Receiver<Bytes>);

impl Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|chunk| chunk.map(|c| Ok(Frame::data(c))))
    }
}

#[cfg(test)]
mod tests;
