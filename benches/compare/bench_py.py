"""Python baselines: datasketch and rensa, single-threaded, K = 128.

usage: bench_py.py LIB MODE INPUT [PAIRS] [REPEATS]

LIB is `datasketch` or `rensa`. MODE is
- `kernel`: INPUT is shingles.jsonl; times (a) one signature per article from
  its pre-computed shingle set (hashing included, shingling and file reading
  not), then (b) the same plus inserting every signature into the library's
  LSH index at threshold 0.5; and measures the estimation error on PAIRS;
- `e2e`: INPUT is corpus.jsonl; times shingling the raw text (see
  shingling.py), the signature and the LSH insert, per article.

Prints one JSON object per row. Each LIB/MODE runs in its own process, so
ru_maxrss is the peak of that row's process (interpreter, libraries and the
loaded input included; `rss_loaded_kb` is the resident set once the input of
a run is in memory, right before its timing). Timings are the best of REPEATS runs.
"""

import json
import resource
import sys
import time

from shingling import shingles

K = 128
THRESHOLD = 0.5
SEED = 42
# rensa needs K divisible by the band count; 32 bands x 4 rows is the divisor
# closest to datasketch's optimum for (0.5, 128), 25 bands x 5 rows.
RENSA_BANDS = 32


def rss_kb(field: str = "VmRSS:") -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux


def best_of(repeats, f, setup=lambda: None):
    """Runs `f(setup())` `repeats` times, setup untimed. Returns the fastest
    wall-clock and smallest process CPU time (seconds), the largest resident
    set seen right after setup (kB), and the last result."""
    best, cpu, loaded, out = float("inf"), float("inf"), 0, None
    for _ in range(max(1, repeats)):
        data = out = None  # free the previous run's input and output first
        data = setup()
        loaded = max(loaded, rss_kb())
        t, c = time.perf_counter(), time.process_time()
        out = f(data)
        best = min(best, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    return (best, cpu), loaded, out


def errors(pairs, est):
    n = max(1, len(pairs))
    d = [est(p["a"], p["b"]) - p["exact"] for p in pairs]
    return sum(abs(x) for x in d) / n, (sum(x * x for x in d) / n) ** 0.5


def library(lib):
    """(name, signature(list[str]) -> sketch, new LSH, insert(lsh, key, sketch), estimate, note)."""
    if lib == "datasketch":
        from datasketch import MinHash, MinHashLSH

        def sig(sh):
            m = MinHash(num_perm=K, seed=SEED)
            m.update_batch([s.encode("utf-8") for s in sh])
            return m

        def lsh():
            return MinHashLSH(threshold=THRESHOLD, num_perm=K)

        def insert(index, key, m):
            index.insert(key, m)

        probe = lsh()
        note = (
            f"MinHash(num_perm={K}).update_batch(utf-8 bytes), classic K-hash "
            f"(scheme {MinHash(num_perm=K).scheme}, sha1_hash32); MinHashLSH "
            f"{probe.b} bands x {probe.r} rows"
        )
        return "datasketch", sig, lsh, insert, lambda a, b: a.jaccard(b), note
    if lib == "rensa":
        from rensa import RMinHash, RMinHashLSH

        def sig(sh):
            m = RMinHash(K, SEED)
            m.update(sh)
            return m

        def lsh():
            return RMinHashLSH(THRESHOLD, K, RENSA_BANDS)

        def insert(index, key, m):
            index.insert(key, m)

        note = (
            f"RMinHash({K}).update(list of str) (R-MinHash, u32 values; its fastest "
            f"single-thread path here); RMinHashLSH {RENSA_BANDS} bands x {K // RENSA_BANDS} rows"
        )
        return "rensa", sig, lsh, insert, lambda a, b: a.jaccard(b), note
    raise SystemExit(f"unknown library {lib}")


def row(method, group, n, nbytes, secs, repeats, loaded, note, mae=None, rmse=None):
    r = {
        "method": method,
        "group": group,
        "articles": n,
        "bytes": nbytes,
        "seconds": secs[0],
        "cpu_seconds": secs[1],
        "repeats": repeats,
        "rss_loaded_kb": loaded,
        "peak_rss_kb": peak_kb(),
        "note": note,
    }
    if mae is not None:
        r["mae"], r["rmse"] = mae, rmse
    print(json.dumps(r), flush=True)


def main() -> None:
    lib, mode, path = sys.argv[1:4]
    name, sig, new_lsh, insert, estimate, note = library(lib)
    if mode == "kernel":
        pairs_path = sys.argv[4]
        repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 3
        # Each set is kept as one "\n"-joined str (shingles hold no newline)
        # and split into a list of new str objects before every timed run, as
        # shingling would hand them over. New objects matter: CPython caches
        # the UTF-8 form of a non-ASCII str the first time a C extension asks
        # for it, and a second pass over the same objects skips that encoding
        # (rensa then runs about twice as fast on this corpus, where most
        # shingles are not ASCII). The "warm str" detail row shows that case.
        joined, nbytes = [], 0
        for line in open(path, encoding="utf-8"):
            if line.strip():
                x = json.loads(line)
                joined.append("\n".join(x["shingles"]))
                nbytes += x["bytes"]

        def materialise():
            return [j.split("\n") if j else [] for j in joined]

        pairs = [json.loads(line) for line in open(pairs_path) if line.strip()]
        n = len(joined)

        def kernel(data):
            return [sig(s) for s in data]

        secs, loaded, sigs = best_of(repeats, kernel, materialise)
        mae, rmse = errors(pairs, lambda a, b: estimate(sigs[a], sigs[b]))
        row(f"{name} kernel", "kernel", n, nbytes, secs, repeats, loaded, note, mae, rmse)
        sigs = None

        def with_lsh(data):
            index = new_lsh()
            for i, s in enumerate(data):
                insert(index, i, sig(s))
            return index

        secs, loaded, _ = best_of(repeats, with_lsh, materialise)
        row(f"{name} kernel + LSH", "kernel+lsh", n, nbytes, secs, repeats, loaded, note)

        if lib == "rensa":
            data = materialise()
            kernel(data)  # fills CPython's UTF-8 cache of every str
            secs, loaded, _ = best_of(repeats, kernel, lambda: data)
            row(f"{name} kernel (warm str)", "detail", n, nbytes, secs, repeats, loaded,
                "detail: the same str objects again, their UTF-8 form already cached by CPython")
    elif mode == "e2e":
        repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
        nbytes = sum(len(t.encode("utf-8")) for t in texts)
        def e2e(_):
            index = new_lsh()
            for i, t in enumerate(texts):
                insert(index, i, sig(shingles(t)))
            return index

        secs, loaded, _ = best_of(repeats, e2e)
        row(
            f"{name} end to end",
            "e2e",
            len(texts),
            nbytes,
            secs,
            repeats,
            loaded,
            "raw text -> NFKC/lower 5-gram shingles (Python) -> signature -> LSH insert",
        )
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
