#!/usr/bin/env python3
"""Puts `roadmap-site serve` under the loads of issue 16 and prints the figures quoted
in RELIABILITY.md. Bounded in count and time (about 2 minutes); loopback only.

    python3 scripts/serve-stress.py [BINARY] [SITE]

BINARY defaults to target/release/roadmap-site, SITE to tests/fixtures/serve (copied
to a temporary folder, since notes are saved during the run).
"""

import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/roadmap-site")
SITE = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "tests/fixtures/serve")
NOTE = "content/notes/ownership.md"


class Server:
    def __init__(self, site, setup=""):
        command = f'{setup or ":"}; exec "$0" serve --port 0'
        self.process = subprocess.Popen(
            ["sh", "-c", command, BINARY], cwd=site, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"})
        self.output = []
        line = ""
        deadline = time.monotonic() + 60
        while " at http://" not in line:
            line = self.process.stderr.readline()
            self.output.append(line)
            if not line and self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("serve did not start:\n" + "".join(self.output))
        self.host, port = re.search(r"http://([\d.]+):(\d+)/", line).groups()
        self.port = int(port)
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stderr:
            self.output.append(line)

    def threads(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            return int(re.search(r"Threads:\s+(\d+)", status.read()).group(1))

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))

    def stop(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def connect(server, timeout=10):
    s = socket.create_connection((server.host, server.port), timeout=timeout)
    s.settimeout(timeout)
    return s


def get(s, server, target):
    """One keep-alive GET; returns the status or raises (timeout, closed)."""
    s.sendall(f"GET {target} HTTP/1.1\r\nHost: {server.host}:{server.port}\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
    while len(body) < length:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError("closed in body")
        body += chunk
    return int(head.split()[1])


def bursts(site):
    unanswered = 0
    for _ in range(20):
        server = Server(site)
        sockets = [connect(server, timeout=5) for _ in range(6)]
        results = [None] * 6
        targets = ["/", "/__roadmap-site/livereload.js", "/style.css",
                   "/tasks/ownership.html", "/__roadmap-site/status", "/progress.json"]

        def one(i):
            try:
                results[i] = get(sockets[i], server, targets[i])
            except Exception as e:  # noqa: BLE001 - any failure is a stall here
                results[i] = repr(e)
        threads = [threading.Thread(target=one, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        unanswered += sum(1 for r in results if r != 200)
        for s in sockets:
            s.close()
        server.stop()
    print(f"bursts: {unanswered} of 120 requests unanswered within 5 s (20 bursts of 6, fresh server each)")


def keep_alive_load(site, seconds=30, clients=200):
    server = Server(site)
    stop = time.monotonic() + seconds
    latencies, timeouts, errors = [], [0], [0]
    lock = threading.Lock()

    def client(i):
        target = ["/", "/tasks/ownership.html", "/style.css"][i % 3]
        s = connect(server)
        while time.monotonic() < stop:
            started = time.monotonic()
            try:
                get(s, server, target)
                with lock:
                    latencies.append(time.monotonic() - started)
            except socket.timeout:
                with lock:
                    timeouts[0] += 1
                s.close()
                s = connect(server)
            except Exception:  # noqa: BLE001 - a closed connection is reopened
                with lock:
                    errors[0] += 1
                s.close()
                s = connect(server)
        s.close()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    saves = 0
    while time.monotonic() < stop:
        with open(os.path.join(site, NOTE), "a") as note:
            note.write("\nSaved again.\n")
        saves += 1
        time.sleep(0.2)
    for t in threads:
        t.join()
    rebuilt = sum("Rebuilt" in line for line in server.output)
    latencies.sort()
    p = lambda q: latencies[int(q * (len(latencies) - 1))] * 1000  # noqa: E731
    print(f"keep-alive load: {clients} connections for {seconds} s, {saves} saves, {rebuilt} rebuilds: "
          f"{len(latencies)} answers, {timeouts[0]} timeouts (10 s), {errors[0]} closed; "
          f"latency median {statistics.median(latencies) * 1000:.1f} ms, p99 {p(0.99):.1f} ms, max {p(1):.1f} ms")
    server.stop()


def idle_connections(site, count=500, wait=20):
    server = Server(site)
    before = server.threads()
    sockets = [connect(server, timeout=wait + 10) for _ in range(count)]
    time.sleep(1)
    during = server.threads()
    time.sleep(wait)
    closed = 0
    for s in sockets:
        s.setblocking(False)
        try:
            closed += s.recv(1) == b""
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        s.close()
    print(f"idle: {count} idle connections: threads {before} before, {during} with them open; "
          f"{closed} closed by the server after {wait + 1} s")
    server.stop()


def descriptor_exhaustion(site):
    server = Server(site, "ulimit -n 1024")
    sockets = []
    for _ in range(1100):
        try:
            sockets.append(connect(server, timeout=2))
        except OSError:
            break
    time.sleep(1)
    alive = server.process.poll() is None
    for s in sockets:
        s.close()
    answered = None
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            s = connect(server, timeout=2)
            answered = get(s, server, "/")
            s.close()
            break
        except Exception:  # noqa: BLE001 - retried until the deadline
            time.sleep(0.2)
    print(f"descriptors: ulimit -n 1024, {len(sockets)} connections opened, process alive: {alive}; "
          f"after closing them a new request got: {answered}")
    server.stop()


def big_header(site, size=200 * 1024 * 1024):
    server = Server(site)
    before = server.rss_kib()
    s = connect(server)
    status = None
    try:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ")
        chunk = b"a" * (1 << 20)
        for _ in range(size >> 20):
            s.sendall(chunk)
    except OSError:
        pass
    try:
        status = s.recv(100).split()[1].decode()
    except Exception:  # noqa: BLE001 - no answer is reported as such
        pass
    after = server.rss_kib()
    print(f"big header: a 200 MB header line: answer {status}, RSS {before // 1024} -> {after // 1024} MiB")
    server.stop()


def main():
    # The script itself holds over 1,024 sockets at once.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        shutil.copytree(SITE, site)
        print(f"binary: {BINARY}")
        bursts(site)
        keep_alive_load(site)
        idle_connections(site)
        descriptor_exhaustion(site)
        big_header(site)


if __name__ == "__main__":
    main()
