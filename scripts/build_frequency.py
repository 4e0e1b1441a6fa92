#!/usr/bin/env python3
"""Derive data/en_zipf.tsv: English word frequencies (Zipf scale) for the
pivot's weighting of concept keys.

Source: the PyPI package `wordfreq` 3.1.1 (code Apache-2.0, data CC BY-SA 4.0,
Robyn Speer et al.), installed into a private virtual environment:

    python3 -m venv /tmp/wfenv && /tmp/wfenv/bin/pip install wordfreq==3.1.1
    /tmp/wfenv/bin/python scripts/build_frequency.py

Output lines are `WORD<TAB>ZIPF×10` (integer), for the 40,000 most frequent
English words, lowercase, sorted by word. The library stems the words with
Snowball English at load time and keeps the highest frequency per stem.
"""
import os
import sys

try:
    import wordfreq
except ImportError:
    sys.exit("wordfreq is missing: pip install wordfreq==3.1.1 (see the docstring)")

N = 40000
here = os.path.dirname(os.path.abspath(__file__))
out_path = os.path.join(here, "..", "data", "en_zipf.tsv")
rows = {}
for word in wordfreq.top_n_list("en", N):
    if not word.isalpha() or not word.isascii():
        continue
    rows[word] = round(wordfreq.zipf_frequency(word, "en") * 10)
with open(out_path, "w", encoding="utf-8", newline="\n") as f:
    for word in sorted(rows):
        f.write(f"{word}\t{rows[word]}\n")
print(f"{out_path}: {len(rows)} words")
