#!/usr/bin/env bash
# A short libFuzzer run of one target, for ctest.
#   fuzz-smoke.sh FUZZER SECONDS SEED_DIR...
# Exits 77 (ctest: skipped) when the fuzz build has not been made; 0 when the
# run found nothing; libFuzzer's own status (and its crash file) otherwise.
set -euo pipefail
fuzzer=$1 seconds=$2
shift 2
if [[ ! -x $fuzzer ]]; then
    echo "fuzz-smoke: $fuzzer is not built (see tests/fuzz/CMakeLists.txt, or '.ci/bootstrap fuzz'); skipped" >&2
    exit 77
fi
fuzzer=$(readlink -f "$fuzzer")
args=()
for a in "$@"; do
    case $a in
        -dict=*) args+=("-dict=$(readlink -f "${a#-dict=}")") ;;
        -*) args+=("$a") ;;
        *) args+=("$(readlink -f "$a")") ;;
    esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
# New inputs go to the scratch corpus; the seed folders are only read.
# A crash, leak, sanitizer report or an input slower than 10 s fails the run;
# the input is written to $work and printed by libFuzzer as a hex dump.
cd "$work"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 "$work/corpus" "${args[@]}"
