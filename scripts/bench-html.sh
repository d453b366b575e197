#!/usr/bin/env bash
# -o html at scale: a report with 10,000+ findings (1,000 privileged host-network Deployments,
# generated here), its size, and how long headless Chromium takes from navigation to the load
# event (measured by the page itself, through a timing script added to a copy; the report
# Bulwark wrote is not changed). Medians of 5. Not run in CI.
#   scripts/bench-html.sh [DEPLOYMENTS]     (default 1000 ≈ 11,000 findings; BULWARK_BIN=path skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
bin="${BULWARK_BIN:-.build/release/bulwark}"
[ -n "${BULWARK_BIN:-}" ] || swift build -c release --product bulwark >/dev/null
python3 - "$n" "$work/many.json" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
items = [{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": f"app-{i}", "namespace": f"ns-{i % 50}"},
          "spec": {"selector": {"matchLabels": {"app": f"a{i}"}}, "template": {"metadata": {"labels": {"app": f"a{i}"}},
          "spec": {"hostNetwork": True, "containers": [{"name": "c", "image": "nginx", "securityContext": {"privileged": True}}]}}}}
         for i in range(n)]
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(out, "w"))
PY
"$bin" scan "$work/many.json" -o json --output-file "$work/r.json" || true
"$bin" scan "$work/many.json" -o html --output-file "$work/r.html" || true
findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/r.json")
bytes=$(stat -c %s "$work/r.html")
python3 - "$work/r.html" "$work/timed.html" <<'PY'
import sys
s = open(sys.argv[1]).read()
probe = ("<script>window.addEventListener('load',function(){setTimeout(function(){var t=performance.timing;"
         "document.body.setAttribute('data-load-ms',String(t.loadEventEnd-t.navigationStart));},0);});</script>")
open(sys.argv[2], "w").write(s.replace("</body>", probe + "</body>", 1))
PY
for js in on off; do
  flags=(--headless --no-sandbox --disable-gpu --dump-dom)
  [ "$js" = off ] && flags+=(--blink-settings=scriptEnabled=false)
  times=()
  for _ in 1 2 3 4 5; do
    if [ "$js" = on ]; then
      ms=$(chromium "${flags[@]}" "file://$work/timed.html" 2>/dev/null | grep -o 'data-load-ms="[0-9]*"' | grep -o '[0-9]*')
    else
      # Without scripts the page cannot time itself: the whole browser run, start-up included.
      start=$(date +%s%N); chromium "${flags[@]}" "file://$work/r.html" >/dev/null 2>&1; ms=$(( ($(date +%s%N) - start) / 1000000 ))
    fi
    times+=("$ms")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  echo "javascript $js: load ${median} ms (median of 5: ${times[*]})"
done
echo "findings $findings, html $bytes bytes ($(( bytes / 1024 / 1024 )) MiB)"
