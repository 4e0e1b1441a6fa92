"""Computes the shared shingle sets once, and the pairs for the error check.

usage: shingle.py CORPUS.jsonl SHINGLES.jsonl PAIRS.jsonl [N_PAIRS]

SHINGLES.jsonl has one line per article, in corpus order:
    {"id": ..., "bytes": <UTF-8 bytes of the raw text>, "shingles": [...]}
PAIRS.jsonl has N_PAIRS (default 1000) lines {"a": i, "b": j, "exact": J}:
half uniformly random pairs of articles, half random pairs of articles of the
same event in the same language (ids "evNNNN-J-LANG"), both sides with at least 100 shingles,
with J the exact Jaccard similarity of their shingle sets. Seeded: the same
corpus always gives the same pairs.
"""

import json
import random
import sys

from shingling import shingles

MIN_SHINGLES = 100


def main() -> None:
    corpus, out, pairs_out = sys.argv[1:4]
    n_pairs = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    arts = [json.loads(line) for line in open(corpus, encoding="utf-8") if line.strip()]
    sets = []
    with open(out, "w", encoding="utf-8") as f:
        for a in arts:
            sh = shingles(a["text"])
            sets.append(sh)
            f.write(
                json.dumps(
                    {"id": a["id"], "bytes": len(a["text"].encode("utf-8")), "shingles": sh},
                    ensure_ascii=False,
                )
                + "\n"
            )

    rng = random.Random(20240526)
    ok = [i for i, s in enumerate(sets) if len(s) >= MIN_SHINGLES]
    by_event: dict[str, list[int]] = {}
    for i in ok:
        # Same event and same language: "evNNNN-J-LANG" minus the "-J" (the
        # generated corpus's ids; a corpus of your own (CORPUS=) has other
        # ids, and then its pairs are all drawn at random).
        parts = str(arts[i]["id"]).split("-", 2)
        if len(parts) == 3 and parts[0].startswith("ev") and parts[1].isdigit():
            by_event.setdefault(f"{parts[0]}-{parts[2]}", []).append(i)
    groups = [g for g in by_event.values() if len(g) >= 2]
    possible = len(ok) * (len(ok) - 1) // 2
    n_pairs = min(n_pairs, possible)
    chosen = set()
    random_share = n_pairs // 2 if groups else n_pairs
    while len(chosen) < random_share:
        a, b = rng.sample(ok, 2)
        chosen.add((min(a, b), max(a, b)))
    # (Bounded: small groups may hold fewer new pairs than asked.)
    attempts = 100 * n_pairs
    while len(chosen) < n_pairs and groups and attempts > 0:
        attempts -= 1
        a, b = rng.sample(rng.choice(groups), 2)
        chosen.add((min(a, b), max(a, b)))
    fsets = {}
    with open(pairs_out, "w", encoding="utf-8") as f:
        for a, b in sorted(chosen):
            sa = fsets.setdefault(a, frozenset(sets[a]))
            sb = fsets.setdefault(b, frozenset(sets[b]))
            exact = len(sa & sb) / len(sa | sb)
            f.write(json.dumps({"a": a, "b": b, "exact": exact}) + "\n")


if __name__ == "__main__":
    main()
