#!/usr/bin/env bash
# RBAC engine benchmark (issue 5): a generated cluster of 20k Roles/ClusterRoles, 50k bindings and
# 100k ServiceAccounts as one JSON List. Reports parse, index build, one who-can, paths for every
# subject, and peak RSS. Targets: index < 5 s, who-can < 100 ms, paths < 30 s, peak < 1 GiB.
# Usage: scripts/bench-rbac.sh [BULWARK_BINARY]   (default .build/release/bulwark)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/bulwark}
OUT=${BENCH_OUT:-bench-out}
mkdir -p "$OUT"
[ -f "$OUT/rbac-cluster.json" ] || python3 scripts/gen-rbac-cluster.py "$OUT/rbac-cluster.json"
export BULWARK_TIMING=1
echo "== who-can get secrets -n team-007"
/usr/bin/time -f "wall %es peak %MKB" "$BIN" rbac who-can get secrets -n team-007 "$OUT/rbac-cluster.json" -o json 2>&1 >/dev/null | grep -E "timing|wall"
echo "== paths (every subject)"
/usr/bin/time -f "wall %es peak %MKB" "$BIN" rbac paths --include-system "$OUT/rbac-cluster.json" -o json 2>&1 >"$OUT/rbac-paths.json" | grep -E "timing|wall"
python3 -c "import json; p=json.load(open('$OUT/rbac-paths.json'))['paths']; print(len(p), 'subjects with a path')"
