#!/usr/bin/env bash
# bench/compare.sh N: builds the same synthetic roadmap of N tasks (see
# bench/synthetic/) with roadmap-site, Hugo, mdBook and Zola: one warm-up build each,
# then RUNS rounds (5) in which every tool builds once in turn (the order turning
# by one each round), from a clean output folder every time. Prints a Markdown
# table: median wall time and its range, median CPU time (user + system: on a shared
# machine less disturbed by other load than wall time), pages/s, peak RSS and the
# ratios to roadmap-site.
# The page counts are checked: every tool must build home + phases + tasks.
#
# Hugo is installed with apt-get (Debian `hugo`) and mdBook with `cargo install
# mdbook --locked` when missing; Zola is used when a `zola` binary is on the PATH
# (it is not on crates.io) and skipped with a message otherwise.
# A tool whose warm-up build takes longer than SLOW seconds (60) is measured by that
# one build; one that takes longer than TIMEOUT seconds (600) is stopped and shown
# as such (mdBook 0.5 at N=10,000).
# After the table, the file-writing floor (bench/write_floor.rs): the time 2 threads
# take to write the files of roadmap-site's output, the same paths and bytes, into an
# empty folder beside the builds, and how many times that floor each build takes.
# Environment: RUNS (default 5), SLOW, TIMEOUT, BENCH_DIR (default
# /dev/shm/roadmap-site-bench), BASELINE: another roadmap-site binary (e.g. a build of
# the commit before a change), measured in the same run as `baseline` and
# `baseline-cold` on its own copy of the input, for before/after figures; PEERS: the
# peers to run (default "hugo mdbook", plus zola when on the PATH); RS_ARGS: more
# arguments for every roadmap-site build, both binaries' (e.g. `--base-url
# https://example.org/`, which turns link previews on); RS_TOML: a roadmap.toml for
# this tree's binary only (options the baseline may not know); ROADMAP_SITE: the
# binary to measure instead of this tree's release build.
set -euo pipefail

n=${1:?usage: bench/compare.sh N}
runs=${RUNS:-5}
slow=${SLOW:-60}
limit=${TIMEOUT:-600}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/dev/shm/roadmap-site-bench}/$n
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}

note() { echo "compare.sh: $*" >&2; }

# Tools.
cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin roadmap-site --example bench_gen --example write_floor
# Private copies: another checkout building into the same target folder during the
# run would replace them.
bin="$(dirname "$work")/bin"
mkdir -p "$bin"
for b in roadmap-site examples/bench_gen examples/write_floor; do cp "$CARGO_TARGET_DIR/release/$b" "$bin/"; done
rs=${ROADMAP_SITE:-$bin/roadmap-site}
gen="$bin/bench_gen"
floor="$bin/write_floor"
peers=${PEERS:-hugo mdbook}
has_peer() { [[ " $peers " == *" $1 "* ]]; }
if has_peer hugo && ! command -v hugo >/dev/null; then
  note "installing hugo (apt-get install hugo)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
fi
if has_peer mdbook && ! command -v mdbook >/dev/null; then
  note "installing mdbook (cargo install mdbook --locked; takes a few minutes)"
  cargo install mdbook --locked --quiet
fi
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
# roadmap-site twice: as rebuilt (its code cache from the warm-up in place) and cold
# (the cache folder removed before every build, as on a fresh CI checkout).
tools=(roadmap-site roadmap-site-cold)
for peer in hugo mdbook; do has_peer "$peer" && tools+=("$peer"); done
if [ -n "${BASELINE:-}" ]; then
  tools=(roadmap-site roadmap-site-cold baseline baseline-cold "${tools[@]:2}")
fi
if [ -z "${PEERS:-}" ] || has_peer zola; then :; else zola_off=1; fi
if [ -z "${zola_off:-}" ] && command -v zola >/dev/null; then
  tools+=(zola)
else
  note "zola: no zola binary on the PATH (it is not on crates.io); skipped"
fi

# Input.
rm -rf "$work"
mkdir -p "$work"
pages=$("$gen" "$n" "$work")
[ -z "${BASELINE:-}" ] || cp -r "$work/roadmap-site" "$work/baseline"
[ -z "${RS_TOML:-}" ] || printf '%s\n' "$RS_TOML" >"$work/roadmap-site/roadmap.toml"
# The binary measured is a copy: the target folder may be shared with other builds.
cp "$rs" "$work/roadmap-site.bin"
rs="$work/roadmap-site.bin"
read -r -a rs_args <<<"${RS_ARGS:-}"
note "N=$n: $pages pages per tool, in $work"

version() {
  case $1 in
    roadmap-site | roadmap-site-cold) "$rs" --version | awk '{print $2}' ;;
    baseline | baseline-cold) "$BASELINE" --version | awk '{print $2}' ;;
    hugo) hugo version | awk '{print $2}' | sed 's/+.*//' ;;
    mdbook) mdbook --version | awk '{print $2}' ;;
    zola) zola --version | awk '{print $2}' ;;
  esac
}
out_dir() { case $1 in mdbook) echo "$work/mdbook/book" ;; *) echo "$(site_dir "$1")/public" ;; esac; }
# The folder each tool builds in and its build command.
site_dir() {
  case $1 in
    roadmap-site-cold) echo "$work/roadmap-site" ;;
    baseline-cold) echo "$work/baseline" ;;
    *) echo "$work/$1" ;;
  esac
}
command_of() {
  case $1 in
    roadmap-site | roadmap-site-cold) cmd=("$rs" build "${rs_args[@]}") ;;
    baseline | baseline-cold) cmd=("$BASELINE" build "${rs_args[@]}") ;;
    hugo) cmd=(hugo --quiet) ;;
    mdbook) cmd=(mdbook build) ;;
    zola) cmd=(zola build --force) ;;
  esac
}
# HTML pages, without the pages a tool adds on its own (404, mdBook's print/toc,
# roadmap-site's map and share pages).
count() {
  local out
  out=$(out_dir "$1")
  find "$out" -name '*.html' ! -name 404.html ! -name print.html ! -name toc.html \
    ! -path "$out/map.html" ! -path "$out/share.html" | wc -l
}
now_ns() { date +%s%N; }

# Builds once from a clean output folder; sets `us` (wall time), `cpu_ms` (user + system)
# and `kb` (peak RSS),
# or returns 1 when the build failed or ran out of time.
measure() {
  rm -rf "$(out_dir "$1")"
  case $1 in *-cold) rm -rf "$(site_dir "$1")/.roadmap-site-cache" ;; esac
  sync
  local start end
  start=$(now_ns)
  # time(1) reports the largest RSS among the processes it waited for: the tool.
  /usr/bin/time -f '%M %U %S' -o "$work/rss" timeout "$limit" "${cmd[@]}" >/dev/null 2>&1 || return 1
  end=$(now_ns)
  us=$(((end - start) / 1000))
  local user sys
  read -r kb user sys <<<"$(tail -n 1 "$work/rss")"
  cpu_ms=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
}

declare -A median rss single cpu low high all_us all_kb all_cpu
status=0
note "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-ups, one per tool: they also find the tools that time out or take one build.
measured=()
for tool in "${tools[@]}"; do
  command_of "$tool"
  cd "$(site_dir "$tool")"
  if ! measure "$tool"; then
    note "$tool: the warm-up build failed or took over $limit s"
    median[$tool]=timeout
    cd "$repo"
    continue
  fi
  got=$(count "$tool")
  if [ "$got" != "$pages" ]; then
    note "$tool: $got pages, expected $pages: MISMATCH"
    status=1
  fi
  if [ "$us" -gt $((slow * 1000000)) ]; then
    note "$tool: the warm-up took over $slow s; it is the one measurement"
    all_us[$tool]=$us all_kb[$tool]=$kb all_cpu[$tool]=$cpu_ms
    single[$tool]=1
  else
    measured+=("$tool")
  fi
  cd "$repo"
done
# Then RUNS rounds, each building once with every tool in turn: a drift of the
# machine's speed over the run (other load, clock) falls on all tools alike, rather
# than on whichever ran while it lasted, so the ratios hold better than the times.
# The order turns by one each round, so that no tool always follows the same one
# (a cold build always right after its warm one, a peer's heavy build always last).
for round in $(seq "$runs"); do
  turn=${#measured[@]}
  for ((k = 0; k < turn; k++)); do
    tool=${measured[$(((round - 1 + k) % turn))]}
    command_of "$tool"
    cd "$(site_dir "$tool")"
    if measure "$tool"; then
      all_us[$tool]+=" $us" all_kb[$tool]+=" $kb" all_cpu[$tool]+=" $cpu_ms"
    else
      note "$tool: a build of round $round failed"
      status=1
    fi
    cd "$repo"
  done
done
nth() { tr ' ' '\n' | grep . | sort -n | sed -n "$1p"; }
for tool in "${tools[@]}"; do
  [ "${median[$tool]:-}" = timeout ] && continue
  read -r -a got <<<"${all_us[$tool]:-}"
  if [ "${#got[@]}" -eq 0 ]; then
    median[$tool]=timeout
    continue
  fi
  mid=$(((${#got[@]} + 1) / 2))
  median[$tool]=$(nth "$mid" <<<"${all_us[$tool]}")
  low[$tool]=$(nth 1 <<<"${all_us[$tool]}")
  high[$tool]=$(nth "${#got[@]}" <<<"${all_us[$tool]}")
  rss[$tool]=$(nth "$mid" <<<"${all_kb[$tool]}")
  cpu[$tool]=$(nth "$mid" <<<"${all_cpu[$tool]}")
done

base=${median[roadmap-site]}
base_cpu=${cpu[roadmap-site]:-1}
echo
echo "N = $n tasks, $pages pages; median of $runs clean builds after a warm-up, the tools in turn in each round, in ${BENCH_DIR:-/dev/shm/roadmap-site-bench}"
echo
echo "| tool | version | median wall (range) | median CPU | pages/s | peak RSS | × roadmap-site (wall) | × roadmap-site (CPU) |"
echo "|------|---------|------------:|-----------:|--------:|---------:|------:|------:|"
for tool in "${tools[@]}"; do
  us=${median[$tool]}
  if [ "$us" = timeout ]; then
    echo "| $tool | $(version "$tool") | > $limit s (stopped) | | | | | |"
    continue
  fi
  runs_note=""
  [ -n "${single[$tool]:-}" ] && runs_note=" (1 run)"
  awk -v t="$tool" -v v="$(version "$tool")" -v us="$us" -v p="$pages" -v kb="${rss[$tool]}" -v b="$base" -v r="$runs_note" \
    -v c="${cpu[$tool]}" -v bc="$base_cpu" -v lo="${low[$tool]:-$us}" -v hi="${high[$tool]:-$us}" \
    'BEGIN { printf "| %s | %s | %.3f s (%.3f–%.3f)%s | %.3f s | %.0f | %.0f MiB | %.1f | %.1f |\n", t, v, us / 1e6, lo / 1e6, hi / 1e6, r, c / 1e3, p / (us / 1e6), kb / 1024, us / b, c / bc }'
done

# The floor: roadmap-site's output (the last build's, left in place) written again by
# 2 threads into an empty folder in the same file system.
if [ "$base" != timeout ]; then
  rm -rf "$work/floor"
  line=$("$floor" "$(out_dir roadmap-site)" "$work/floor" 2 "$runs")
  rm -rf "$work/floor"
  floor_s=$(sed -E 's/.*median ([0-9.]+) s.*/\1/' <<<"$line")
  echo
  echo "File-writing floor (bench/write_floor.rs, 2 threads): $line"
  echo
  echo "| build | × the floor |"
  echo "|---|---:|"
  for tool in roadmap-site roadmap-site-cold baseline baseline-cold; do
    us=${median[$tool]:-}
    [ -n "$us" ] && [ "$us" != timeout ] || continue
    awk -v t="$tool" -v us="$us" -v f="$floor_s" 'BEGIN { printf "| %s | %.1f |\n", t, us / 1e6 / f }'
  done
fi
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
