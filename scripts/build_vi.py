#!/usr/bin/env python3
"""Builds data/lexicon/vi.tsv: Sino-Vietnamese (Hán-Việt) words -> concept keys.

About half the vocabulary of Vietnamese news is Sino-Vietnamese: kinh tế is
經濟 "economy", chính phủ is 政府 "government", bộ trưởng is 部長 "minister",
written in Latin letters one syllable per word. The bridge already knows the
Chinese words (lexicon/zh.tsv, from CC-CEDICT); this script reads each
Chinese word of 2-3 characters through the Hán-Việt readings of its
characters and keeps the syllable sequences as Vietnamese terms.

Readings: m17n-db's vi-han.mim (Debian package m17n-db; HueCIT 2007, LGPL-2.1+,
generated from the Unihan database), a Hán-Việt input method: Telex syllable ->
characters. Terms are keyed in that Telex form (ASCII: aa=â aw=ă ee=ê oo=ô
ow=ơ w=ư dd=đ, tone letter last: s sắc, f huyền, r hỏi, x ngã, j nặng), which is
what the bridge computes from a Vietnamese syllable, so spelling variants of
tone placement (hoà/hòa) meet.

Ambiguity: a syllable sequence that reads several Chinese words takes the
commonest Chinese word, by the word frequencies of jieba's dictionary
(jieba 0.42.1 from PyPI, dict.txt, MIT): thành viên is 成员 "member" (4686),
not 城垣 "city wall" (589). Chinese words jieba does not list are left out:
they are rare, and a native Vietnamese pair that happens to read as one
would only add noise.

Usage: scripts/build_vi.py DATA_DIR JIEBA_DICT_TXT [VI_HAN_MIM]
"""

import collections
import itertools
import os
import re
import subprocess
import sys

MIM = "/usr/share/m17n/vi-han.mim"
MAX_COMBOS = 16


def readings(path, fold):
    """Folded character -> set of Telex syllables."""
    out = collections.defaultdict(set)
    entry = re.compile(r'^\s*\("([a-z]+)"\s+\("([^"]*)"\)\)')
    in_map = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(" (map") and "starter" not in line:
                in_map = True
            m = entry.match(line)
            if not (in_map and m):
                continue
            syl, chars = m.groups()
            if len(syl) < 2:
                continue
            for c in chars:
                if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
                    out[fold.get(c, c)].add(syl)
    return out


def pkg_version(pkg):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def write_sources(data):
    """Replaces this script's rows of SOURCES.tsv (build_data.py writes the rest)."""
    path = os.path.join(data, "SOURCES.tsv")
    with open(path, encoding="utf-8") as f:
        rows = [l for l in f if "lexicon/vi.tsv" not in l]
    rows += [
        "\t".join(r) + "\n" for r in [
            ("m17n-db vi-han.mim (HueCIT 2007; map generated from Unihan)", pkg_version("m17n-db"),
             "LGPL-2.1-or-later (map: Unicode licence)", "lexicon/vi.tsv (Hán-Việt readings)"),
            ("PyPI jieba dict.txt", "0.42.1", "MIT", "lexicon/vi.tsv (Chinese word frequencies)"),
            ("lexicon/zh.tsv (CC-CEDICT, above)", "2.1.3", "CC-BY-SA-4.0",
             "lexicon/vi.tsv (Chinese words and their keys)"),
        ]
    ]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(rows)


def main():
    data = sys.argv[1]
    freq = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                freq[parts[0]] = int(parts[1])
    mim = sys.argv[3] if len(sys.argv) > 3 else MIM
    fold = {}
    with open(os.path.join(data, "han_fold.tsv"), encoding="utf-8") as f:
        for line in f:
            a, b = line.rstrip("\n").split("\t")[:2]
            fold[a] = b
    zipf = {}
    with open(os.path.join(data, "en_zipf.tsv"), encoding="utf-8") as f:
        for line in f:
            w, z = line.rstrip("\n").split("\t")
            zipf[w] = int(z)
    rd = readings(mim, fold)
    print(f"  {len(rd)} characters with Hán-Việt readings", file=sys.stderr)
    # term -> (commonness, chinese word, keys)
    best = {}
    with open(os.path.join(data, "lexicon", "zh.tsv"), encoding="utf-8") as f:
        for line in f:
            word, keys = line.rstrip("\n").split("\t")
            folded = "".join(fold.get(c, c) for c in word)
            if folded != word or not 2 <= len(word) <= 3:
                continue  # traditional duplicates and single characters
            options = [sorted(rd.get(c, ())) for c in word]
            if not all(options) or word not in freq:
                continue
            n = 1
            for o in options:
                n *= len(o)
            if n > MAX_COMBOS:
                continue
            first = keys.split()[0]
            rank = (freq[word], zipf.get(first, 0))
            for combo in itertools.product(*options):
                term = " ".join(combo)
                if term not in best or rank > best[term][0]:
                    best[term] = (rank, word, keys)
    rows = sorted((t, v[2]) for t, v in best.items())
    path = os.path.join(data, "lexicon", "vi.tsv")
    with open(path, "w", encoding="utf-8") as f:
        for t, k in rows:
            f.write(f"{t}\t{k}\n")
    print(f"  lexicon/vi.tsv: {len(rows)} terms", file=sys.stderr)
    write_sources(data)
    for probe in ["kinh tees", "chinhs phur", "booj trwowngr", "hooij nghij", "quoocs tees",
                  "toongr thoongs", "tuyeenr cwr", "chieens tranh", "hoaf binhf", "thwowng maij"]:
        print(f"  {probe}: {best.get(probe, (None, None, None))[1:]}", file=sys.stderr)


if __name__ == "__main__":
    main()
