#!/usr/bin/env python3
"""Builds the Thai tables: data/lexicon/th.tsv and data/th_words.tsv.

Thai is written without spaces between words, so the bridge segments a Thai
run by longest match against a word list, then maps each word to the pivot.

- lexicon/th.tsv (`THAI\\tENGLISH`): Thai WordNet (NICT 2011, shipped as
  wordnet_th.db in PyThaiNLP's wheel; WordNet-style permissive licence) links
  Thai words to Princeton WordNet 3.0 synsets; each word takes, among the
  single-word English lemmas of its synsets (Debian wordnet-base), the one
  most of its synsets share, then the one heading most of them, then the
  commonest in English (en_zipf.tsv). PyThaiNLP's Thai-English
  transliteration list (th_en_transliteration_v1.4.tsv, CC0) adds loanwords
  (กราฟ → graph) the WordNet lacks.
- th_words.tsv (`THAI\\tstop|word`): the other words of PyThaiNLP's word
  list (words_th.txt, CC0), for segmentation only, with its stop words
  (stopwords_th.txt, CC0) marked `stop`: a Thai word with no English key is
  kept as a word, unless it is a stop word.

Usage: scripts/build_th.py DATA_DIR PYTHAINLP_CORPUS_DIR [WORDNET_DIR]
"""

import os
import sqlite3
import sys
import unicodedata

WORDNET = "/usr/share/wordnet"
MAX_CHARS = 20


def nfkc(w):
    # The bridge reads NFKC text, where sara am (ำ) is nikhahit + sara aa.
    return unicodedata.normalize("NFKC", w)


def is_thai_word(w):
    return 2 <= len(w) <= MAX_CHARS and all("\u0e01" <= c <= "\u0e5b" for c in w)



def wordnet_lemmas(path):
    """'OFFSET-pos' -> single-word lowercase lemmas, in order."""
    out = {}
    for pos, name in [("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")]:
        with open(os.path.join(path, f"data.{name}"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split()
                offset, ss_type, w_cnt = parts[0], parts[2], int(parts[3], 16)
                lemmas = []
                for i in range(w_cnt):
                    lemma = parts[4 + 2 * i].lower()
                    lemma = lemma.split("(")[0]
                    if lemma.isalpha() and lemma.isascii():
                        lemmas.append(lemma)
                # Adjective satellites (s) are listed under 'a' in Thai WordNet ids.
                key_pos = "a" if ss_type == "s" else ss_type
                out[f"{offset}-{key_pos}"] = lemmas
    return out


def write_sources(data):
    """Replaces this script's rows of SOURCES.tsv."""
    path = os.path.join(data, "SOURCES.tsv")
    with open(path, encoding="utf-8") as f:
        rows = [l for l in f if "th.tsv" not in l and "th_words.tsv" not in l]
    rows += [
        "\t".join(r) + "\n" for r in [
            ("PyPI pythainlp corpus/wordnet_th.db (Thai WordNet, NICT 2011)", "5.4.0",
             "Thai WordNet licence (permissive, keep the notice)", "lexicon/th.tsv"),
            ("WordNet 3.0 (Debian wordnet-base)", "1:3.0-37", "WordNet 3.0 licence",
             "lexicon/th.tsv (English lemmas of the synsets)"),
            ("PyPI pythainlp corpus/th_en_transliteration_v1.4.tsv, words_th.txt, stopwords_th.txt",
             "5.4.0", "CC0-1.0", "lexicon/th.tsv (loanwords), th_words.tsv"),
        ]
    ]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(rows)


def main():
    data, corpus = sys.argv[1], sys.argv[2]
    wn = sys.argv[3] if len(sys.argv) > 3 else WORDNET
    zipf = {}
    with open(os.path.join(data, "en_zipf.tsv"), encoding="utf-8") as f:
        for line in f:
            w, z = line.rstrip("\n").split("\t")
            zipf[w] = int(z)
    lemmas = wordnet_lemmas(wn)
    db = sqlite3.connect(os.path.join(corpus, "wordnet_th.db"))
    # Thai word -> English lemma -> [synsets it is in, synsets it heads]
    votes = {}
    for synset, word in db.execute("SELECT synsetid, li FROM word_synset ORDER BY rowid"):
        word = nfkc(word)
        if not is_thai_word(word):
            continue
        for i, lemma in enumerate(lemmas.get(synset, [])):
            v = votes.setdefault(word, {}).setdefault(lemma, [0, 0])
            v[0] += 1
            v[1] += i == 0
    lexicon = {}
    for word, cands in votes.items():
        # The lemma most of the word's synsets share, then the one heading
        # most of them (a synset's first lemma is its usual name: "gripe",
        # not "bitch"), then the commonest in English.
        lexicon[word] = max(cands, key=lambda l: (cands[l][0], cands[l][1], zipf.get(l, 0)))
    n_wordnet = len(lexicon)
    with open(os.path.join(corpus, "th_en_transliteration_v1.4.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            th, en, _ = line.rstrip("\n").split("\t")
            th, en = nfkc(th), en.strip().lower()
            if is_thai_word(th) and en.isalpha() and en.isascii() and th not in lexicon:
                lexicon[th] = en
    print(f"  lexicon/th.tsv: {len(lexicon)} words ({n_wordnet} from Thai WordNet)",
          file=sys.stderr)
    with open(os.path.join(data, "lexicon", "th.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for w in sorted(lexicon):
            f.write(f"{w}\t{lexicon[w]}\n")

    def read_list(name):
        with open(os.path.join(corpus, name), encoding="utf-8-sig") as f:
            return {nfkc(l.strip()) for l in f if l.strip()}

    stop = {w for w in read_list("stopwords_th.txt") if all("\u0e01" <= c <= "\u0e5b" for c in w)}
    words = {w for w in read_list("words_th.txt") if is_thai_word(w)}
    rows = {w: "word" for w in words if w not in lexicon}
    for w in stop:
        if w not in lexicon:
            rows[w] = "stop"
    with open(os.path.join(data, "th_words.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for w in sorted(rows):
            f.write(f"{w}\t{rows[w]}\n")
    print(f"  th_words.tsv: {len(rows)} words ({sum(v == 'stop' for v in rows.values())} stop)",
          file=sys.stderr)
    write_sources(data)
    for probe in ["สงคราม", "รัฐบาล", "ประธานาธิบดี", "เศรษฐกิจ", "การประชุม", "สมาชิก",
                  "รัฐสภา", "หมี", "หนังสือ", "ลูกสาว", "นักอ่าน", "กราฟ"]:
        print(f"  {probe}: {lexicon.get(probe)}", file=sys.stderr)


if __name__ == "__main__":
    main()
