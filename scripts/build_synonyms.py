#!/usr/bin/env python3
"""Derive data/synonyms.tsv from WordNet 3.0: each English word mapped to the
synset of its most frequent sense, so that dictionary glosses of different
languages meet when they name the same concept ("talks" / "negotiation").
Two words get the same key exactly when their most frequent senses are the
same synset; the key is readable: `firstlemma~POS+offset`.

Source: Debian package `wordnet-base` (WordNet 3.0, Princeton University,
WordNet 3.0 licence: free use, copy, modify and distribute with the
copyright notice). Run:

    apt-get install -y wordnet-base
    python3 scripts/build_synonyms.py

Output: `WORD<TAB>SYNSET_KEY<TAB>PRIORITY` for words whose first-sense synset
has another single-word lemma (a synset of one word unifies nothing), sorted
by word; PRIORITY is WordNet's tagged-sense count (how often
the word was seen in the SemCor corpus), used to pick one mapping per stem.
"""
import os
import sys

WN = "/usr/share/wordnet"
if not os.path.exists(os.path.join(WN, "index.noun")):
    sys.exit("WordNet is missing: apt-get install -y wordnet-base")

here = os.path.dirname(os.path.abspath(__file__))
out_path = os.path.join(here, "..", "data", "synonyms.tsv")

def synset_lemmas(pos, offset, cache={}):
    key = (pos, offset)
    if key not in cache:
        with open(os.path.join(WN, "data." + pos), "rb") as f:
            f.seek(int(offset))
            parts = f.readline().decode("utf-8").split()
        n = int(parts[3], 16)
        cache[key] = [parts[4 + 2 * i] for i in range(n)]
    return cache[key]

best = {}  # word -> (tagged count, canonical)
for pos in ("noun", "verb", "adj", "adv"):
    with open(os.path.join(WN, "index." + pos), encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            p = line.split()
            lemma = p[0]
            if "_" in lemma or not lemma.isalpha():
                continue
            synset_cnt = int(p[2])
            p_cnt = int(p[3])
            tagged = int(p[5 + p_cnt])
            offsets = p[6 + p_cnt:]
            if not offsets:
                continue
            lemmas = synset_lemmas(pos, offsets[0])
            # Names (USA, Japan) stay as they are: only common words are
            # canonicalised.
            if lemmas[0][0].isupper():
                continue
            singles = [l.lower() for l in lemmas if "_" not in l and l.isalpha()]
            if len(set(singles)) < 2:
                continue
            canon = f"{lemmas[0].lower()}~{pos[0]}{offsets[0]}"
            if lemma not in best or tagged > best[lemma][0]:
                best[lemma] = (tagged, canon)

rows = sorted((w, c, t) for w, (t, c) in best.items())
with open(out_path, "w", encoding="utf-8", newline="\n") as f:
    for w, c, t in rows:
        f.write(f"{w}\t{c}\t{t}\n")
print(f"{out_path}: {len(rows)} mappings")
