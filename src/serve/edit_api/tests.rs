//! The checks a status change must pass, each refused on its own.

use super::*;

fn editing() -> Editing {
    let mut editing = Editing::new(PathBuf::from("site"), 4321).expect("a random source");
    editing.token = "a1b2".into();
    editing
}

const BODY: &str =
    r#"{"token":"a1b2","task":"arrays","from":"todo","to":"done","fingerprint":"00ff"}"#;

fn post(body: &str) -> Post<'_> {
    Post {
        path: "__roadmap-site/set-status",
        host: Some("127.0.0.1:4321"),
        origin: Some("http://127.0.0.1:4321"),
        content_type: Some("application/json"),
        body: body.as_bytes(),
    }
}

fn refused(post: &Post) -> u16 {
    match check(post, &editing()) {
        Ok(action) => panic!("accepted: {action:?}"),
        Err(response) => response.status,
    }
}

#[test]
fn a_change_from_the_servers_own_page_is_accepted() {
    assert_eq!(
        check(&post(BODY), &editing()).unwrap(),
        Action::Set {
            task: "arrays".into(),
            from: Some(Status::Todo),
            to: Status::Done,
            fingerprint: "00ff".into(),
        }
    );
    let localhost = Post {
        host: Some("localhost:4321"),
        origin: Some("http://localhost:4321"),
        ..post(BODY)
    };
    assert!(check(&localhost, &editing()).is_ok());
    let undo = Post {
        path: "__roadmap-site/undo",
        ..post(r#"{"token":"a1b2"}"#)
    };
    assert_eq!(check(&undo, &editing()).unwrap(), Action::Undo);
}

#[test]
fn a_wrong_or_missing_token_is_refused() {
    assert_eq!(refused(&post(&BODY.replace("a1b2", "a1b3"))), 403);
    assert_eq!(refused(&post(&BODY.replace("a1b2", ""))), 403);
    assert_eq!(
        refused(&post(
            r#"{"task":"arrays","to":"done","fingerprint":"00ff"}"#
        )),
        400
    );
}

#[test]
fn another_origin_or_host_is_refused() {
    let foreign = Post {
        origin: Some("http://evil.example"),
        ..post(BODY)
    };
    assert_eq!(refused(&foreign), 403);
    let none = Post {
        origin: None,
        ..post(BODY)
    };
    assert_eq!(refused(&none), 403);
    // DNS rebinding: a foreign name resolving to loopback, origin to match.
    let rebound = Post {
        host: Some("evil.example:4321"),
        origin: Some("http://evil.example:4321"),
        ..post(BODY)
    };
    assert_eq!(refused(&rebound), 403);
    let other_port = Post {
        host: Some("127.0.0.1:80"),
        origin: Some("http://127.0.0.1:80"),
        ..post(BODY)
    };
    assert_eq!(refused(&other_port), 403);
}

#[test]
fn a_form_post_is_refused() {
    // A plain form from another page can send text/plain without a preflight.
    let form = Post {
        content_type: Some("text/plain"),
        ..post(BODY)
    };
    assert_eq!(refused(&form), 415);
}

#[test]
fn anything_but_a_status_is_refused() {
    assert_eq!(
        refused(&post(&BODY.replace(r#""done""#, r#""finished""#))),
        400
    );
    assert_eq!(refused(&post(&BODY.replace(r#""arrays""#, r#""""#))), 400);
    let extra = BODY.replace('}', r#","path":"/etc/passwd"}"#);
    assert_eq!(refused(&post(&extra)), 400);
    assert_eq!(refused(&post("not json")), 400);
}

#[test]
fn only_the_two_endpoints_take_posts() {
    assert!(is_endpoint("__roadmap-site/set-status"));
    assert!(is_endpoint("__roadmap-site/undo"));
    assert!(!is_endpoint("__roadmap-site/status"));
    assert!(!is_endpoint("index.html"));
}
