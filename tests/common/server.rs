//! `roadmap-site serve` run in a test site, and plain HTTP/1.1 over loopback to talk to
//! it (hand-written requests: the tests must control every byte of the request line).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::TestSite;

/// How long the server may take to print its URL (the first build included).
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A rebuild must show within this (debug builds, tests running side by side).
pub const REBUILD: Duration = Duration::from_secs(20);

/// The start of the live-reload script tag in served HTML.
pub const SCRIPT: &str = r#"<script async src="/__roadmap-site/livereload.js" data-generation=""#;

/// A copy of `tests/fixtures/serve` and a server on it.
pub fn serve_fixture() -> (TestSite, Server) {
    let site = TestSite::fixture("serve");
    let server = Server::start(site.path(), &[]);
    (site, server)
}

/// Appends to a file of the site, as an editor saving in place does.
pub fn append(site: &TestSite, path: &str, text: &str) {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(site.path().join(path))
        .unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub address: String,
    output: Arc<Mutex<String>>,
    /// The threads reading stdout and stderr into `output`, until the process ends.
    readers: Vec<JoinHandle<()>>,
}

/// A response as read off the socket.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Server {
    /// Starts `roadmap-site serve --port 0 <args>` in `dir` and waits for its URL.
    pub fn start(dir: &Path, args: &[&str]) -> Server {
        Server::start_with_env(dir, args, &[])
    }

    /// As [`Server::start`], with extra environment variables.
    pub fn start_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_roadmap-site"));
        command.args(["serve", "--port", "0"]).args(args);
        command.envs(env.iter().copied());
        Server::launch(dir, command)
    }

    /// Starts `roadmap-site serve --port 0` from `sh -c '<setup>; exec …'`, so that
    /// it inherits what the shell sets up (`ulimit -n 64`, `trap '' INT`).
    pub fn start_in_shell(dir: &Path, setup: &str) -> Server {
        let mut command = Command::new("sh");
        command.args([
            "-c",
            &format!("{setup}; exec \"$0\" serve --port 0"),
            env!("CARGO_BIN_EXE_roadmap-site"),
        ]);
        Server::launch(dir, command)
    }

    fn launch(dir: &Path, mut command: Command) -> Server {
        let mut child = command
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start roadmap-site serve");
        let output = Arc::new(Mutex::new(String::new()));
        let pipes = [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ];
        let readers = pipes
            .into_iter()
            .map(|pipe| {
                let output = Arc::clone(&output);
                std::thread::spawn(move || {
                    for line in BufReader::new(pipe).lines() {
                        let Ok(line) = line else { break };
                        let mut all = output.lock().unwrap();
                        all.push_str(&line);
                        all.push('\n');
                    }
                })
            })
            .collect();
        let started = Instant::now();
        let address = loop {
            let text = output.lock().unwrap().clone();
            if let Some(at) = text.find(" at http://") {
                let rest = &text[at + " at http://".len()..];
                break rest[..rest.find('/').unwrap()].to_string();
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("serve exited ({status}) before serving:\n{text}");
            }
            assert!(
                started.elapsed() < START_TIMEOUT,
                "serve printed no URL within {START_TIMEOUT:?}:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        Server {
            child,
            address,
            output,
            readers,
        }
    }

    /// Everything the server printed so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// True while the process runs.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Sends SIGINT, as Ctrl-C does, and waits (at most 10 s) for the process to end.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        self.signal("INT")
    }

    /// Stops the server as Ctrl-C does and returns all it printed, to its last line
    /// (read to the end of its output, not up to whatever had arrived).
    pub fn stop(mut self) -> String {
        self.interrupt();
        for reader in std::mem::take(&mut self.readers) {
            reader.join().unwrap();
        }
        self.output()
    }

    /// Sends a signal (`INT`, `TERM`) and waits (at most 10 s) for the process to end.
    pub fn signal(&mut self, name: &str) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{name} {pid} failed");
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "serve still runs 10 s after SIG{name}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends raw bytes, reads the whole response (the request asks to close).
    pub fn raw(&self, request: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(&self.address).expect("cannot connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream.write_all(request).unwrap();
        let mut bytes = Vec::new();
        if let Err(e) = stream.read_to_end(&mut bytes) {
            assert!(!bytes.is_empty(), "no response: {e}");
        }
        parse(&bytes)
    }

    /// `METHOD target` with `Connection: close`.
    pub fn request(&self, method: &str, target: &str) -> Reply {
        let request = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        );
        self.raw(request.as_bytes())
    }

    pub fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    /// The generation number from the status endpoint.
    pub fn generation(&self) -> u64 {
        let status = self.get("/__roadmap-site/status").text();
        let value: serde_json::Value = serde_json::from_str(&status).unwrap();
        value["generation"].as_u64().unwrap()
    }

    /// Waits for a generation newer than `old` (a rebuild that changed the site, or a
    /// failed one) and returns it.
    pub fn wait_for_generation_after(&self, old: u64) -> u64 {
        self.wait_for(&format!("a generation after {old}"), REBUILD, || {
            Some(self.generation()).filter(|&now| now > old)
        })
    }

    /// Polls `check` every 50 ms until it returns `Some`, failing after `limit`.
    pub fn wait_for<T>(
        &self,
        what: &str,
        limit: Duration,
        mut check: impl FnMut() -> Option<T>,
    ) -> T {
        let started = Instant::now();
        loop {
            if let Some(value) = check() {
                return value;
            }
            assert!(
                started.elapsed() < limit,
                "{what}: not within {limit:?}; server output:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Status line, headers, and the body (by Content-Length, or all that follows).
fn parse(bytes: &[u8]) -> Reply {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = bytes[end + 4..].to_vec();
    if let Some(length) = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        body.truncate(length);
    }
    Reply {
        status,
        headers,
        body,
    }
}

/// An open event stream: the response head is read, events are read line by line.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Opens `/__roadmap-site/events?since=N` and checks the response head.
    pub fn open(server: &Server, since: u64) -> Events {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        stream.set_read_timeout(Some(REBUILD)).unwrap();
        write!(
            stream,
            "GET /__roadmap-site/events?since={since} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            server.address
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line:?}");
        let mut head = String::new();
        while line.trim() != "" || head.is_empty() {
            line.clear();
            reader.read_line(&mut line).unwrap();
            head.push_str(&line);
        }
        assert!(head.contains("Content-Type: text/event-stream"), "{head}");
        Events { reader }
    }

    /// The next event's name and data (comments and `retry` skipped).
    pub fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).expect("no event in time");
            assert!(n > 0, "the stream ended");
            let line = line.trim_end();
            if line.is_empty() && !name.is_empty() {
                return (name, data);
            }
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = v.to_string();
            }
        }
    }
}
