#!/usr/bin/env python3
"""Score the streaming index (`cluster --state`) on an evaluation task.

usage: scripts/stream_eval.py TASK_DIR [--shuffle SEED ...] [--bin PATH]

Feeds TASK_DIR/input.jsonl to a fresh state file in input order (for
ntrex-dev: grouped by language) and, for each --shuffle SEED, in a
Python-random shuffled order; resolves every ID through the `merged` aliases
the run reported (an absorbed ID names the survivor from then on), and prints
score.py's pairwise and BCubed figures for each order.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

args = sys.argv[1:]
if not args:
    sys.exit(__doc__)
task = args[0]
seeds = [int(args[i + 1]) for i, a in enumerate(args) if a == "--shuffle"]
binary = next((args[i + 1] for i, a in enumerate(args) if a == "--bin"),
              "target/release/examples/cluster")
here = os.path.dirname(os.path.abspath(__file__))
score = os.path.join(here, "..", "..", "shared", "eval", "score.py")
if not os.path.exists(score):
    score = "/work/shared/eval/score.py"
lines = [l for l in open(os.path.join(task, "input.jsonl"), encoding="utf-8") if l.strip()]

def run(order, label):
    with tempfile.TemporaryDirectory() as d:
        inp = os.path.join(d, "in.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            f.writelines(order)
        out = subprocess.run([binary, "--state", os.path.join(d, "s.state"), inp],
                             capture_output=True, text=True, check=True).stdout
        rows = [json.loads(l) for l in out.splitlines() if l.strip()]
        parent = {}
        def find(x):
            while parent.get(x, x) != x:
                x = parent[x]
            return x
        for r in rows:
            for m in r.get("merged", []):
                parent[find(m)] = find(r["event_id"])
        pred = os.path.join(d, "pred.jsonl")
        with open(pred, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"id": r["id"], "event_id": find(r["event_id"])}) + "\n")
        res = subprocess.run([sys.executable, score, os.path.join(task, "gold.jsonl"), pred, "--json"],
                             capture_output=True, text=True, check=True).stdout
        s = json.loads(res)
        print(label, json.dumps({k: s[k] for k in s if not isinstance(s[k], dict)}))

run(lines, "input-order")
for seed in seeds:
    order = list(lines)
    random.Random(seed).shuffle(order)
    run(order, f"shuffle-{seed}")
