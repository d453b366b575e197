#!/usr/bin/env bash
# The structure-aware fuzzer (Sources/BulwarkFuzzing): real manifests mutated, every engine and
# renderer in-process, and the `bulwark` command matrix (exit code, 60 s, 2 GiB, JSON).
#
#   scripts/fuzz.sh --minutes 60 [--seed S] [--cli-share P] [--mode both|inproc|cli]
#   scripts/fuzz.sh --count 100000 --mode inproc --seed 1        (a number of mutants, no clock)
#   scripts/fuzz.sh --count 5000 --mode cli --seed 1
#   scripts/fuzz.sh --ci                                          (the CI slice: fixed seed, ~3 minutes, debug build)
#
# Builds release binaries unless --debug or --ci (those reuse `swift build --build-tests`'s debug
# build). The in-process and CLI parts can run at the same time in two invocations (--mode inproc,
# --mode cli) with different --work folders. Failures are minimised and written under
# Tests/BulwarkFuzzTests/Fixtures/fuzz (--fixtures DIR elsewhere), where the tests replay them.
# Exit 0: no failure; 1: failures (listed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=10 seed="" share=0.3 mode=both config=release count="" work="" fixtures="Tests/BulwarkFuzzTests/Fixtures/fuzz"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --cli-share) share="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --count) count="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --fixtures) fixtures="$2"; shift 2 ;;
    --debug) config=debug; shift ;;
    --ci)
      # Fixed seed, 3 minutes split between in-process (2/3) and the CLI matrix (1/3), debug build.
      config=debug seed="${BULWARK_FUZZ_SEED:-20261207}" minutes="${BULWARK_FUZZ_MINUTES:-3}" share=0.34
      fixtures=".build/fuzz-ci/failures" work=".build/fuzz-ci"; shift ;;
    *) extra+=("$1"); shift ;;
  esac
done
seed="${seed:-$(date +%s)}"
work="${work:-.build/fuzz-$mode-$seed}"
corpus="${BULWARK_FUZZ_CORPUS:-../shared/corpus}"
[ -d "$corpus" ] || { echo "fuzz.sh: no corpus at $corpus; mutating examples/ only" >&2; corpus=/nonexistent; }

if [ "$config" = release ]; then
  swift build -c release --product bulwark-fuzz
  swift build -c release --product bulwark
fi
bin=".build/$config"
[ -x "$bin/bulwark-fuzz" ] && [ -x "$bin/bulwark" ] || { echo "fuzz.sh: build first (swift build --build-tests)" >&2; exit 2; }

limit=(--minutes "$minutes")
[ -n "$count" ] && limit=(--count "$count")
echo "fuzz.sh: seed $seed (reproduce: scripts/fuzz.sh --seed $seed ${count:+--count $count} --mode $mode)"
exec "$bin/bulwark-fuzz" run --mode "$mode" --seed "$seed" "${limit[@]}" --cli-share "$share" \
  --bulwark "$bin/bulwark" --corpus "$corpus" --examples examples --work "$work" --fixtures "$fixtures" ${extra[@]+"${extra[@]}"}
