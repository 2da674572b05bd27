#!/usr/bin/env python3
"""Counts the user's files lost when they write into the output folder during builds.

    python3 scripts/output-race.py BINARY [BUILDS] [TASKS] [USER_FILES]

In a temporary site of TASKS tasks, runs `BINARY build` BUILDS times in a row (each
with a changed roadmap, so every build replaces pages) while this process writes
into public/ without pause: each step renames a newer version over one of 64 files
(written beside the site first, as `git` or an editor saving does), rewrites one of
16 files in place, and now and then creates a new file (USER_FILES in all, spread
over the builds). After each build (nothing writes then) and at the end, every file
must be there with the last bytes written to it. Prints the files lost (missing or
an older version) and the files the builds put aside in `public.roadmap-site-kept-*`
folders. Bounded: each build is given at most 120 s. The same scenario, as a test of the current code:
`cargo test --test output_safety a_user_writing_during_builds_loses_nothing`.
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

binary = os.path.abspath(sys.argv[1])
builds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
tasks = int(sys.argv[3]) if len(sys.argv) > 3 else 400
user_files = int(sys.argv[4]) if len(sys.argv) > 4 else 3000


def roadmap(marker):
    lines = [f"# Roadmap {marker}"]
    for task in range(tasks):
        if task % 20 == 0:
            lines += ["", f"## Phase {task // 20 + 1}", "", "| Task | Status |", "|---|---|"]
        lines.append(f"| Task {marker} {task} | {'✅' if task % 3 == 0 else '❌'} |")
    return "\n".join(lines) + "\n"


def build(site, marker):
    (site / "content/roadmap.md").write_text(roadmap(marker))
    # To a file, not a pipe: a pipe read only at the end could fill up and stall it.
    err = tempfile.TemporaryFile()
    return subprocess.Popen([binary, "build"], cwd=site, stdout=subprocess.DEVNULL,
                            stderr=err), err


with tempfile.TemporaryDirectory(prefix="output-race-") as tmp:
    site = Path(tmp)
    (site / "content").mkdir()
    (site / "scratch").mkdir()
    first, err = build(site, "v0")
    assert first.wait() == 0
    public = site / "public"
    for folder in ("renamed", "edited", "created"):
        (public / folder).mkdir()
    last = {}  # path below public/ -> the bytes last written there
    step = created = 0
    per_build = user_files // builds
    spacing = 1  # steps between two new files: a build's steps / files per build
    warnings, times = [], []
    bad, reverted = {}, 0  # path -> the version found lost after a build
    started = time.monotonic()
    for number in range(1, builds + 1):
        process, err = build(site, f"v{number}")
        build_started = time.monotonic()
        deadline = build_started + 120
        steps_before, quota = step, min(user_files, number * per_build)
        while process.poll() is None and time.monotonic() < deadline:
            step += 1
            data = f"step {step}\n".encode()
            name = f"renamed/{step % 64}.txt"
            scratch = site / "scratch/next"
            scratch.write_bytes(data)
            os.replace(scratch, public / name)
            last[name] = data
            name = f"edited/{step % 16}.txt"
            with open(public / name, "wb") as f:
                f.write(data)
            last[name] = data
            if created < quota and step % spacing == 0:
                name = f"created/{created}.txt"
                (public / name).write_bytes(data)
                last[name] = data
                created += 1
        if process.poll() is None:
            process.kill()
            sys.exit(f"build {number} took more than 120 s")
        times.append(time.monotonic() - build_started)
        err.seek(0)
        err = err.read().decode()
        assert process.returncode == 0, err
        warnings += [line for line in err.splitlines() if "warning" in line.lower()]
        # Between builds nothing writes: every file must hold its last version now.
        for name, data in last.items():
            path = public / name
            now = path.read_bytes() if path.exists() else None
            if now != data and bad.get(name) != data:
                bad[name] = data
                reverted += now is not None
        spacing = max(1, (step - steps_before) // max(1, per_build))
    elapsed = time.monotonic() - started
    missing = [n for n in last if not (public / n).exists()]
    stale = [n for n in last if (public / n).exists() and (public / n).read_bytes() != last[n]]
    kept = [p for d in site.iterdir() if ".roadmap-site-kept-" in d.name
            for p in d.rglob("*") if p.is_file()]
    times.sort()
    print(f"{binary}: {builds} builds in {elapsed:.1f} s (median {times[len(times) // 2]:.2f} s), "
          f"{step} steps, {len(last)} user files ({created} created)")
    print(f"lost at the end: {len(missing) + len(stale)} ({len(missing)} missing, "
          f"{len(stale)} back to an older version); put aside: {len(kept)} files; "
          f"warnings: {len(warnings)}")
    print(f"versions lost as seen after each build: {len(bad)} files, of which "
          f"{reverted} went back to an older version")
    for line in warnings[:3]:
        print(f"  {line[:300]}")
