#!/usr/bin/env bash
# Benchmark Bulwark against Checkov on the public manifest corpus.
#
# Targets (see README): Bulwark's median wall time at least 50x below
# Checkov's, and Bulwark's peak RSS at most 1/4 of Checkov's, on the same
# corpus, medians of several runs. With --large, Bulwark alone is also timed
# on a generated corpus 10x larger (scripts/gen-corpus.py).
#
# Needs: bash, python3, GNU time (/usr/bin/time; apt-get install -y time),
# checkov (pip install checkov) unless --no-checkov.
set -euo pipefail

usage() {
  cat <<USAGE
usage: scripts/bench.sh [--runs N] [--checkov-runs N] [--no-checkov] [--large] BULWARK_BINARY

  BULWARK_BINARY    the bulwark executable to time (e.g. .build/release/bulwark)
  --runs N          timed runs of each tool (default 3); the median counts
  --checkov-runs N  timed Checkov runs if different from --runs (one takes minutes)
  --no-checkov      do not run Checkov; compare with the Checkov results saved
                    by an earlier run in \$BENCH_OUT/checkov-runs.tsv, if any
  --large           also time Bulwark alone on a generated 10x corpus
  -h, --help        this message

environment:
  CORPUS     corpus to scan (default: <repo>/../shared/corpus)
  BENCH_OUT  work folder for results and the 10x corpus (default: <repo>/bench-out)
  CHECKOV    checkov command (default: checkov)
  SPEED_TARGET  required Checkov/Bulwark wall-time ratio (default 50)
  MEM_TARGET    required Checkov/Bulwark peak-RSS ratio (default 4)

Bulwark is run as:  BULWARK scan CORPUS --format json >/dev/null
Checkov is run as:  checkov -d CORPUS --framework kubernetes --skip-download
                    --quiet --compact -o json >/dev/null   (offline: no API key,
                    no update check, no SCA)
Exit status: 0 targets met, 1 a target missed, 2 usage or tool error.
USAGE
}

die() { echo "bench: $*" >&2; exit 2; }

RUNS=3; CK_RUNS=""; DO_CHECKOV=1; LARGE=0; BULWARK=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS=$2; shift 2 ;;
    --runs=*) RUNS=${1#*=}; shift ;;
    --checkov-runs) [ $# -ge 2 ] || die "--checkov-runs needs a number"; CK_RUNS=$2; shift 2 ;;
    --checkov-runs=*) CK_RUNS=${1#*=}; shift ;;
    --no-checkov) DO_CHECKOV=0; shift ;;
    --large) LARGE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    -*) usage >&2; die "unknown option $1" ;;
    *) [ -z "$BULWARK" ] || { usage >&2; die "only one BULWARK_BINARY"; }; BULWARK=$1; shift ;;
  esac
done
[ $# -eq 0 ] || { [ -z "$BULWARK" ] && [ $# -eq 1 ] && BULWARK=$1; } || die "too many arguments"
[ -n "$BULWARK" ] || { usage >&2; exit 2; }
[ -n "$CK_RUNS" ] || CK_RUNS=$RUNS
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ "$CK_RUNS" =~ ^[1-9][0-9]*$ ]] || die "--checkov-runs must be a positive integer"

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
CORPUS=${CORPUS:-$REPO/../shared/corpus}
[ -d "$CORPUS" ] || die "corpus not found: $CORPUS (set CORPUS)"
CORPUS=$(cd "$CORPUS" && pwd)
BENCH_OUT=${BENCH_OUT:-$REPO/bench-out}
mkdir -p "$BENCH_OUT"; BENCH_OUT=$(cd "$BENCH_OUT" && pwd)
CHECKOV=${CHECKOV:-checkov}
SPEED_TARGET=${SPEED_TARGET:-50}
MEM_TARGET=${MEM_TARGET:-4}
MEASURE="$HERE/bench-measure.py"

case "$BULWARK" in */*) ;; *) BULWARK=$(command -v "$BULWARK" || true) ;; esac
[ -n "$BULWARK" ] && [ -x "$BULWARK" ] || die "BULWARK_BINARY is not an executable file"
BULWARK=$(cd "$(dirname "$BULWARK")" && pwd)/$(basename "$BULWARK")
[ -x /usr/bin/time ] || die "GNU time missing: apt-get install -y time"
/usr/bin/time -v true 2>/dev/null || die "/usr/bin/time is not GNU time (needs -v): apt-get install -y time"
command -v python3 >/dev/null || die "python3 missing"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/bulwark-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
RESULTS=$TMP/results.tsv   # tool  label  run  rc  wall  maxrss_kb  tree_pss_kb
: > "$RESULTS"

corpus_desc() {
  python3 - "$1" <<'PY'
import os, sys
n = b = 0
for r, d, fs in os.walk(sys.argv[1]):
    for f in fs:
        if f.endswith(('.yaml', '.yml', '.json')):
            n += 1; b += os.path.getsize(os.path.join(r, f))
print(f"{n} manifest files, {b / 1048576:.1f} MiB")
PY
}

# measure TOOL LABEL RUN OKCODES CMD...  -> appends a line to $RESULTS
measure() {
  local tool=$1 label=$2 run=$3 okcodes=$4; shift 4
  local line rc
  line=$(python3 "$MEASURE" --stderr "$TMP/$tool-$label-$run.err" -- "$@") || die "measuring $tool failed"
  rc=$(sed -n 's/.*rc=\([0-9]*\).*/\1/p' <<<"$line")
  local wall rss pss
  wall=$(sed -n 's/.*wall=\([0-9.]*\).*/\1/p' <<<"$line")
  rss=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' <<<"$line")
  pss=$(sed -n 's/.*tree_pss_kb=\([0-9]*\).*/\1/p' <<<"$line")
  printf '  %-8s %-6s run %d: %8.2f s  maxrss %7.1f MiB  tree PSS %7.1f MiB  exit %s\n' \
    "$tool" "$label" "$run" "$wall" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" \
    "$(awk -v k="$pss" 'BEGIN{print k/1024}')" "$rc" >&2
  if ! grep -qw -- "$rc" <<<"$okcodes"; then
    echo "bench: $tool exited with status $rc (expected one of: $okcodes); its stderr:" >&2
    tail -n 20 "$TMP/$tool-$label-$run.err" >&2
    die "$tool run failed"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$label" "$run" "$rc" "$wall" "$rss" "$pss" >> "$RESULTS"
}

echo "bench: corpus $CORPUS ($(corpus_desc "$CORPUS"))" >&2
echo "bench: machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); timings are noisy if other jobs run" >&2

# --- Bulwark -----------------------------------------------------------------
# Exit codes: 0 clean, 1 findings (expected on this corpus), 2 input error
# (the corpus holds files that do not parse on purpose; a warning, not a failure).
bulwark_runs() {
  local label=$1 dir=$2 i
  echo "bench: bulwark on $dir ($label), $RUNS run(s)" >&2
  # One untimed check run: the output must be JSON; and --timings, if supported.
  local rc=0
  "$BULWARK" scan "$dir" --format json --timings >"$TMP/check-$label.json" 2>"$TMP/check-$label.err" || rc=$?
  if [ "$rc" -gt 2 ] || { [ "$rc" -eq 2 ] && [ ! -s "$TMP/check-$label.json" ]; }; then
    rc=0  # maybe --timings is not supported: retry without it
    "$BULWARK" scan "$dir" --format json >"$TMP/check-$label.json" 2>"$TMP/check-$label.err" || rc=$?
  fi
  [ "$rc" -le 2 ] || { tail -n 20 "$TMP/check-$label.err" >&2; die "bulwark exited with status $rc"; }
  [ "$rc" -ne 2 ] || echo "bench: note: bulwark exited 2 (input errors reported; corpus has broken files on purpose)" >&2
  if ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/check-$label.json" 2>/dev/null; then
    echo "bench: warning: bulwark --format json output is not valid JSON ($(wc -c <"$TMP/check-$label.json") bytes)" >&2
  fi
  local t
  t=$(grep -E '^timings:' "$TMP/check-$label.err" | tail -n 1 || true)
  if [ -n "$t" ]; then echo "$t" > "$TMP/timings-$label"; fi
  for ((i = 1; i <= RUNS; i++)); do
    measure bulwark "$label" "$i" "0 1 2" "$BULWARK" scan "$dir" --format json
  done
}

bulwark_runs corpus "$CORPUS"

# --- Checkov -----------------------------------------------------------------
CK_SAVED=$BENCH_OUT/checkov-runs.tsv
if [ "$DO_CHECKOV" = 1 ]; then
  command -v "$CHECKOV" >/dev/null || die "checkov not found: pip install checkov (or --no-checkov)"
  CK_VERSION=$(env -u BC_API_KEY CKV_SKIP_PACKAGE_UPDATE_CHECK=true "$CHECKOV" --version 2>/dev/null | tail -n 1)
  echo "bench: checkov $CK_VERSION on corpus, $CK_RUNS run(s) (minutes each)" >&2
  : > "$TMP/ck.tsv"
  for ((i = 1; i <= CK_RUNS; i++)); do
    # Offline: no API key (so nothing is uploaded or downloaded), no version
    # check against PyPI, no SCA package scan, no guideline download.
    # Exit 1 means "failed checks found", which is the normal result here.
    measure checkov corpus "$i" "0 1" env -u BC_API_KEY -u PRISMA_API_URL \
      CKV_SKIP_PACKAGE_UPDATE_CHECK=true CHECKOV_RUN_SCA_PACKAGE_SCAN_V2=false \
      "$CHECKOV" -d "$CORPUS" --framework kubernetes --skip-download --quiet --compact -o json
  done
  grep -P '^checkov\t' "$RESULTS" | sed "s|\$|\t$CK_VERSION\t$(date -u +%Y-%m-%dT%H:%M:%SZ)\t$CORPUS|" > "$CK_SAVED"
elif [ -s "$CK_SAVED" ]; then
  echo "bench: --no-checkov: using saved Checkov runs from $CK_SAVED" >&2
  if ! awk -F'\t' -v c="$CORPUS" '$10 != c {bad=1} END {exit bad}' "$CK_SAVED"; then
    echo "bench: warning: saved Checkov runs were made on a different corpus path" >&2
  fi
  cut -f1-7 "$CK_SAVED" >> "$RESULTS"
else
  echo "bench: --no-checkov and no saved Checkov runs: ratios not checked" >&2
fi

# --- Large corpus (Bulwark only) ----------------------------------------------
if [ "$LARGE" = 1 ]; then
  BIG=$BENCH_OUT/corpus-x10
  STAMP="factor=10 source=$CORPUS generator=$(sha256sum "$HERE/gen-corpus.py" | cut -c1-16)"
  # Regenerate only when the source, factor or generator changed; the stamp
  # lives next to the folder so the scanner never sees it.
  if [ ! -d "$BIG" ] || [ ! -f "$BIG.stamp" ] || [ "$(cat "$BIG.stamp")" != "$STAMP" ]; then
    rm -rf "$BIG" "$BIG.stamp"
    python3 "$HERE/gen-corpus.py" "$BIG" --factor 10 --source "$CORPUS" || die "gen-corpus failed"
    echo "$STAMP" > "$BIG.stamp"
  fi
  echo "bench: large corpus $BIG ($(corpus_desc "$BIG"))" >&2
  bulwark_runs x10 "$BIG"
fi

# --- Report ---------------------------------------------------------------------
python3 - "$RESULTS" "$SPEED_TARGET" "$MEM_TARGET" "$TMP" "$DO_CHECKOV" <<'PY'
import glob, os, re, statistics, sys
path, speed_target, mem_target, tmp, live_checkov = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5] == "1"
rows = [l.rstrip("\n").split("\t") for l in open(path) if l.strip()]
groups = {}
for tool, label, run, rc, wall, rss, pss in (r[:7] for r in rows):
    groups.setdefault((tool, label), []).append((int(run), int(rc), float(wall), int(rss), int(pss)))
mib = lambda kb: kb / 1024.0
print()
print(f"{'tool':<8} {'corpus':<7} {'run':>6} {'wall s':>9} {'maxRSS MiB':>11} {'treePSS MiB':>12} {'exit':>5}")
print("-" * 64)
med = {}
for key in sorted(groups, key=lambda k: (k[0] != "bulwark", k[1])):
    runs = groups[key]
    for run, rc, wall, rss, pss in runs:
        print(f"{key[0]:<8} {key[1]:<7} {run:>6} {wall:>9.2f} {mib(rss):>11.1f} {mib(pss):>12.1f} {rc:>5}")
    m = (statistics.median(r[2] for r in runs), statistics.median(r[3] for r in runs), statistics.median(r[4] for r in runs))
    med[key] = m
    print(f"{key[0]:<8} {key[1]:<7} {'median':>6} {m[0]:>9.2f} {mib(m[1]):>11.1f} {mib(m[2]):>12.1f}")
    print("-" * 64)
if not live_checkov and ("checkov", "corpus") in med:
    print("(checkov rows: saved from an earlier run)")

for label in ("corpus", "x10"):
    f = os.path.join(tmp, f"timings-{label}")
    if os.path.exists(f):
        line = open(f).read().strip()
        parts = dict((k, float(v)) for k, v in re.findall(r"(\w+)=([0-9.]+)s", line))
        total = sum(parts.values())
        if total > 0:
            share = ", ".join(f"{k} {v:.3f}s ({100 * v / total:.0f}%)" for k, v in parts.items())
            print(f"bulwark --timings ({label}): {share}")
        else:
            print(f"bulwark --timings ({label}): {line}")
    elif ("bulwark", label) in med:
        print(f"bulwark --timings ({label}): not reported")

status = 0
b, c = med.get(("bulwark", "corpus")), med.get(("checkov", "corpus"))
if b and c:
    speed = c[0] / b[0] if b[0] > 0 else float("inf")
    mem = c[1] / b[1] if b[1] > 0 else float("inf")
    memt = c[2] / b[2] if b[2] > 0 else float("inf")
    print(f"speed ratio  (checkov / bulwark median wall):   {speed:8.1f}x  target >= {speed_target:g}x  {'OK' if speed >= speed_target else 'MISSED'}")
    print(f"memory ratio (checkov / bulwark median maxRSS): {mem:8.1f}x  target >= {mem_target:g}x  {'OK' if mem >= mem_target else 'MISSED'}")
    print(f"memory ratio by tree PSS (info, counts forked workers): {memt:.1f}x")
    if speed < speed_target:
        print(f"bench: speed target missed: {speed:.1f}x < {speed_target:g}x", file=sys.stderr); status = 1
    if mem < mem_target:
        print(f"bench: memory target missed: {mem:.1f}x < {mem_target:g}x", file=sys.stderr); status = 1
else:
    print("ratios: no Checkov results, targets not checked")
x = med.get(("bulwark", "x10"))
if x and b:
    print(f"10x corpus: bulwark median wall {x[0]:.2f}s ({x[0] / b[0]:.1f}x the 1x time), maxRSS {mib(x[1]):.1f} MiB ({x[1] / b[1]:.1f}x)")
sys.exit(status)
PY
