#!/bin/sh
# run-fuzz.sh FUZZER CORPUS RUNS CRASHDIR SEEDDIR... - run the libFuzzer
# harness RUNS times, new inputs kept in CORPUS (made if missing), crashing
# inputs written to CRASHDIR (they become regression tests: fuzz-replay).
# FUZZ_FLAGS adds libFuzzer flags, e.g. FUZZ_FLAGS="-jobs=2 -entropic=0".
set -eu
fuzzer=$1 corpus=$2 runs=$3 crashes=$4
shift 4
mkdir -p "$corpus" "$crashes"
# shellcheck disable=SC2086
exec "$fuzzer" -runs="$runs" -max_len=2048 -timeout=10 -print_final_stats=1 \
	-artifact_prefix="$crashes/" ${FUZZ_FLAGS:-} "$corpus" "$@"
