#!/bin/sh
# Stand-in for the bulwark binary, to test scripts/bench.sh plumbing before
# Bulwark exists: sleeps 0.5 s, allocates ~40 MiB, prints a tiny JSON report
# and a --timings line, exits 1 ("findings") like a real scan of the corpus.
for a in "$@"; do [ "$a" = "--timings" ] && T=1; done
python3 -c 'import time; x = bytearray(40 << 20); time.sleep(0.5)'
echo '{"schemaVersion": "standin", "findings": []}'
[ -n "$T" ] && echo "timings: read=0.300s controls=0.150s render=0.050s" >&2
exit 1
