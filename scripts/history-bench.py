#!/usr/bin/env python3
"""A site with a 1,000-commit roadmap history, for timing cached and uncached builds.

    python3 scripts/history-bench.py DIR [COMMITS] [TASKS]

Writes DIR/content/roadmap.md in a fresh git repository (via `git fast-import`):
commit k marks task k % TASKS done (or back to to-do after the first round), one
commit every 6 hours from 2023-01-01. Then time `roadmap-site build -v --root DIR`
twice: the first parses every version, the second reads them from the cache.
"""
import subprocess
import sys
from pathlib import Path

directory = Path(sys.argv[1])
commits = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
tasks = int(sys.argv[3]) if len(sys.argv) > 3 else 80
directory.mkdir(parents=True, exist_ok=True)
subprocess.run(["git", "init", "-q", "-b", "main", str(directory)], check=True)

def roadmap(done):
    lines = ["# Benchmark roadmap", ""]
    for phase in range(4):
        lines += [f"## Phase {phase + 1}", "", "| Stream | Task | Status |", "|---|---|---|"]
        per = tasks // 4
        for i in range(phase * per, (phase + 1) * per):
            group = f"Stream {i // 10}" if i % 10 == 0 else ""
            lines.append(f"| {group} | Task number {i} | {'✅' if done[i] else '❌'} |")
        lines.append("")
    return "\n".join(lines).encode()

stream = bytearray()
done = [False] * tasks
start = 1672531200  # 2023-01-01T00:00:00Z
for k in range(commits):
    done[k % tasks] = not done[k % tasks]
    data = roadmap(done)
    when = start + k * 6 * 3600
    message = f"commit {k}".encode()
    stream += b"commit refs/heads/main\n"
    stream += f"committer Bench <bench@example.com> {when} +0000\n".encode()
    stream += f"data {len(message)}\n".encode() + message + b"\n"
    stream += f"M 100644 inline content/roadmap.md\ndata {len(data)}\n".encode() + data + b"\n"
subprocess.run(["git", "fast-import", "--quiet"], input=bytes(stream), cwd=directory, check=True)
subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=directory, check=True)
print(f"{directory}: {commits} commits, {tasks} tasks")
