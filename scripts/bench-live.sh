#!/bin/sh
# Live-cluster benchmark (issue 4): a generated cluster (scale 1 = 100,000 objects: 50k pods of
# about 2 KB, 10k deployments, 10k replicasets, 2k namespaces, RBAC, policies; generator:
# Tests/BulwarkLiveTests/GeneratedCluster.swift) served by the tests' HTTPS API server on
# 127.0.0.1 over mutual TLS. Measures the release binary's own wall time and peak RSS for
# `scan` of the live cluster, `snapshot` of it, and `scan --snapshot`.
# Usage: scripts/bench-live.sh [SCALE]
set -e
cd "$(dirname "$0")/.."
scale="${1:-1}"
swift build -c release --product bulwark
swift build --build-tests
BULWARK_LIVE_BENCH="$scale" BULWARK_BINARY="$PWD/.build/release/bulwark" \
  swift test --skip-build --filter LiveBenchmarkTests 2>&1 | grep -E "live-bench|error|Executed" | sort -u
