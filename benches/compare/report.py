"""Prints the comparison table from the rows the methods wrote.

usage: report.py RESULTS.jsonl PAIRS.jsonl

Each row of RESULTS.jsonl: method, group, articles, bytes, seconds, repeats,
rss_loaded_kb, peak_rss_kb, optional mae/rmse, note. "ours/this" is ours'
articles/s divided by the row's, against the reference row of the group.
"""

import json
import sys

K = 128
# The row each group's ratio is taken against.
REFERENCE = {
    "kernel": "ours kernel (xxh3 + OPH)",
    "kernel+lsh": "ours kernel + LshStage",
    "e2e": "ours full pipeline (cluster)",
    "pipeline": "ours full pipeline (cluster)",
    "detail": "ours kernel (xxh3 + OPH)",
}
SHORT = {
    "ours kernel (xxh3 + OPH)": "ours kernel",
    "ours kernel + LshStage": "ours kernel+LSH",
    "ours full pipeline (cluster)": "ours cluster",
}
ORDER = ["kernel", "kernel+lsh", "e2e", "pipeline", "detail"]


def main() -> None:
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    pairs = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
    rate = {r["method"]: r["articles"] / r["seconds"] for r in rows}
    cpu_rate = {r["method"]: r["articles"] / r["cpu_seconds"] for r in rows if r.get("cpu_seconds")}
    rows.sort(key=lambda r: (ORDER.index(r["group"]), -rate[r["method"]]))

    head = ["method", "articles/s", "MB/s", "ours/this", "(CPU time)", "vs", "peak RSS MB", "RSS loaded MB", "MAE", "RMSE", "runs"]
    table = []
    for r in rows:
        ref = REFERENCE[r["group"]]
        ratio = f"{rate[ref] / rate[r['method']]:.2f}x" if ref in rate else "-"
        m = r["method"]
        cpu_ratio = f"{cpu_rate[ref] / cpu_rate[m]:.2f}x" if ref in cpu_rate and m in cpu_rate else "-"
        table.append([
            r["method"],
            f"{rate[r['method']]:,.0f}",
            f"{r['bytes'] / 1e6 / r['seconds']:.2f}",
            ratio,
            cpu_ratio,
            SHORT[ref] if ref in rate else "-",
            f"{r['peak_rss_kb'] / 1024:.0f}",
            f"{r['rss_loaded_kb'] / 1024:.0f}",
            f"{r['mae']:.4f}" if "mae" in r else "",
            f"{r['rmse']:.4f}" if "rmse" in r else "",
            str(r["repeats"]),
        ])
    widths = [max(len(x) for x in col) for col in zip(head, *table)]
    right = {1, 2, 3, 4, 6, 7, 8, 9, 10}
    fmt = lambda cells: "| " + " | ".join(
        c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))
    ) + " |"
    print(fmt(head))
    print("|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|")
    for t in table:
        print(fmt(t))

    n = rows[0]["articles"] if rows else 0
    mb = rows[0]["bytes"] / 1e6 if rows else 0
    print(f"\n{n} articles, {mb:.2f} MB of source text (MB = 10^6 bytes); K = {K} except the pipeline rows (K = 256, the default Config).")
    print("articles/s = signatures/s; time is the best of `runs` runs; 'ours/this' = ours' articles/s / this row's, against the row named in 'vs';")
    print("'(CPU time)' = the same ratio from each run's CPU time instead of wall-clock time (less sensitive to other load on the machine).")

    exact = [p["exact"] for p in pairs]
    theory = (sum(j * (1 - j) / K for j in exact) / max(1, len(exact))) ** 0.5
    print(f"\nEstimation error on {len(pairs)} pairs (both sides >= 100 shingles), exact Jaccard mean {sum(exact) / max(1, len(exact)):.3f}, "
          f"max {max(exact, default=0):.3f}; {sum(j >= 0.2 for j in exact)} pairs at J >= 0.2.")
    print(f"Classic MinHash theory, K = {K}: RMSE sqrt(mean J(1-J)/K) = {theory:.4f}.")
    by = {r["method"]: r for r in rows}
    ours, classic = by.get(REFERENCE["kernel"]), by.get("datasketch kernel")
    if ours and classic:
        print(f"ours vs classic (datasketch): MAE {ours['mae']:.4f} vs {classic['mae']:.4f} ({ours['mae'] / classic['mae']:.2f}x), "
              f"RMSE {ours['rmse']:.4f} vs {classic['rmse']:.4f} ({ours['rmse'] / classic['rmse']:.2f}x).")

    print("\nTargets (kernel on identical shingle sets):")
    for name, target in [("rensa kernel", 3.0), ("gaoya MinHasher32", 20.0)]:
        if ours and name in rate:
            x = rate[ours["method"]] / rate[name]
            c = cpu_rate.get(ours["method"], 0) / cpu_rate[name] if name in cpu_rate else float("nan")
            print(f"  ours / {name}: {x:.2f}x wall-clock, {c:.2f}x CPU time "
                  f"(target >= {target:g}x: {'met' if min(x, c) >= target else 'met on one measure only' if max(x, c) >= target else 'NOT met'})")


if __name__ == "__main__":
    main()
