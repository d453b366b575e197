#!/usr/bin/env bash
# Benchmarks `bulwark audit-log` on a generated 1 GB audit log (release build): wall time and
# peak RSS (/usr/bin/time -v), median of 3 runs. The log is written under /tmp, never the repo.
# Run only on an otherwise quiet machine (load average < 1.5).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-1000000000}
LOG=${LOG:-/tmp/bulwark-bench-audit.log}
RUNS=${RUNS:-3}
load=$(cut -d' ' -f1 /proc/loadavg)
if awk "BEGIN{exit !($load >= 1.5)}"; then
  echo "load average $load >= 1.5: the machine is busy; not benchmarking (set FORCE=1 to run anyway)" >&2
  [ "${FORCE:-0}" = 1 ] || exit 3
fi
swift build -c release --product bulwark >/dev/null
BIN=$(swift build -c release --show-bin-path)/bulwark
if [ ! -f "$LOG" ] || [ "$(stat -c %s "$LOG")" -lt "$SIZE" ]; then
  python3 scripts/gen-audit-log.py "$SIZE" "$LOG"
fi
echo "log: $LOG ($(stat -c %s "$LOG") bytes)"
walls=(); rss=()
for i in $(seq "$RUNS"); do
  out=$( { /usr/bin/time -v "$BIN" audit-log "$LOG" -o json --fail-on critical >/tmp/bulwark-bench-audit.json || true; } 2>&1 )
  w=$(echo "$out" | awk -F': ' '/Elapsed \(wall clock\)/{print $2}')
  r=$(echo "$out" | awk -F': ' '/Maximum resident set size/{print $2}')
  secs=$(echo "$w" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  echo "run $i: wall ${secs}s, peak RSS $((r / 1024)) MiB"
  walls+=("$secs"); rss+=("$r")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
echo "median wall: $(median "${walls[@]}")s  median peak RSS: $(( $(median "${rss[@]}") / 1024 )) MiB"
python3 -c "import json;d=json.load(open('/tmp/bulwark-bench-audit.json'));print('events', d['summary']['events'], 'detections', d['summary']['detections'], 'errors', len(d['errors']))"
