#!/usr/bin/env bash
# Benchmark `bulwark netpol` on a generated cluster: 10,000 pods in 500 namespaces with 2,000
# NetworkPolicies (scripts/gen-netpol.py), as YAML files and as a snapshot of the same objects.
#
# Targets (issue 6): full `reach`, JSON written to /dev/null, under 10 s and 1 GiB peak RSS;
# `can` under 50 ms. Prints the median wall time and peak RSS of --runs runs (default 5) of each
# command; `can` is timed in-process around fork/exec/wait4 (millisecond resolution; GNU time only
# has 10 ms). Before timing, every `can` question is answered once more with --read-all (parse
# everything) and the two answers must be identical. Needs bash, python3, GNU time (/usr/bin/time).
#
# usage: scripts/bench-netpol.sh [--runs N] BULWARK_BINARY
# environment: BENCH_OUT (default <repo>/bench-out), where the generated input is kept.
set -euo pipefail

runs=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[[ $# -eq 1 ]] || { echo "usage: scripts/bench-netpol.sh [--runs N] BULWARK_BINARY" >&2; exit 2; }
bulwark="$1"
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${BENCH_OUT:-$repo/bench-out}/netpol"
snapshot="${BENCH_OUT:-$repo/bench-out}/netpol-snapshot.json"
measure="$repo/scripts/bench-measure.py"

if [[ ! -f "$out/ns-499.yaml" ]]; then
  python3 "$repo/scripts/gen-netpol.py" "$out"
fi
if [[ ! -f "$snapshot" || "$out/ns-499.yaml" -nt "$snapshot" ]]; then
  "$bulwark" snapshot --from-dump "$out" --output-file "$snapshot" >/dev/null
fi
echo "input: $out ($(ls "$out" | wc -l) files, $(du -sh "$out" | cut -f1)); snapshot $snapshot ($(du -sh "$snapshot" | cut -f1)); $(nproc) CPUs; $runs runs each"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

run() { # label, command...  (GNU time; for the long-running reach)
  local label="$1"; shift
  local walls=() rss=() line
  for _ in $(seq "$runs"); do
    line="$(python3 "$measure" -- "$@")"
    walls+=("$(sed -E 's/.*wall=([0-9.]+).*/\1/' <<<"$line")")
    rss+=("$(sed -E 's/.*maxrss_kb=([0-9]+).*/\1/' <<<"$line")")
  done
  local w r
  w="$(printf '%s\n' "${walls[@]}" | median)"
  r="$(printf '%s\n' "${rss[@]}" | median)"
  printf '%-44s wall %8.3f s    peak RSS %7.1f MiB\n' "$label" "$w" "$(awk -v k="$r" 'BEGIN {print k/1024}')"
  echo "$w $r"
}

quick() { # label, command...  (perf_counter around fork/exec/wait4; for `can`)
  local label="$1"; shift
  python3 - "$runs" "$label" "$@" <<'EOF'
import os, statistics, sys, time
runs, label, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
walls, rss = [], []
for _ in range(runs):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1); os.dup2(fd, 2)
        os.execv(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    walls.append(time.perf_counter() - start)
    rss.append(usage.ru_maxrss)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{label}: exit {code}")
w, r = statistics.median(walls), statistics.median(rss)
print(f"{label:<44} wall {w * 1000:8.1f} ms   peak RSS {r / 1024:7.1f} MiB   (min {min(walls) * 1000:.1f}, max {max(walls) * 1000:.1f} ms)")
print(f"{w} {r}")
EOF
}

questions=(
  "ns-001/Pod/app1-0 ns-011/Pod/app0-2 8080/TCP"       # yes: same team, AND peer
  "ns-001/Pod/app1-0 169.254.169.254 443/TCP"          # no: metadata address excepted
  "ns-000/Pod/app3-1 ns-250/Pod/app2-0 metrics/TCP"    # yes: monitoring scrapes every namespace
  "ns-250/Pod/app2-0 ns-251/Pod/app0-0 8080/TCP"       # no: different teams
)

echo "exactness: each can question answered from the scoped read and with --read-all, YAML and snapshot"
for q in "${questions[@]}"; do
  read -r src dst port <<<"$q"
  for input in "$out" "--snapshot=$snapshot"; do
    fast="$("$bulwark" netpol can "$src" "$dst" "$port" "$input" -o json; echo "exit $?")" || true
    full="$("$bulwark" netpol can "$src" "$dst" "$port" "$input" -o json --read-all; echo "exit $?")" || true
    if [[ "$fast" != "$full" ]]; then echo "DIFFERENT ANSWERS for can $q $input" >&2; diff <(echo "$full") <(echo "$fast") >&2; exit 1; fi
  done
  echo "  same: can $q -> $(tail -1 <<<"$fast")"
done

reach="$(run "reach (json > /dev/null), YAML" "$bulwark" netpol reach "$out" --format json --quiet)"
echo "${reach%$'\n'*}"
reach_snap="$(run "reach (json > /dev/null), snapshot" "$bulwark" netpol reach --snapshot "$snapshot" --format json --quiet)"
echo "${reach_snap%$'\n'*}"
can_walls=()
for q in "${questions[@]}"; do
  read -r src dst port <<<"$q"
  r="$(quick "can $src $dst, YAML" "$bulwark" netpol can "$src" "$dst" "$port" "$out")"
  echo "${r%$'\n'*}"; can_walls+=("${r##*$'\n'}")
  r="$(quick "can $src $dst, snapshot" "$bulwark" netpol can "$src" "$dst" "$port" --snapshot "$snapshot")"
  echo "${r%$'\n'*}"
done
r="$(quick "can (first question), YAML, --read-all" "$bulwark" netpol can ns-001/Pod/app1-0 ns-011/Pod/app0-2 8080/TCP "$out" --read-all)"
echo "${r%$'\n'*}"
r="$(quick "bulwark --version (process start)" "$bulwark" --version)"
echo "${r%$'\n'*}"

echo "breakdown of one run (BULWARK_TIMING):"
BULWARK_TIMING=1 "$bulwark" netpol reach "$out" --format json --quiet 2>&1 >/dev/null | sed 's/^/  reach /'
BULWARK_TIMING=1 "$bulwark" netpol can ns-001/Pod/app1-0 ns-011/Pod/app0-2 8080/TCP "$out" 2>&1 >/dev/null | sed 's/^/  can   /'
BULWARK_TIMING=1 "$bulwark" netpol can ns-001/Pod/app1-0 ns-011/Pod/app0-2 8080/TCP --snapshot "$snapshot" 2>&1 >/dev/null | sed 's/^/  can (snapshot) /'

read -r rw rr <<<"${reach##*$'\n'}"
status=0
awk -v w="$rw" 'BEGIN {exit !(w < 10)}' && echo "reach wall < 10 s: yes" || { echo "reach wall < 10 s: NO"; status=1; }
awk -v r="$rr" 'BEGIN {exit !(r < 1048576)}' && echo "reach peak RSS < 1 GiB: yes" || { echo "reach peak RSS < 1 GiB: NO"; status=1; }
for c in "${can_walls[@]}"; do
  read -r cw _ <<<"$c"
  awk -v w="$cw" 'BEGIN {exit !(w < 0.05)}' || { status=1; }
done
[[ $status -eq 0 ]] && echo "can wall < 50 ms (YAML, every question): yes" || echo "can wall < 50 ms (YAML, every question): NO (see the medians and the breakdown)"
exit $status
