#!/usr/bin/env bash
# Benchmark `bulwark netpol` on a generated cluster: 10,000 pods in 500 namespaces with 2,000
# NetworkPolicies (scripts/gen-netpol.py).
#
# Targets (issue 6): full `reach`, JSON written to /dev/null, under 10 s and 1 GiB peak RSS;
# `can` under 50 ms. Medians of --runs runs. Needs bash, python3, GNU time (/usr/bin/time).
#
# usage: scripts/bench-netpol.sh [--runs N] BULWARK_BINARY
# environment: BENCH_OUT (default <repo>/bench-out), where the generated input is kept.
set -euo pipefail

runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[[ $# -eq 1 ]] || { echo "usage: scripts/bench-netpol.sh [--runs N] BULWARK_BINARY" >&2; exit 2; }
bulwark="$1"
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${BENCH_OUT:-$repo/bench-out}/netpol"
measure="$repo/scripts/bench-measure.py"

if [[ ! -f "$out/ns-499.yaml" ]]; then
  python3 "$repo/scripts/gen-netpol.py" "$out"
fi
echo "input: $out ($(ls "$out" | wc -l) files, $(du -sh "$out" | cut -f1)), $(nproc) CPUs"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

run() { # label, command...
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
  printf '%-34s wall %6.3f s   peak RSS %7.1f MiB\n' "$label" "$w" "$(awk -v k="$r" 'BEGIN {print k/1024}')"
  echo "$w $r"
}

reach="$(run "reach (json > /dev/null)" "$bulwark" netpol reach "$out" --format json --quiet)"
echo "${reach%$'\n'*}"
can_yes="$(run "can (yes, cross-namespace)" "$bulwark" netpol can ns-001/Pod/app1-0 ns-011/Pod/app0-2 8080/TCP "$out")"
echo "${can_yes%$'\n'*}"
can_no="$(run "can (no, metadata address)" "$bulwark" netpol can ns-001/Pod/app1-0 169.254.169.254 443/TCP "$out")"
echo "${can_no%$'\n'*}"
echo "breakdown of one run (BULWARK_TIMING):"
BULWARK_TIMING=1 "$bulwark" netpol reach "$out" --format json --quiet 2>&1 >/dev/null | sed 's/^/  reach /'
BULWARK_TIMING=1 "$bulwark" netpol can ns-001/Pod/app1-0 ns-011/Pod/app0-2 8080/TCP "$out" 2>&1 >/dev/null | sed 's/^/  can   /'

read -r rw rr <<<"${reach##*$'\n'}"
read -r cw _ <<<"${can_yes##*$'\n'}"
status=0
awk -v w="$rw" 'BEGIN {exit !(w < 10)}' && echo "reach wall < 10 s: yes" || { echo "reach wall < 10 s: NO"; status=1; }
awk -v r="$rr" 'BEGIN {exit !(r < 1048576)}' && echo "reach peak RSS < 1 GiB: yes" || { echo "reach peak RSS < 1 GiB: NO"; status=1; }
awk -v w="$cw" 'BEGIN {exit !(w < 0.05)}' && echo "can wall < 50 ms: yes" || { echo "can wall < 50 ms: NO (end to end, reading the YAML dominates; see the breakdown)"; status=1; }
exit $status
