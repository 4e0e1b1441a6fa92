#!/usr/bin/env bash
# Side-by-side MinHash comparison: datasketch, rensa, gaoya, samestory's kernel
# and samestory's full pipeline on one generated corpus. See README.md.
#
#   benches/compare/run.sh            # every row (about 3 minutes on an idle 2-core machine)
#   benches/compare/run.sh kernel     # the kernel and kernel + LSH rows only
#
# Environment: REPEATS (best-of runs of the fast rows, default 5),
# SLOW_REPEATS (datasketch and the pipeline rows, default 1), ARTICLES (2000),
# PAIRS (1000), CORPUS (a JSONL file of articles, {"id", "text", ...} per
# line, to compare on instead of the generated corpus), COMPARE_WORKDIR (keep
# the corpus, shingles and results there
# instead of a temporary directory that is removed at exit), CARGO_TARGET_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WHAT=${1:-all}
case "$WHAT" in all | kernel) ;; *) echo "usage: $0 [all|kernel]" >&2; exit 2 ;; esac
REPEATS=${REPEATS:-5}
SLOW_REPEATS=${SLOW_REPEATS:-1}
ARTICLES=${ARTICLES:-2000}
PAIRS=${PAIRS:-1000}

# Single-threaded everywhere (rensa and gaoya use rayon, numpy may use BLAS threads).
export RAYON_NUM_THREADS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

if [ -n "${COMPARE_WORKDIR:-}" ]; then
    WORK=$COMPARE_WORKDIR
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d -t samestory-compare.XXXXXX)
    trap 'rm -rf "$WORK"' EXIT
fi

echo "== Python baselines ($HERE/.venv)" >&2
[ -x "$HERE/.venv/bin/python" ] || python3 -m venv "$HERE/.venv"
PY=$HERE/.venv/bin/python
"$PY" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"

echo "== Rust parts (release)" >&2
cargo build -q --release --manifest-path "$HERE/Cargo.toml"
TARGET=$(cargo metadata -q --format-version 1 --no-deps --manifest-path "$HERE/Cargo.toml" |
    "$PY" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
BIN=$TARGET/release/samestory-compare

echo "== Corpus and shingles in $WORK" >&2
if [ -n "${CORPUS:-}" ]; then
    [ -f "$CORPUS" ] || { echo "CORPUS=$CORPUS: no such file" >&2; exit 2; }
    cp "$CORPUS" "$WORK/corpus.jsonl"
else
    "$BIN" corpus "$ROOT" "$WORK/corpus.jsonl" "$ARTICLES"
fi
(cd "$HERE" && "$PY" shingle.py "$WORK/corpus.jsonl" "$WORK/shingles.jsonl" "$WORK/pairs.jsonl" "$PAIRS")

RESULTS=$WORK/results.jsonl
: >"$RESULTS"
run() {
    echo "   $*" >&2
    "$@" >>"$RESULTS"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_BEFORE=$(load)

echo "== Methods (load average before: $LOAD_BEFORE)" >&2
S=$WORK/shingles.jsonl P=$WORK/pairs.jsonl C=$WORK/corpus.jsonl
run "$BIN" ours "$S" "$P" "$REPEATS"
run "$BIN" gaoya "$S" "$P" "$REPEATS"
(cd "$HERE" && run "$PY" bench_py.py rensa kernel "$S" "$P" "$REPEATS")
(cd "$HERE" && run "$PY" bench_py.py datasketch kernel "$S" "$P" "$SLOW_REPEATS")
if [ "$WHAT" = all ]; then
    (cd "$HERE" && run "$PY" bench_py.py rensa e2e "$C" "$SLOW_REPEATS")
    (cd "$HERE" && run "$PY" bench_py.py datasketch e2e "$C" "$SLOW_REPEATS")
    run "$BIN" fingerprint "$C" "$SLOW_REPEATS"
    run "$BIN" cluster "$C" "$SLOW_REPEATS"
fi

echo
echo "samestory compare ($WHAT), $(getconf _NPROCESSORS_ONLN) cores, load average before $LOAD_BEFORE, after $(load)"
echo "datasketch $("$PY" -c 'import importlib.metadata as m; print(m.version("datasketch"))'), rensa $("$PY" -c 'import importlib.metadata as m; print(m.version("rensa"))'), gaoya $(grep -A1 '^name = "gaoya"' "$HERE/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p'), samestory $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
"$PY" "$HERE/report.py" "$RESULTS" "$WORK/pairs.jsonl"
