//! The limits over real loopback sockets, on a server in this process with limits
//! short enough to watch them act.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use super::*;
use crate::output::SiteOutput;

/// Any answer or close must come within this.
const WAIT: Duration = Duration::from_secs(5);

fn start(limits: Limits) -> (tokio::runtime::Runtime, SocketAddr) {
    start_with(
        limits,
        SiteOutput::of_texts(&[("index.html", "<html><body>home</body></html>")]),
    )
}

fn start_with(limits: Limits, site: SiteOutput) -> (tokio::runtime::Runtime, SocketAddr) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap();
    let shared = Shared::new();
    shared.succeeded(site);
    let context = Arc::new(Context {
        shared,
        local_only: true,
        streams: AtomicUsize::new(0),
        global: Default::default(),
        editing: None,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    runtime.spawn(accept(listener, context, limits));
    (runtime, address)
}

fn limits() -> Limits {
    Limits {
        max_connections: 16,
        idle: Duration::from_millis(300),
        max_head: 16 * 1024,
    }
}

fn connect(address: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream
}

/// Reads until the server closes the connection; fails if it is still open after WAIT.
fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut bytes = Vec::new();
    match stream.read_to_end(&mut bytes) {
        Ok(_) => {}
        // A reset after the server dropped unread input also means closed.
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(e) => panic!("still open after {WAIT:?} ({e}); read {bytes:?}"),
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_the_idle_limit() {
    let (_runtime, address) = start(limits());
    let mut stream = connect(address);
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let answer = read_until_closed(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.ends_with("</html>"), "{answer}");
}

#[test]
fn a_connection_that_never_finishes_its_request_is_closed() {
    let (_runtime, address) = start(limits());
    for partial in ["", "GET / HTTP/1.1\r\nHost: local", "GET / HTTP/1.1\r\n"] {
        let mut stream = connect(address);
        stream.write_all(partial.as_bytes()).unwrap();
        let answer = read_until_closed(&mut stream);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{partial:?}: {answer}"
        );
    }
}

#[test]
fn a_request_head_over_the_limit_is_refused_with_431_and_the_server_goes_on() {
    let (_runtime, address) = start(limits());
    let mut stream = connect(address);
    let mut request = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec();
    // 100 kB: under hyper's own default limit (about 400 kB), over ours.
    request.extend(std::iter::repeat_n(b'a', 100_000));
    request.extend(b"\r\n\r\n");
    // The server stops reading at its limit: the rest of the write may fail.
    let _ = stream.write_all(&request);
    let answer = read_until_closed(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer:?}");
    let mut next = connect(address);
    next.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert!(read_until_closed(&mut next).starts_with("HTTP/1.1 200 OK"));
}

#[test]
fn connections_over_the_limit_wait_for_a_free_slot_instead_of_failing() {
    let (_runtime, address) = start(Limits {
        max_connections: 2,
        idle: Duration::from_secs(60),
        max_head: 16 * 1024,
    });
    let ask = |stream: &mut TcpStream| {
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let mut buffer = [0; 512];
        let n = stream.read(&mut buffer).unwrap();
        String::from_utf8_lossy(&buffer[..n]).into_owned()
    };
    let (mut a, mut b) = (connect(address), connect(address));
    assert!(ask(&mut a).starts_with("HTTP/1.1 200"));
    assert!(ask(&mut b).starts_with("HTTP/1.1 200"));
    let mut third = connect(address);
    third
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    drop(a);
    assert!(read_until_closed(&mut third).starts_with("HTTP/1.1 200 OK"));
    assert!(ask(&mut b).starts_with("HTTP/1.1 200"), "b kept its slot");
}

#[test]
fn a_client_that_stops_reading_gives_up_its_slot() {
    let big = format!("<html><body>{}</body></html>", "x".repeat(4 << 20));
    let site = SiteOutput::of_texts(&[
        ("index.html", "<html><body>home</body></html>"),
        ("big.html", &big),
    ]);
    let (_runtime, address) = start_with(
        Limits {
            max_connections: 1,
            idle: Duration::from_millis(300),
            max_head: 16 * 1024,
        },
        site,
    );
    // Asks for 40 MB and reads none of it: the socket buffers fill, writes wait.
    let mut greedy = connect(address);
    let request = "GET /big.html HTTP/1.1\r\nHost: localhost\r\n\r\n".repeat(10);
    greedy.write_all(request.as_bytes()).unwrap();
    let mut next = connect(address);
    next.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert!(read_until_closed(&mut next).starts_with("HTTP/1.1 200 OK"));
    drop(greedy);
}
