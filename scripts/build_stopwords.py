#!/usr/bin/env python3
"""Builds data/stopwords.tsv: function words of languages written in scripts
whose unknown words the bridge keys as they are (Arabic, Devanagari, Hebrew,
Bengali, Gujarati, Armenian), and of Latin-script languages (for words no
lexicon knows).

A word no lexicon translates is keyed raw (and, where it may be a name, by
its romanised skeleton). For a function word (Arabic بسبب "because of", Hindi
लेकिन "but", Hebrew של "of") that key is shared by every article of the
language and says nothing about the event; the bridge drops such words.

Source: stopwords-iso (https://github.com/stopwords-iso, MIT), as packaged on
PyPI in stopwordsiso 0.7.1 (stopwords-iso.json). Each word is NFKC-normalised
and lowercased as the bridge reads text; for the Arabic script also without
harakat (texts rarely carry them).

Usage: scripts/build_stopwords.py DATA_DIR STOPWORDS_ISO_JSON
Output: `LANG\\tWORD` lines, sorted, deduplicated.
"""

import json
import sys
import unicodedata

# Languages by script: only scripts whose unknown words are keyed raw.
# Cyrillic is not here: an unknown lowercase Cyrillic word is not keyed at
# all. Thai has PyThaiNLP's list (th_words.tsv). The bridge applies the
# Latin-script lists only to lowercase words of non-English text that no
# lexicon knows, so "May" or "Will" (names) and English words are kept.
LANGS = {
    "ar": "arabic",
    "fa": "arabic",
    "ur": "arabic",
    "hi": "devanagari",
    "mr": "devanagari",
    "he": "hebrew",
    "bn": "bengali",
    "gu": "gujarati",
    "hy": "armenian",
    "ku": "arabic",
    # Latin-script languages the crate has no lexicon or language guess
    # for: their text is read as the nearest guessed language, so their
    # function words would be kept as rare words. (Breton's list is 1,203
    # words with content words in it, Malay's has names: left out.)
    "af": "latin",
    "ca": "latin",
    "da": "latin",
    "eo": "latin",
    "et": "latin",
    "eu": "latin",
    "ga": "latin",
    "gl": "latin",
    "ha": "latin",
    "hr": "latin",
    "la": "latin",
    "lt": "latin",
    "lv": "latin",
    "ro": "latin",
    "sk": "latin",
    "sl": "latin",
    "so": "latin",
    "st": "latin",
    "sw": "latin",
    "tl": "latin",
    "yo": "latin",
    "zu": "latin",
    # Latin-script languages with a lexicon: the bridge asks the lists only
    # for words no lexicon knows, so a content word in a list (sistema,
    # povo) is still translated, while an unknown function word (German
    # ihn, dann, mich) no longer becomes a rare word every article of the
    # language shares.
    "cs": "latin",
    "de": "latin",
    "es": "latin",
    "fi": "latin",
    "fr": "latin",
    "hu": "latin",
    "id": "latin",
    "it": "latin",
    "nl": "latin",
    "no": "latin",
    "pl": "latin",
    "pt": "latin",
    "sv": "latin",
    "tr": "latin",
}

HARAKAT = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670"}


def forms(word, lang):
    w = unicodedata.normalize("NFKC", word).lower().strip()
    if not w or any(c.isspace() for c in w):
        return []
    out = [w]
    # Romanian is written with comma-below ș ț and, in older text and in
    # these lists, with cedilla ş ţ: both forms.
    if lang == "ro":
        other = w.translate(str.maketrans("şţșț", "șțşţ"))
        if other != w:
            out.append(other)
    if LANGS[lang] == "arabic":
        bare = "".join(c for c in w if c not in HARAKAT)
        if bare and bare != w:
            out.append(bare)
    # Only words of letters (no punctuation entries such as "،").
    return [f for f in out if any(c.isalpha() for c in f)]


def main():
    out_dir, src = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        lists = json.load(f)
    rows = set()
    for lang in LANGS:
        for word in lists.get(lang, []):
            for form in forms(word, lang):
                rows.add((lang, form))
    path = f"{out_dir}/stopwords.tsv"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for lang, word in sorted(rows):
            f.write(f"{lang}\t{word}\n")
    counts = {}
    for lang, _ in rows:
        counts[lang] = counts.get(lang, 0) + 1
    print(f"{path}: {len(rows)} lines", dict(sorted(counts.items())))
    write_sources(out_dir)


def write_sources(data):
    """Replaces this script's row of SOURCES.tsv."""
    path = f"{data}/SOURCES.tsv"
    with open(path, encoding="utf-8") as f:
        rows = [l for l in f if "stopwords.tsv" not in l]
    rows.append("\t".join((
        "PyPI stopwordsiso stopwords-iso.json (stopwords-iso, Gene Diaz)", "0.7.1", "MIT",
        "stopwords.tsv")) + "\n")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(rows)


if __name__ == "__main__":
    main()
