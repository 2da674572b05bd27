//! A page's event stream (server-sent events): the builds' changes → `reload`, `css`,
//! `main` (with the pages that changed) and `failed` events, each with the generation
//! as its id so that a reconnecting page resumes where it was, and a keep-alive comment
//! that also notices a page gone.

use std::time::Duration;

use hyper::body::Bytes;
use tokio::sync::mpsc::Sender;

use super::state::{Change, Shared, Snapshot};

/// Time between keep-alive comments: how long a stream may outlive its page.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Sends the events for a page that has seen generation `since` into `out` (the
/// response body), until the page goes away (the body is dropped).
pub async fn stream(out: Sender<Bytes>, shared: &Shared, since: u64) {
    let mut changes = shared.subscribe();
    if out
        .send(Bytes::from_static(b"retry: 500\n\n"))
        .await
        .is_err()
    {
        return;
    }
    let mut seen = since;
    let mut next = shared.pending(seen);
    loop {
        let text = match next {
            Some((change, now)) => {
                seen = now.generation;
                event(change, &now)
            }
            None => ": keep-alive\n\n".to_string(),
        };
        if out.send(Bytes::from(text)).await.is_err() {
            return;
        }
        // Woken by a new generation, or after KEEP_ALIVE for the comment.
        let newer = changes.wait_for(|&generation| generation != seen);
        let _ = tokio::time::timeout(KEEP_ALIVE, newer).await;
        next = shared.changed_since(seen);
    }
}

/// One event: `id`, `event` and a JSON `data` line (JSON has no raw newlines).
pub fn event(change: Change, now: &Snapshot) -> String {
    let pages: &[String] = if change == Change::Main {
        &now.pages
    } else {
        &[]
    };
    let data = serde_json::json!({
        "generation": now.generation,
        "error": now.error.as_deref(),
        "pages": pages,
    });
    format!(
        "id: {}\nevent: {}\ndata: {data}\n\n",
        now.generation,
        change.event_name()
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn events_carry_the_generation_and_the_error_text_on_one_data_line() {
        let now = Snapshot {
            site: None,
            generation: 4,
            error: Some("a.md:2:1: error: x\n  |\n2 | y".into()),
            pages: Arc::from(["tasks/a.html".to_string()]),
            editable: None,
        };
        assert_eq!(
            event(Change::Failed, &now),
            "id: 4\nevent: failed\ndata: {\"error\":\"a.md:2:1: error: x\\n  |\\n2 | y\",\"generation\":4,\"pages\":[]}\n\n"
        );
        // A main event names the pages whose <main> changed.
        assert!(event(Change::Main, &now).contains("\"pages\":[\"tasks/a.html\"]"));
    }
}
