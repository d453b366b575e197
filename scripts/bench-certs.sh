#!/usr/bin/env bash
# Cost of the certificate checks: scans N TLS Secrets (each a 2-certificate chain in tls.crt
# plus ca.crt) as manifests and as a snapshot, and prints wall time and peak RSS.
# Usage: scripts/bench-certs.sh [N] (default 2000). Needs a built .build/debug or release bulwark.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
# The debug binary by default: a release binary may be older than the sources.
BIN=${BULWARK:-.build/debug/bulwark}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj /CN=bench-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj /CN=bench 2>/dev/null
openssl x509 -req -in leaf.csr -CA ca.crt -CAkey ca.key -set_serial 1 -days 365 -out leaf.crt 2>/dev/null
CRT=$(cat leaf.crt ca.crt | base64 -w0); CA=$(base64 -w0 ca.crt); KEY=$(base64 -w0 leaf.key)
for i in $(seq 1 "$N"); do
  printf -- '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: tls-%s\n  namespace: bench\ntype: kubernetes.io/tls\ndata:\n  tls.crt: %s\n  tls.key: %s\n  ca.crt: %s\n' "$i" "$CRT" "$KEY" "$CA"
done > secrets.yaml
# The same bytes under key names no control reads: the scan's cost without certificate parsing.
sed 's/tls\.crt:/cert.pem:/; s/ca\.crt:/ca.pem:/' secrets.yaml > baseline.yaml
cd - >/dev/null
measure() { /usr/bin/time -f "%e s wall, %M KB peak RSS" "$@" >/dev/null 2>"$WORK/time" || true; tail -1 "$WORK/time"; }
echo "$N TLS Secrets ($(du -h "$WORK/secrets.yaml" | cut -f1)), $BIN"
echo -n "scan manifests, no certs: "; measure "$BIN" scan "$WORK/baseline.yaml" -o json
echo -n "scan manifests:           "; measure "$BIN" scan "$WORK/secrets.yaml" -o json
echo -n "snapshot --from-dump:     "; measure "$BIN" snapshot --from-dump "$WORK/secrets.yaml" --output-file "$WORK/snap.json"
echo -n "scan snapshot (facts):    "; measure "$BIN" scan --snapshot "$WORK/snap.json" -o json
# Judged 350 days on, every leaf expires within 30 days: one BW-S14-102 finding per Secret either way.
LATER=$(date -u -d '+350 days' +%Y-%m-%dT%H:%M:%SZ)
echo -n "BW-S14-102 findings (manifests, snapshot): "
for input in "$WORK/secrets.yaml" "--snapshot $WORK/snap.json"; do
  "$BIN" scan $input -o json --now "$LATER" 2>/dev/null | grep -c '"control" *: *"BW-S14-102"' | tr '\n' ' ' || true
done; echo
