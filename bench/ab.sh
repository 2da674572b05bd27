#!/usr/bin/env bash
# bench/ab.sh OLD NEW SITE [RUNS]: times two roadmap-site binaries on copies of one
# site folder, alternating OLD, NEW, OLD, NEW… so that the machine's drift and other
# load fall on both alike (bench/compare.sh measures one tool after the other). Each
# round is a warm build (code cache from the previous build kept) and a cold one
# (cache folder removed). Prints medians and ranges of wall time, of CPU time (user +
# system: less disturbed by other load on a shared machine than wall time) and peak RSS.
# For before/after figures of a change: OLD built from the commit before it.
set -euo pipefail
old=${1:?usage: bench/ab.sh OLD NEW SITE [RUNS]}
new=${2:?}
site=${3:?}
runs=${4:-9}
work=$(mktemp -d /dev/shm/roadmap-site-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "ab.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
for side in old new; do
  cp -r "$site" "$work/$side"
  rm -rf "$work/$side/public" "$work/$side/.roadmap-site-cache"
  "${!side}" build "$work/$side" -q # warm-up: writes the code cache
done
declare -A times cpus mems
for _ in $(seq "$runs"); do
  for mode in warm cold; do
    for side in old new; do
      [ "$mode" = warm ] || rm -rf "$work/$side/.roadmap-site-cache"
      start=$(date +%s%N)
      /usr/bin/time -f '%M %U %S' -o "$work/rss" "${!side}" build "$work/$side" -q
      end=$(date +%s%N)
      times[$side-$mode]+="$(((end - start) / 1000000)) "
      read -r kb user sys <<<"$(tail -n 1 "$work/rss")"
      mems[$side-$mode]+="$kb "
      cpus[$side-$mode]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }') "
    done
  done
done
stats() { # median min max of the numbers given
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d %d %d", a[int((NR+1)/2)], a[1], a[NR]}'
}
echo "$runs rounds, alternating; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| build | old: median (range) | new: median (range) | new/old | peak RSS old → new |"
echo "|---|---:|---:|---:|---:|"
row() { # label, then the two sides' numbers
  local label=$1 o=$2 n=$3
  read -r om omin omax <<<"$(stats $o)"
  read -r nm nmin nmax <<<"$(stats $n)"
  awk -v m="$label" -v om="$om" -v omin="$omin" -v omax="$omax" -v nm="$nm" -v nmin="$nmin" -v nmax="$nmax" \
    'BEGIN { printf "| %s | %d ms (%d–%d) | %d ms (%d–%d) | %.2f | |\n", m, om, omin, omax, nm, nmin, nmax, nm / om }'
}
for mode in warm cold; do
  read -r om omin omax <<<"$(stats ${times[old-$mode]})"
  read -r nm nmin nmax <<<"$(stats ${times[new-$mode]})"
  read -r orss _ _ <<<"$(stats ${mems[old-$mode]})"
  read -r nrss _ _ <<<"$(stats ${mems[new-$mode]})"
  awk -v m="$mode" -v om="$om" -v omin="$omin" -v omax="$omax" -v nm="$nm" -v nmin="$nmin" -v nmax="$nmax" -v orss="$orss" -v nrss="$nrss" \
    'BEGIN { printf "| %s | %d ms (%d–%d) | %d ms (%d–%d) | %.2f | %.0f → %.0f MiB |\n", m, om, omin, omax, nm, nmin, nmax, nm / om, orss / 1024, nrss / 1024 }'
  row "$mode, CPU (user + sys)" "${cpus[old-$mode]}" "${cpus[new-$mode]}"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
