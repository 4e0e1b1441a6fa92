#!/usr/bin/env python3
"""Derive samestory's compact cross-lingual data files from installed packages.

Run through scripts/build-data.sh (which installs the Debian packages and fetches
the chinese_dictionary crate).  Output is deterministic: every file is sorted.

Outputs (in --out, default data/):
  han_fold.tsv          FROM<TAB>TO           JP shinjitai / Traditional -> Simplified
  hanja.tsv             HANGUL<TAB>HANJA...   Sino-Korean words (2+ syllables)
  hanja_syllable.tsv    HANGUL<TAB>HANJA      most common hanja per syllable
  pinyin.tsv            HAN<TAB>pinyin        toneless, u-umlaut as v
  lexicon/{zh,ja,de,fr,es,ru}.tsv  TERM<TAB>KEY1 KEY2 KEY3  (English concept keys)
  SOURCES.tsv           machine-readable provenance (package, version, licence)
"""
import argparse
import collections
import gzip
import math
import os
import re
import struct
import subprocess
import sys
import tempfile
import unicodedata

OPENCC_DIR = "/usr/share/opencc"
HANJA_TXT = "/usr/share/libhangul/hanja/hanja.txt"
EDICT = "/usr/share/edict/edict"
DICTD = "/usr/share/dictd"

MAX_CJK_TERM = 12
MAX_KEYS = 3
MAX_JA_UNCOMMON = 8   # EDICT entries not marked (P)
MAX_WESTERN_TERM = 24

# --------------------------------------------------------------------------
# helpers


def pkg_version(pkg):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                              capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return "?"


def is_han(ch):
    o = ord(ch)
    return (0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3FFFF or o == 0x3007)


def is_hangul_syllable(ch):
    return 0xAC00 <= ord(ch) <= 0xD7A3


def write_tsv(path, rows):
    """rows: iterable of tuples of strings; written sorted, unique."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    rows = sorted(set(tuple(r) for r in rows))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")
    return len(rows)


# --------------------------------------------------------------------------
# OpenCC


def load_opencc(tmp):
    """Convert the needed .ocd2 files to text with opencc_dict and parse them."""
    out = {}
    for name in ["JPShinjitaiCharacters", "JPVariantsRev", "TSCharacters",
                 "TWVariantsRev", "HKVariantsRev"]:
        src = os.path.join(OPENCC_DIR, name + ".ocd2")
        dst = os.path.join(tmp, name + ".txt")
        subprocess.run(["opencc_dict", "-i", src, "-o", dst, "-f", "ocd2", "-t", "text"],
                       check=True, capture_output=True)
        m = {}
        with open(dst, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 2:
                    continue
                m[parts[0]] = parts[1].split(" ")
        out[name] = m
    return out


def build_fold(occ, cedict_single):
    """Character fold: Japanese shinjitai -> kyujitai (Traditional) -> Simplified.

    cedict_single: {char: [glosses...]} for CC-CEDICT single-character entries whose
    simplified form is that char, used to refuse JP mappings of characters that are
    ordinary, distinct Chinese characters (e.g. 欠 'owe' vs JP 欠 = 缺)."""
    jp = {}
    for name in ["JPShinjitaiCharacters", "JPVariantsRev"]:  # order as in OpenCC jp2t.json
        for k, v in occ[name].items():
            if len(k) == 1 and k not in jp and len(v[0]) == 1:
                jp[k] = v[0]
    var = {}
    for name in ["TWVariantsRev", "HKVariantsRev"]:
        for k, v in occ[name].items():
            if len(k) == 1 and len(v[0]) == 1 and k not in var:
                var[k] = v[0]
    ts = {k: v[0] for k, v in occ["TSCharacters"].items() if len(k) == 1 and len(v[0]) == 1}

    variant_gloss = re.compile(r"(variant of|japanese variant|old variant|see )", re.I)

    def real_chinese(ch):
        # an ordinary Chinese character for which CC-CEDICT knows no variant reading
        gl = cedict_single.get(ch)
        if not gl:
            return False
        return not any(variant_gloss.search(g) for g in gl)

    def fold_t(ch):
        seen = set()
        while ch not in seen:
            seen.add(ch)
            nxt = var.get(ch, ch)
            nxt = ts.get(nxt, nxt)
            if nxt == ch:
                break
            ch = nxt
        return ch

    fold = {}
    refused = []
    chars = set(jp) | set(var) | set(ts)
    for c in sorted(chars):
        if c in jp:
            via = fold_t(jp[c])
            if via != c and real_chinese(c) and fold_t(c) == c and c not in ts:
                # 芸 欠 弁 浜 ...: a Japanese simplification that collides with an
                # ordinary Chinese character; keep the Chinese meaning.
                refused.append((c, via))
                target = c
            else:
                target = via
        else:
            target = fold_t(c)
        if target != c:
            fold[c] = target
    return fold, refused


UNIHAN_VARIANTS = "/usr/share/unicode/Unihan_Variants.txt.bz2"


def load_unihan_variants():
    """{char: [(field, variant char), ...]} for kZVariant and kSemanticVariant."""
    import bz2
    out = collections.defaultdict(list)
    with bz2.open(UNIHAN_VARIANTS, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("U+"):
                continue
            cp, field, val = line.rstrip("\n").split("\t", 2)
            if field not in ("kZVariant", "kSemanticVariant"):
                continue
            c = chr(int(cp[2:], 16))
            for v in val.split(" "):
                v = v.split("<")[0]
                if v.startswith("U+"):
                    out[c].append((field, chr(int(v[2:], 16))))
    return out


def extend_fold(fold, unihan, cedict_single, occ):
    """Add Unicode variants that OpenCC lacks (Korean hanja such as 擧 -> 舉 -> 举,
    眞 -> 真, 敎 -> 教) and CJK compatibility ideographs (NFC).  Only characters that
    are not themselves ordinary Chinese characters are folded, and only onto a
    character OpenCC or CC-CEDICT knows."""
    variant_gloss = re.compile(r"(variant of|japanese variant|old variant|see )", re.I)
    known = set(occ["TSCharacters"]) | set(fold.values())
    for v in occ["TSCharacters"].values():
        known.update(x for x in v if len(x) == 1)
    for c, gl in cedict_single.items():
        if any(not variant_gloss.search(g) for g in gl):
            known.add(c)

    def real(c):
        gl = cedict_single.get(c)
        return bool(gl) and any(not variant_gloss.search(g) for g in gl)

    added = {}
    for c in sorted(unihan):
        if c in fold or real(c) or c in known:
            continue
        for field in ("kZVariant", "kSemanticVariant"):
            cands = [v for f, v in unihan[c] if f == field and v != c and v in known]
            if cands:
                v = cands[0]
                added[c] = fold.get(v, v)
                break
    for o in list(range(0xF900, 0xFB00)) + list(range(0x2F800, 0x2FA20)):
        c = chr(o)
        n = unicodedata.normalize("NFC", c)
        if n != c and c not in fold:
            added[c] = fold.get(n, n)
    for c, t in added.items():
        if t != c:
            fold[c] = t
    return len(added)


def fold_str(s, fold):
    return "".join(fold.get(c, c) for c in s)


# --------------------------------------------------------------------------
# CC-CEDICT from chinese_dictionary's bincode data.dictionary


class BinReader:
    def __init__(self, b):
        self.b = b
        self.p = 0

    def u8(self):
        v = self.b[self.p]
        self.p += 1
        return v

    def u32(self):
        v = struct.unpack_from("<I", self.b, self.p)[0]
        self.p += 4
        return v

    def u64(self):
        v = struct.unpack_from("<Q", self.b, self.p)[0]
        self.p += 8
        return v

    def s(self):
        n = self.u64()
        v = self.b[self.p:self.p + n].decode("utf-8")
        self.p += n
        return v


def load_cedict(path):
    r = BinReader(open(path, "rb").read())
    n = r.u64()
    entries = []
    for _ in range(n):
        r.u32()  # key
        trad, simp, _marks, nums = r.s(), r.s(), r.s(), r.s()
        english = [r.s() for _ in range(r.u64())]
        n_tones = r.u64()  # tone_marks
        r.p += n_tones
        r.u64()  # hash
        for _ in range(r.u64()):  # measure words
            r.s(); r.s(); r.s(); r.s()
        hsk = r.u8()
        wid = r.u32()
        entries.append((wid, trad, simp, nums, english, hsk))
    assert r.p == len(r.b), "trailing bytes in CEDICT data"
    entries.sort()
    return entries


# --------------------------------------------------------------------------
# English gloss -> concept keys

STOP = set("""
a an the of to in on at by for from with without into onto upon about above below over under
and or but nor not no yes so as than then too very also just only even still yet
be is are was were been being am do does did done doing have has had having get got gets
it its it's this that these those there here which who whom whose what when where why how
i me my mine we us our you your he him his she her they them their one ones one's oneself
sb sb's sth sth's someone somebody something anyone anybody anything everyone everything
etc esp especially e.g eg i.e ie lit fig abbr abbreviation used use also usually often
kind sort type variety certain various particular some any all each every other another
may might can could would should shall will must let make makes made
up down out off away back very much many more most less least few
pr cl classifier particle measure word words
""".split())
STOP |= {"s", "t", "d", "ll", "re", "ve", "m"}
# Ordinal suffixes ("-th (fraction)", "38th parallel"): not words.
STOP |= {"st", "nd", "rd", "th"}

SKIP_GLOSS = re.compile(
    r"^\s*(\(?(old |archaic |obsolete |erhua |japanese |korean |ancient |taiwan |tw )?variant of"
    r"|see\b|see also|surname\b|cl:|abbr\.|abbreviation|used in|also (pr|written|called)|pr\.|"
    r"\(?(classifier|radical|particle)\b.*\bfor\b|old name|same as|unofficial variant)",
    re.I)

JOIN_PREFIX = {"co", "semi", "re", "pre", "non", "anti", "multi", "inter", "sub", "super",
               "micro", "macro", "bio", "e", "ex", "mid", "self", "cyber"}


def strip_brackets(s):
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"\([^()]*\)", " ", s)
        s = re.sub(r"\[[^\[\]]*\]", " ", s)
        s = re.sub(r"\{[^{}]*\}", " ", s)
        s = re.sub(r"<[^<>]*>", " ", s)
    return s


def content_words(gloss):
    g = strip_brackets(gloss)
    g = unicodedata.normalize("NFKD", g)
    g = "".join(c for c in g if not unicodedata.combining(c)).lower()
    g = g.replace("’", "'")
    words = []
    # Letters glued to digits are ordinal suffixes and units ("38th", "3d"),
    # not words.
    for tok in re.findall(r"(?<![0-9])[a-z]+(?:[-'][a-z]+)*", g):
        tok = re.sub(r"'s$", "", tok)
        parts = tok.split("-")
        if len(parts) == 2 and parts[0] in JOIN_PREFIX:
            parts = [parts[0] + parts[1]]
        for w in parts:
            w = w.strip("'")
            if "'" in w:
                continue
            if len(w) < 2 or w in STOP:
                continue
            words.append(w)
    return words


def keys_from_glosses(glosses, max_keys=MAX_KEYS):
    """First usable gloss gives up to 2 content words (3 if it is the only gloss);
    each later gloss adds its first new content word."""
    usable = [g for g in glosses if g and not SKIP_GLOSS.search(g)]
    keys = []
    first = True
    for g in usable:
        ws = content_words(g)
        if not ws:
            continue
        if first:
            cap = max_keys if len(usable) == 1 else 2
            for w in ws:
                if w not in keys and len(keys) < cap:
                    keys.append(w)
            first = False
        else:
            if any(w in keys for w in ws):
                continue  # a variant of a concept we already have
            keys.append(ws[0])
        if len(keys) >= max_keys:
            break
    return keys[:max_keys]


def merge_keys(*lists):
    out = []
    for ks in lists:
        for k in ks:
            if k not in out:
                out.append(k)
    return out[:MAX_KEYS]


# --------------------------------------------------------------------------
# Chinese: pinyin + lexicon


def norm_syllable(s):
    s = s.lower().replace("u:", "v").replace("ü", "v")
    s = re.sub(r"[0-9]", "", s)
    return s if re.fullmatch(r"[a-z]+", s) else None


def build_pinyin(cedict, fold):
    """Most common reading per (folded) character.

    Score of a reading = number of CC-CEDICT words in which the character is read so
    (aligned syllable by syllable), + a bonus for single-character entries with an
    HSK level (so that 的 = de, not the rarer di of 目的).  Ties: dictionary order."""
    score = collections.Counter()
    order = {}
    for wid, trad, simp, nums, english, hsk in cedict:
        syl = nums.split(" ")
        chars = list(simp)
        if len(syl) != len(chars):
            continue
        single = len(chars) == 1
        if single and all(SKIP_GLOSS.search(g) for g in english):
            w = 0.5
        else:
            w = 1.0
        for ch, sy in zip(chars, syl):
            if not is_han(ch):
                continue
            p = norm_syllable(sy)
            if not p or p in ("r", "xx"):
                continue
            f = fold.get(ch, ch)
            k = (f, p)
            score[k] += w
            if single and hsk:
                score[k] += 20 if hsk <= 3 else 10
            order.setdefault(k, wid)
    best = {}
    for (ch, p), sc in score.items():
        cand = (-sc, order[(ch, p)], p)
        if ch not in best or cand < best[ch]:
            best[ch] = cand
    return {ch: v[2] for ch, v in best.items()}


def build_zh(cedict, fold):
    """TERM (simplified; traditional too if its fold differs) -> keys."""
    by_term = collections.OrderedDict()
    for wid, trad, simp, nums, english, hsk in cedict:
        if len(simp) > MAX_CJK_TERM or not any(is_han(c) for c in simp):
            continue
        keys = keys_from_glosses(english)
        if not keys:
            continue
        proper = nums[:1].isupper()
        # rank: common words first (HSK), then lower-case-pinyin words, then names
        rank = (0 if hsk else 1, 1 if proper else 0, wid)
        terms = [simp]
        if fold_str(trad, fold) != simp:
            terms.append(trad)
        for t in terms:
            by_term.setdefault(t, []).append((rank, keys))
    rows = []
    for t, lst in by_term.items():
        lst.sort()
        rows.append((t, " ".join(merge_keys(*[k for _, k in lst]))))
    return rows


# --------------------------------------------------------------------------
# Japanese: EDICT


KANA = re.compile(r"^[\u3040-\u30FFー・]+$")
KATAKANA = re.compile(r"^[\u30A0-\u30FFー・]+$")
FUNCTION_POS = re.compile(r"\((?:[^)]*,)?(prt|aux|aux-v|aux-adj|conj|cop|cop-da|pn|int|exp)(,[^)]*)?\)")


def build_ja():
    raw = open(EDICT, "rb").read().decode("euc_jp")
    by_term = {}
    lines = raw.split("\n")[1:]  # first line is the header
    for ln, line in enumerate(lines):
        line = line.strip()
        if not line:
            continue
        m = re.match(r"^(\S+)(?: \[([^\]]+)\])? /(.*)/$", line)
        if not m:
            continue
        head, reading, body = m.group(1), m.group(2), m.group(3)
        fields = body.split("/")
        common = "(P)" in fields
        glosses = []
        for fld in fields:
            if fld == "(P)" or fld.startswith("EntL"):
                continue
            glosses.append(fld)
        keys = keys_from_glosses(glosses)
        if not keys:
            continue
        uk = "(uk)" in body
        function_word = bool(FUNCTION_POS.search(fields[0])) if fields else False
        terms = []
        if reading is None:
            # kana-only headword (no kanji writing exists)
            if KATAKANA.match(head):
                if len(head) >= 2:
                    terms.append(head)
            elif KANA.match(head):
                if len(head) >= 3 and not function_word:
                    terms.append(head)
            else:
                terms.append(head)  # e.g. Latin/ASCII headwords
        else:
            terms.append(head)
            if uk and not function_word and (len(reading) >= 3 or KATAKANA.match(reading)):
                terms.append(reading)
        for t in terms:
            if len(t) > (MAX_CJK_TERM if common else MAX_JA_UNCOMMON):
                continue
            by_term.setdefault(t, []).append(((0 if common else 1, ln), keys))
    for t in [t for t in by_term if "・" in t and t.replace("・", "") in by_term]:
        del by_term[t]
    rows = []
    for t, lst in by_term.items():
        lst.sort()
        rows.append((t, " ".join(merge_keys(*[k for _, k in lst]))))
    return rows, by_term


# --------------------------------------------------------------------------
# Korean: libhangul hanja.txt


def build_hanja(fold, zh_info, ja_info, productivity):
    """zh_info: {folded word: hsk>0}, ja_info: {folded word: common}."""
    words = collections.OrderedDict()
    singles = collections.OrderedDict()
    with open(HANJA_TXT, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split(":")
            if len(parts) < 2:
                continue
            hangul, hanja = parts[0], parts[1]
            if not hangul or not all(is_hangul_syllable(c) for c in hangul):
                continue
            if len(hanja) != len(hangul) or not all(is_han(c) for c in hanja):
                continue
            if len(hangul) == 1:
                singles.setdefault(hangul, [])
                if hanja not in singles[hangul]:
                    singles[hangul].append(hanja)
            else:
                words.setdefault(hangul, [])
                if hanja not in words[hangul]:
                    words[hangul].append(hanja)

    def attest(hj):
        fw = fold_str(hj, fold)
        s = 0
        if fw in zh_info:
            s += 1 + (3 if zh_info[fw] else 0)
        if fw in ja_info:
            s += 1 + (2 if ja_info[fw] else 0)
        return s

    rows = []
    # syllable -> hanja counts over attested words (used for the syllable table)
    syl_count = collections.Counter()
    for hangul, alts in words.items():
        if len(hangul) > MAX_CJK_TERM:
            continue
        # ties: how many zh/ja dictionary words contain it (a frequency proxy:
        # 美国 is in far more compounds than 米国), then file order
        scored = sorted(((-min(attest(h), 1), -productivity.get(fold_str(h, fold), 0),
                          -attest(h), i, h) for i, h in enumerate(alts)))
        # keep only readings attested as words in CC-CEDICT or EDICT (after folding):
        # the others cannot be bridged through the zh/ja lexicons anyway
        ordered = [h for s, _, _, _, h in scored if s < 0]
        if not ordered:
            continue
        rows.append((hangul, *ordered))
        top_s = -scored[0][2]
        for hs, hj in zip(hangul, scored[0][4]):
            syl_count[(hs, hj)] += top_s
    syl_rows = []
    for hs, alts in singles.items():
        # file convention: per syllable, the first hanja carry a reading gloss
        # ("나라 국") and the list starts with the most basic characters; refine by
        # how often each hanja is used for that syllable in attested words.
        best = max(alts, key=lambda h: (syl_count[(hs, h)], -alts.index(h)))
        syl_rows.append((hs, best))
    return rows, syl_rows


# --------------------------------------------------------------------------
# dictd (FreeDict, Mueller)


def b64n(s):
    A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    n = 0
    for ch in s:
        n = n * 64 + A.index(ch)
    return n


def read_dictd(name):
    """Yield (index headword, entry text) in index order (deduplicated offsets)."""
    data = gzip.open(os.path.join(DICTD, name + ".dict.dz")).read()
    seen = set()
    with open(os.path.join(DICTD, name + ".index"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 3 or p[0].startswith("00database") or p[0].startswith("00-database"):
                continue
            off, ln = b64n(p[1]), b64n(p[2])
            if (off, ln) in seen:
                continue
            seen.add((off, ln))
            yield p[0], data[off:off + ln].decode("utf-8", "replace")


def dictd_info(name):
    data = gzip.open(os.path.join(DICTD, name + ".dict.dz")).read(20000).decode("utf-8", "replace")
    ed = re.search(r"Edition:\s*(\S+)", data)
    av = re.search(r"Availability:\s*\n(.*?)\n\s*\n", data, re.S)
    return (ed.group(1) if ed else "?",
            re.sub(r"\s+", " ", av.group(1)).strip() if av else "?")


def parse_freedict_entry(text):
    """FreeDict/TEI dictd entry -> (headword, [translation strings], n_examples)."""
    lines = text.split("\n")
    head = re.sub(r"\s*/[^/]*/.*$", "", lines[0]).strip()
    head = re.sub(r"\s*<[^>]*>\s*$", "", head).strip()
    trans = []
    examples = 0
    for raw in lines[1:]:
        s = raw.strip()
        if not s:
            continue
        if s.startswith('"'):
            examples += 1
            continue
        if re.match(r"^(see:|Synonyms?:|Note:|Notes?:|Antonyms?:|Usage:|Syn\.)", s):
            continue
        if raw.startswith("   ") and trans:
            continue
        if re.match(r"^\d+\.\s", s):
            s = re.sub(r"^\d+\.\s*", "", s)
        # WikDict entries: line 2 = translations, line 3 = monolingual definition
        trans.append(s)
        if raw == lines[1] and len(lines) > 2 and lines[2] and not lines[2].startswith(" "):
            # could be a definition line (WikDict); handled by caller via max_lines
            pass
    return head, trans, examples


def split_alternatives(s):
    out = []
    for part in re.split(r"[,;]", strip_brackets(s)):
        part = re.sub(r"\s+", " ", part).strip()
        if part:
            out.append(part)
    return out


def foreign_eng(name, lower=True):
    """xxx-eng dictd -> {term: [english glosses in preferred order]}"""
    entries = collections.defaultdict(list)
    for i, (ikey, text) in enumerate(read_dictd(name)):
        head, trans, ex = parse_freedict_entry(text)
        if not head or "…" in head or "..." in head:
            continue
        term = head.lower() if lower else head
        gl = []
        for t in trans:
            gl.extend(split_alternatives(t))
        if gl:
            entries[term].append((-ex, i, gl))
            ikey = ikey.lower()
            if ikey != term and single_token(ikey):
                entries[ikey].append((-ex, i, gl))
    out = {}
    for term, lst in entries.items():
        lst.sort()
        # first gloss of each sense first (sense order), then the rest
        gl = [g[0] for _, _, g in lst] + [x for _, _, g in lst for x in g[1:]]
        out[term] = gl
    return out


def foreign_foreign(name, max_trans_lines=1):
    """WikDict / Ding xxx-deu etc -> {term: [target words in order]}"""
    out = collections.OrderedDict()
    for ikey, text in read_dictd(name):
        lines = text.split("\n")
        head = re.sub(r"\s*/[^/]*/.*$", "", lines[0]).strip()
        head = re.sub(r"\s*<[^>]*>\s*$", "", head).strip().lower()
        if not head:
            continue
        heads = [head]
        if ikey.lower() != head and single_token(ikey.lower()):
            heads.append(ikey.lower())
        tl = [l for l in lines[1:] if l.strip()]
        if not tl:
            continue
        if re.match(r"^\s*\d+\.", tl[0]):  # numbered senses (Ding-style)
            tl = [l for l in tl if re.match(r"^\s*\d+\.", l)]
        else:
            tl = tl[:max_trans_lines]
        targets = []
        for l in tl:
            l = re.sub(r"^\s*\d+\.\s*", "", l)
            targets.extend(split_alternatives(l))
        for h in heads:
            out.setdefault(h, [])
            out[h].extend(t for t in targets if t not in out[h])
    return out


def invert(fwd, freq=None):
    """{src: [tgt...]} -> {tgt_lower: [src...]}, ranked by the target's position in
    the source entry, then by commonness of src (freq), then shortness."""
    freq = freq or {}
    inv = collections.defaultdict(list)
    for src, tgts in fwd.items():
        for pos, t in enumerate(tgts):
            inv[t.lower()].append((min(pos, 3), -freq.get(src, 0), len(src), src))
    return {t: list(dict.fromkeys(x[3] for x in sorted(v))) for t, v in inv.items()}


def single_token(term):
    return bool(re.fullmatch(r"[\w'’.-]+", term)) and not term.isdigit()


def vocab_filter(keys, vocab):
    """Keep the first key; drop later keys unknown to the CJK gloss vocabulary (rare
    English words that mostly come from noisy senses)."""
    if not vocab:
        return keys
    return [k for i, k in enumerate(keys) if i == 0 or k in vocab]


def build_western(lang, direct, pivots, deu_keys, eng_inverted, vocab=None):
    """direct: {term: glosses}; pivots: [{term: [german words]}]; eng_inverted: {term: [english words]}"""
    terms = set(direct) | set(eng_inverted)
    for p in pivots:
        terms |= set(p)
    rows = []
    for t in terms:
        if not single_token(t) or len(t) > MAX_WESTERN_TERM:
            continue
        ks = []
        if t in direct:
            ks.append(keys_from_glosses(direct[t]))
        if t in eng_inverted:
            ks.append([w for w in eng_inverted[t] if re.fullmatch(r"[a-z]+", w) and w not in STOP][:2])
        for p in pivots:
            for de in p.get(t, [])[:2]:
                k = deu_keys.get(de.lower())
                if k:
                    ks.append(k[:2])
        keys = vocab_filter(merge_keys(*ks), vocab)
        if keys:
            rows.append((t, " ".join(keys)))
    return rows


def eng_inverted(name, en_freq, common=None, fold=lambda t: t):
    """eng-xxx dictd -> {xxx term: [english words]} (ranked as `invert` ranks).
    With `common` (a set of English words), headwords outside it are left out:
    an uncommon English word (taffy, gloater) offered as the only translation
    of a common foreign one (Welsh, happy) is mostly a wrong key. `fold`
    rewrites the foreign terms (Arabic: without short-vowel marks)."""
    fwd = {}
    for _, text in read_dictd(name):
        head, trans, _ = parse_freedict_entry(text)
        if common is not None and head.lower() not in common:
            continue
        fwd.setdefault(head.lower(), []).extend(fold(x) for tr in trans for x in split_alternatives(tr))
    return invert(fwd, en_freq)


# Arabic short-vowel marks (fathatan .. sukun, superscript alef) and the
# tatweel: the eng-ara dictionary writes them on some entries (الجمعيّة
# "association") and not on others (الجمعية "disassembly"), news text seldom.
ARABIC_MARKS = re.compile("[\u064B-\u0652\u0670\u0640]")


def arabic_fold(term):
    return ARABIC_MARKS.sub("", term)


def common_english(out):
    """English words of data/en_zipf.tsv (the 40,000 most frequent)."""
    with open(os.path.join(out, "en_zipf.tsv"), encoding="utf-8") as f:
        return {l.split("\t", 1)[0] for l in f}


def marked_token(term):
    """single_token, also for scripts whose words carry combining vowel signs
    (Devanagari) and Arabic diacritics."""
    return (all(c.isalnum() or unicodedata.category(c).startswith("M") or c in "'’.-" for c in term)
            and not term.isdigit() and bool(term))


def build_voted(direct, eng_inv, pivots, vocab, token_ok=None, direct_weight=0.5):
    """A lexicon from several dictionaries that vote. direct: {term: glosses}
    (a small xxx-eng dictionary whose gloss order is not by sense frequency);
    eng_inv: {term: [english words]}; pivots: [({term: [words of language P]},
    {P word: [english keys]})] (WikDict and Ding pairs to languages whose
    lexicon is built). Each source proposes its keys; a key scores 1/(1+rank)
    per source proposing it (half that from the direct dictionary), plus up
    to 0.25 for the key's commonness; keys below half the best score are
    dropped, so
    where the sources agree a first gloss of one source that is rarely meant
    does not lead (it "governo": government, by the es, ru and de pivots,
    over FreeDict's "administration"). Not always: nl "regering" still leads
    with "rule", which its FreeDict, French and German sources all offer."""
    terms = set(direct) | set(eng_inv)
    for d, _ in pivots:
        terms |= set(d)
    token_ok = token_ok or single_token
    rows = []
    for t in terms:
        if not token_ok(t) or len(t) > MAX_WESTERN_TERM:
            continue
        # (weight, [(rank, key)]) per source
        proposals = []
        if t in direct:
            proposals.append((direct_weight, list(enumerate(keys_from_glosses(direct[t])))))
        if t in eng_inv:
            ws = [w for w in eng_inv[t] if re.fullmatch(r"[a-z]+", w) and w not in STOP][:2]
            proposals.append((1.0, list(enumerate(ws))))
        for d, keymap in pivots:
            ks = [(wi + ki, k) for wi, w in enumerate(d.get(t, [])[:2])
                  for ki, k in enumerate(keymap.get(w.lower(), [])[:2])]
            if ks:
                proposals.append((1.0, ks))
        score = collections.defaultdict(float)
        first = {}
        for i, (weight, ks) in enumerate(proposals):
            seen = set()
            for r, k in ks:
                if k not in seen:
                    seen.add(k)
                    score[k] += weight / (1 + r)
                    first.setdefault(k, (i, r))
        if not score:
            continue
        # Commonness breaks near-ties: news words are common words
        # (government 396 glosses in CEDICT+EDICT, governorate 1).
        top = math.log1p(max(vocab.values())) if vocab else 1.0
        for k in score:
            score[k] += 0.25 * math.log1p(vocab.get(k, 0)) / top
        best = max(score.values())
        keys = sorted((k for k in score if score[k] >= best / 2), key=lambda k: (-score[k], first[k]))
        keys = vocab_filter(keys[:MAX_KEYS], vocab)
        if keys:
            rows.append((t, " ".join(keys)))
    return rows


# --------------------------------------------------------------------------
# Russian from Mueller (English->Russian), inverted


def mueller_pairs():
    """Yield (english headword, position, russian word) from mueller7."""
    for _, text in read_dictd("mueller7"):
        lines = text.split("\n")
        eng = lines[0].strip().lower()
        m = re.fullmatch(r"([a-z]+)-([a-z]+)", eng)
        if m and m.group(1) in JOIN_PREFIX:
            eng = m.group(1) + m.group(2)
        if not re.fullmatch(r"[a-z]{3,}", eng) or eng in STOP:
            continue
        body = " ".join(l.strip() for l in lines[1:])
        body = re.sub(r"\[[^\]]*\]", " ", body)      # transcription
        body = re.sub(r"_[^\s.]+\.", " ", body)      # _n. _физ. labels
        body = re.sub(r"\([^()]*\)", " ", body)
        body = re.sub(r"\b\d+[.)]\s*", " ; ", body)
        body = re.sub(r"\b[а-я]\)\s*", " ; ", body)
        pos = 0
        for seg in re.split(r"[;,:]", body):
            seg = seg.strip()
            if not seg or re.search(r"[A-Za-z]", seg):
                continue  # English example phrase or leftover
            words = seg.split()
            if len(words) == 1 and re.fullmatch(r"[а-яё-]+", words[0]) and len(words[0]) > 1:
                yield eng, pos, words[0].replace("ё", "е")
                pos += 1
            elif words:
                pos += 1


def build_ru(deu_keys, en_freq):
    cand = collections.defaultdict(dict)  # ru -> eng -> best score

    def add(ru, eng, score):
        ru = ru.lower().replace("ё", "е")
        if not re.fullmatch(r"[а-я][а-я-]*", ru) or not re.fullmatch(r"[a-z]{3,}", eng) or eng in STOP:
            return
        cur = cand[ru].get(eng)
        if cur is None or score < cur:
            cand[ru][eng] = score

    for eng, pos, ru in mueller_pairs():
        add(ru, eng, (0, min(pos, 5), -en_freq.get(eng, 0), len(eng)))
    for _, text in read_dictd("freedict-eng-rus"):
        head, trans, _ = parse_freedict_entry(text)
        for pos, t in enumerate(x for tr in trans for x in split_alternatives(tr)):
            if " " not in t:
                add(t, head.lower(), (0, min(pos, 5), -en_freq.get(head.lower(), 0), len(head)))
    # pivot through German (WikDict deu-rus + Ding deu-eng)
    for de, rus in foreign_foreign("freedict-deu-rus").items():
        ks = deu_keys.get(de)
        if not ks:
            continue
        for pos, ru in enumerate(rus):
            if " " in ru:
                continue
            for j, k in enumerate(ks[:2]):
                add(ru, k, (1, min(pos + j, 5), -en_freq.get(k, 0), len(k)))
    rows = []
    for ru, engs in cand.items():
        if len(ru) > MAX_WESTERN_TERM:
            continue
        best = [e for e, _ in sorted(engs.items(), key=lambda kv: (kv[1], kv[0]))[:MAX_KEYS]]
        best = vocab_filter(best, en_freq)
        rows.append((ru, " ".join(best)))
    return rows


# --------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="data")
    ap.add_argument("--cedict", required=True)
    args = ap.parse_args()
    out = args.out
    os.makedirs(os.path.join(out, "lexicon"), exist_ok=True)
    counts = {}

    print("loading CC-CEDICT ...", file=sys.stderr)
    cedict = load_cedict(args.cedict)
    cedict_single = collections.defaultdict(list)
    for wid, trad, simp, nums, english, hsk in cedict:
        if len(simp) == 1 and simp == trad:
            cedict_single[simp].extend(english)

    print("han_fold ...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        occ = load_opencc(tmp)
    fold, refused = build_fold(occ, cedict_single)
    n_var = extend_fold(fold, load_unihan_variants(), cedict_single, occ)
    print(f"  {n_var} extra variants from Unihan/NFC", file=sys.stderr)
    counts["han_fold.tsv"] = write_tsv(os.path.join(out, "han_fold.tsv"), fold.items())
    print("  JP mappings refused (ordinary Chinese characters):",
          " ".join(f"{a}->{b}" for a, b in refused), file=sys.stderr)

    print("pinyin ...", file=sys.stderr)
    py = build_pinyin(cedict, fold)
    counts["pinyin.tsv"] = write_tsv(os.path.join(out, "pinyin.tsv"), py.items())

    print("zh lexicon ...", file=sys.stderr)
    zh_rows = build_zh(cedict, fold)
    counts["lexicon/zh.tsv"] = write_tsv(os.path.join(out, "lexicon", "zh.tsv"), zh_rows)

    print("ja lexicon ...", file=sys.stderr)
    ja_rows, ja_terms = build_ja()
    counts["lexicon/ja.tsv"] = write_tsv(os.path.join(out, "lexicon", "ja.tsv"), ja_rows)

    print("hanja ...", file=sys.stderr)
    zh_info = {}
    for wid, trad, simp, nums, english, hsk in cedict:
        k = fold_str(simp, fold)
        zh_info[k] = zh_info.get(k, False) or bool(hsk)
    ja_info = {}
    for t, lst in ja_terms.items():
        k = fold_str(t, fold)
        ja_info[k] = ja_info.get(k, False) or any(r[0] == 0 for r, _ in lst)
    productivity = collections.Counter()
    for w in set(zh_info) | set(ja_info):
        subs = set()
        for n in range(2, min(len(w), 6) + 1):
            for i in range(len(w) - n + 1):
                subs.add(w[i:i + n])
        productivity.update(subs)
    hj_rows, syl_rows = build_hanja(fold, zh_info, ja_info, productivity)
    counts["hanja.tsv"] = write_tsv(os.path.join(out, "hanja.tsv"), hj_rows)
    counts["hanja_syllable.tsv"] = write_tsv(os.path.join(out, "hanja_syllable.tsv"), syl_rows)

    print("de/fr/es lexicons ...", file=sys.stderr)
    deu = foreign_eng("freedict-deu-eng")
    deu_keys = {t: keys_from_glosses(g) for t, g in deu.items()}
    # English-gloss frequency across CEDICT+EDICT keys: a cheap commonness proxy
    en_freq = collections.Counter()
    for _, ks in zh_rows + ja_rows:
        en_freq.update(ks.split())
    de_rows = build_western("de", deu, [], {}, {}, en_freq)
    counts["lexicon/de.tsv"] = write_tsv(os.path.join(out, "lexicon", "de.tsv"), de_rows)
    for lang, direct_name, eng_x, x_deu, deu_x in [
            ("fr", "freedict-fra-eng", "freedict-eng-fra", ["freedict-fra-deu"], "freedict-deu-fra"),
            ("es", "freedict-spa-eng", "freedict-eng-spa", ["freedict-spa-deu"], "freedict-deu-spa")]:
        direct = foreign_eng(direct_name)
        eng_fwd = {}
        for _, text in read_dictd(eng_x):
            head, trans, _ = parse_freedict_entry(text)
            tl = [x for tr in trans for x in split_alternatives(tr)]
            eng_fwd.setdefault(head.lower(), []).extend(tl)
        eng_inv = invert(eng_fwd, en_freq)
        pivots = [foreign_foreign(n) for n in x_deu]
        pivots.append(invert(foreign_foreign(deu_x)))
        rows = build_western(lang, direct, pivots, deu_keys, eng_inv, en_freq)
        counts[f"lexicon/{lang}.tsv"] = write_tsv(os.path.join(out, "lexicon", f"{lang}.tsv"), rows)

    print("ru lexicon ...", file=sys.stderr)
    ru_rows = build_ru(deu_keys, en_freq)
    counts["lexicon/ru.tsv"] = write_tsv(os.path.join(out, "lexicon", "ru.tsv"), ru_rows)

    # Italian, Portuguese, Dutch, Swedish, Turkish, Greek, Polish, Finnish,
    # Hungarian, Czech, Indonesian, Norwegian: a vote (build_voted) over what
    # Debian's FreeDict packages offer for each: an xx-eng dictionary (WikDict
    # ones are sense-ordered and vote at full weight, FreeDict ones at half),
    # eng-xx inverted, and pairs to languages built before, read through
    # their lexicons. Each built lexicon can pivot the ones after it.
    print("it/pt/nl/sv/tr/el/pl/fi/hu/cs/id/no lexicons ...", file=sys.stderr)
    keymaps = {"de": deu_keys}
    for lang in ["fr", "es", "ru"]:
        with open(os.path.join(out, "lexicon", f"{lang}.tsv"), encoding="utf-8") as f:
            keymaps[lang] = {a: b.split() for a, _, b in (l.rstrip("\n").partition("\t") for l in f)}

    def freedict(code):
        return foreign_eng(f"freedict-{code}-eng"), 0.5

    def wikdict(code):
        return foreign_foreign(f"freedict-{code}-eng"), 1.0

    def freedict_inverted(code):
        return eng_inverted(f"freedict-eng-{code}", en_freq)

    def wikdict_inverted(code):
        return invert(foreign_foreign(f"freedict-eng-{code}"), en_freq)

    def none(code):
        return {}, 0.5

    de, fr, es, ru = ("deu", "de"), ("fra", "fr"), ("spa", "es"), ("rus", "ru")
    # (lang, code, direct, eng-xx, xx-P pivots, P-xx pivots, token check);
    # it/pt/nl keep the stricter token check they were first built with.
    table = [
        ("it", "ita", freedict, freedict_inverted, [es, ru, de], [fr, de], single_token),
        ("pt", "por", freedict, freedict_inverted, [es, fr, de], [fr, de], single_token),
        ("nl", "nld", freedict, freedict_inverted, [es, ru, fr, de], [fr, de], single_token),
        ("sv", "swe", freedict, freedict_inverted, [de, fr, es, ru], [de, fr], marked_token),
        ("tr", "tur", freedict, freedict_inverted, [de], [de, fr], marked_token),
        ("el", "ell", wikdict, freedict_inverted, [fr, es, ru], [de, fr], marked_token),
        ("pl", "pol", wikdict, freedict_inverted, [de, fr, es, ru], [de, fr], marked_token),
        ("fi", "fin", wikdict, wikdict_inverted, [de, fr], [de, fr], marked_token),
        ("hu", "hun", freedict, freedict_inverted, [], [], marked_token),
        ("cs", "ces", freedict, freedict_inverted, [], [], marked_token),
        ("id", "ind", none, wikdict_inverted, [], [de, ("ita", "it"), ("nld", "nl"), ("fin", "fi")],
         marked_token),
        ("no", "nor", none, wikdict_inverted, [], [("swe", "sv"), ("ita", "it")], marked_token),
    ]
    for lang, code, direct_of, inverted_of, fwd, inv, token_ok in table:
        direct, weight = direct_of(code)
        pivots = [(foreign_foreign(f"freedict-{code}-{p}"), keymaps[k]) for p, k in fwd]
        pivots += [(invert(foreign_foreign(f"freedict-{p}-{code}")), keymaps[k]) for p, k in inv]
        rows = build_voted(direct, inverted_of(code), pivots, en_freq, token_ok=token_ok,
                           direct_weight=weight)
        counts[f"lexicon/{lang}.tsv"] = write_tsv(os.path.join(out, "lexicon", f"{lang}.tsv"), rows)
        keymaps[lang] = {t: k.split() for t, k in rows}

    # Arabic: FreeDict ara-eng (mostly Wikipedia titles, names with their
    # English spelling among them) and eng-ara inverted; entries carry the
    # article (الحكومة), which the runtime's Snowball stemmer removes on both
    # sides. Hindi: eng-hin inverted (no stemmer: exact forms).
    # Both dictionaries are small and noisy: English headwords outside the
    # 40,000 most frequent are left out of the inverted ones, and ara-eng
    # (itself largely eng-ara inverted) loses glosses that are such rare
    # eng-ara headwords (Wikipedia names stay). Arabic terms are folded
    # without short-vowel marks, so their spellings vote together.
    print("ar/hi lexicons ...", file=sys.stderr)
    common = common_english(out)
    ara_heads = {parse_freedict_entry(t)[0].lower() for _, t in read_dictd("freedict-eng-ara")}
    ar_direct = collections.defaultdict(list)
    for t, gl in foreign_eng("freedict-ara-eng").items():
        ar_direct[arabic_fold(t)].extend(g for g in gl if g.lower() in common or g.lower() not in ara_heads)
    ar_direct = {t: list(dict.fromkeys(gl)) for t, gl in ar_direct.items() if gl}
    ar_rows = build_voted(ar_direct, eng_inverted("freedict-eng-ara", en_freq, common, arabic_fold),
                          [], en_freq, token_ok=marked_token)
    counts["lexicon/ar.tsv"] = write_tsv(os.path.join(out, "lexicon", "ar.tsv"), ar_rows)
    hi_rows = build_voted({}, eng_inverted("freedict-eng-hin", en_freq, common), [], en_freq,
                          token_ok=marked_token)
    counts["lexicon/hi.tsv"] = write_tsv(os.path.join(out, "lexicon", "hi.tsv"), hi_rows)

    # provenance
    src = [("package", "version", "licence", "used_for")]
    src.append(("libopencc-data (+opencc for opencc_dict)", pkg_version("libopencc-data"), "Apache-2.0", "han_fold.tsv"))
    src.append(("libhangul-data hanja.txt", pkg_version("libhangul-data"), "BSD-3-Clause", "hanja.tsv hanja_syllable.tsv"))
    src.append(("crates.io chinese_dictionary (CC-CEDICT data)", "2.1.3", "CC-BY-SA-4.0 (data); crate MIT", "pinyin.tsv lexicon/zh.tsv; hanja ranking"))
    src.append(("edict (EDRDG EDICT)", pkg_version("edict"), "CC-BY-SA-3.0 (EDRDG licence)", "lexicon/ja.tsv; hanja ranking"))
    src.append(("unicode-data Unihan_Variants.txt", pkg_version("unicode-data"),
                "Unicode License (Unicode, Inc. data files licence)", "han_fold.tsv (variants OpenCC lacks)"))
    for name, pkg, used in [
            ("freedict-deu-eng", "dict-freedict-deu-eng", "lexicon/de.tsv; pivot for fr es ru"),
            ("freedict-fra-eng", "dict-freedict-fra-eng", "lexicon/fr.tsv"),
            ("freedict-eng-fra", "dict-freedict-eng-fra", "lexicon/fr.tsv (inverted)"),
            ("freedict-fra-deu", "dict-freedict-fra-deu", "lexicon/fr.tsv (pivot via de)"),
            ("freedict-deu-fra", "dict-freedict-deu-fra", "lexicon/fr.tsv (inverted, pivot via de)"),
            ("freedict-spa-eng", "dict-freedict-spa-eng", "lexicon/es.tsv"),
            ("freedict-eng-spa", "dict-freedict-eng-spa", "lexicon/es.tsv (inverted)"),
            ("freedict-spa-deu", "dict-freedict-spa-deu", "lexicon/es.tsv (pivot via de)"),
            ("freedict-deu-spa", "dict-freedict-deu-spa", "lexicon/es.tsv (inverted, pivot via de)"),
            ("freedict-ita-eng", "dict-freedict-ita-eng", "lexicon/it.tsv"),
            ("freedict-eng-ita", "dict-freedict-eng-ita", "lexicon/it.tsv (inverted)"),
            ("freedict-ita-spa", "dict-freedict-ita-spa", "lexicon/it.tsv (pivot via es)"),
            ("freedict-ita-rus", "dict-freedict-ita-rus", "lexicon/it.tsv (pivot via ru)"),
            ("freedict-ita-deu", "dict-freedict-ita-deu", "lexicon/it.tsv (pivot via de)"),
            ("freedict-fra-ita", "dict-freedict-fra-ita", "lexicon/it.tsv (inverted, pivot via fr)"),
            ("freedict-deu-ita", "dict-freedict-deu-ita", "lexicon/it.tsv (inverted, pivot via de)"),
            ("freedict-por-eng", "dict-freedict-por-eng", "lexicon/pt.tsv"),
            ("freedict-eng-por", "dict-freedict-eng-por", "lexicon/pt.tsv (inverted)"),
            ("freedict-por-spa", "dict-freedict-por-spa", "lexicon/pt.tsv (pivot via es)"),
            ("freedict-por-fra", "dict-freedict-por-fra", "lexicon/pt.tsv (pivot via fr)"),
            ("freedict-por-deu", "dict-freedict-por-deu", "lexicon/pt.tsv (pivot via de)"),
            ("freedict-fra-por", "dict-freedict-fra-por", "lexicon/pt.tsv (inverted, pivot via fr)"),
            ("freedict-deu-por", "dict-freedict-deu-por", "lexicon/pt.tsv (inverted, pivot via de)"),
            ("freedict-nld-eng", "dict-freedict-nld-eng", "lexicon/nl.tsv"),
            ("freedict-eng-nld", "dict-freedict-eng-nld", "lexicon/nl.tsv (inverted)"),
            ("freedict-nld-spa", "dict-freedict-nld-spa", "lexicon/nl.tsv (pivot via es)"),
            ("freedict-nld-rus", "dict-freedict-nld-rus", "lexicon/nl.tsv (pivot via ru)"),
            ("freedict-nld-fra", "dict-freedict-nld-fra", "lexicon/nl.tsv (pivot via fr)"),
            ("freedict-nld-deu", "dict-freedict-nld-deu", "lexicon/nl.tsv (pivot via de)"),
            ("freedict-fra-nld", "dict-freedict-fra-nld", "lexicon/nl.tsv (inverted, pivot via fr)"),
            ("freedict-deu-nld", "dict-freedict-deu-nld", "lexicon/nl.tsv (inverted, pivot via de)"),
            ("freedict-swe-eng", "dict-freedict-swe-eng", "lexicon/sv.tsv"),
            ("freedict-eng-swe", "dict-freedict-eng-swe", "lexicon/sv.tsv (inverted)"),
            ("freedict-swe-deu", "dict-freedict-swe-deu", "lexicon/sv.tsv (pivot via de)"),
            ("freedict-swe-fra", "dict-freedict-swe-fra", "lexicon/sv.tsv (pivot via fr)"),
            ("freedict-swe-spa", "dict-freedict-swe-spa", "lexicon/sv.tsv (pivot via es)"),
            ("freedict-swe-rus", "dict-freedict-swe-rus", "lexicon/sv.tsv (pivot via ru)"),
            ("freedict-deu-swe", "dict-freedict-deu-swe", "lexicon/sv.tsv (inverted, pivot via de)"),
            ("freedict-fra-swe", "dict-freedict-fra-swe", "lexicon/sv.tsv (inverted, pivot via fr)"),
            ("freedict-tur-eng", "dict-freedict-tur-eng", "lexicon/tr.tsv"),
            ("freedict-eng-tur", "dict-freedict-eng-tur", "lexicon/tr.tsv (inverted)"),
            ("freedict-tur-deu", "dict-freedict-tur-deu", "lexicon/tr.tsv (pivot via de)"),
            ("freedict-deu-tur", "dict-freedict-deu-tur", "lexicon/tr.tsv (inverted, pivot via de)"),
            ("freedict-fra-tur", "dict-freedict-fra-tur", "lexicon/tr.tsv (inverted, pivot via fr)"),
            ("freedict-ell-eng", "dict-freedict-ell-eng", "lexicon/el.tsv"),
            ("freedict-eng-ell", "dict-freedict-eng-ell", "lexicon/el.tsv (inverted)"),
            ("freedict-ell-fra", "dict-freedict-ell-fra", "lexicon/el.tsv (pivot via fr)"),
            ("freedict-ell-spa", "dict-freedict-ell-spa", "lexicon/el.tsv (pivot via es)"),
            ("freedict-ell-rus", "dict-freedict-ell-rus", "lexicon/el.tsv (pivot via ru)"),
            ("freedict-deu-ell", "dict-freedict-deu-ell", "lexicon/el.tsv (inverted, pivot via de)"),
            ("freedict-fra-ell", "dict-freedict-fra-ell", "lexicon/el.tsv (inverted, pivot via fr)"),
            ("freedict-pol-eng", "dict-freedict-pol-eng", "lexicon/pl.tsv"),
            ("freedict-eng-pol", "dict-freedict-eng-pol", "lexicon/pl.tsv (inverted)"),
            ("freedict-pol-deu", "dict-freedict-pol-deu", "lexicon/pl.tsv (pivot via de)"),
            ("freedict-pol-fra", "dict-freedict-pol-fra", "lexicon/pl.tsv (pivot via fr)"),
            ("freedict-pol-spa", "dict-freedict-pol-spa", "lexicon/pl.tsv (pivot via es)"),
            ("freedict-pol-rus", "dict-freedict-pol-rus", "lexicon/pl.tsv (pivot via ru)"),
            ("freedict-deu-pol", "dict-freedict-deu-pol", "lexicon/pl.tsv (inverted, pivot via de)"),
            ("freedict-fra-pol", "dict-freedict-fra-pol", "lexicon/pl.tsv (inverted, pivot via fr)"),
            ("freedict-fin-eng", "dict-freedict-fin-eng", "lexicon/fi.tsv"),
            ("freedict-eng-fin", "dict-freedict-eng-fin", "lexicon/fi.tsv (inverted)"),
            ("freedict-fin-deu", "dict-freedict-fin-deu", "lexicon/fi.tsv (pivot via de)"),
            ("freedict-fin-fra", "dict-freedict-fin-fra", "lexicon/fi.tsv (pivot via fr)"),
            ("freedict-deu-fin", "dict-freedict-deu-fin", "lexicon/fi.tsv (inverted, pivot via de)"),
            ("freedict-fra-fin", "dict-freedict-fra-fin", "lexicon/fi.tsv (inverted, pivot via fr)"),
            ("freedict-hun-eng", "dict-freedict-hun-eng", "lexicon/hu.tsv"),
            ("freedict-eng-hun", "dict-freedict-eng-hun", "lexicon/hu.tsv (inverted)"),
            ("freedict-ces-eng", "dict-freedict-ces-eng", "lexicon/cs.tsv"),
            ("freedict-eng-ces", "dict-freedict-eng-ces", "lexicon/cs.tsv (inverted)"),
            ("freedict-eng-ind", "dict-freedict-eng-ind", "lexicon/id.tsv (inverted)"),
            ("freedict-deu-ind", "dict-freedict-deu-ind", "lexicon/id.tsv (inverted, pivot via de)"),
            ("freedict-ita-ind", "dict-freedict-ita-ind", "lexicon/id.tsv (inverted, pivot via it)"),
            ("freedict-nld-ind", "dict-freedict-nld-ind", "lexicon/id.tsv (inverted, pivot via nl)"),
            ("freedict-fin-ind", "dict-freedict-fin-ind", "lexicon/id.tsv (inverted, pivot via fi)"),
            ("freedict-eng-nor", "dict-freedict-eng-nor", "lexicon/no.tsv (inverted)"),
            ("freedict-swe-nor", "dict-freedict-swe-nor", "lexicon/no.tsv (inverted, pivot via sv)"),
            ("freedict-ita-nor", "dict-freedict-ita-nor", "lexicon/no.tsv (inverted, pivot via it)"),
            ("freedict-ara-eng", "dict-freedict-ara-eng", "lexicon/ar.tsv"),
            ("freedict-eng-ara", "dict-freedict-eng-ara", "lexicon/ar.tsv (inverted)"),
            ("freedict-eng-hin", "dict-freedict-eng-hin", "lexicon/hi.tsv (inverted)"),
            ("freedict-eng-rus", "dict-freedict-eng-rus", "lexicon/ru.tsv (inverted)"),
            ("freedict-deu-rus", "dict-freedict-deu-rus", "lexicon/ru.tsv (inverted, pivot via de)"),
            ("mueller7", "mueller7-dict", "lexicon/ru.tsv (inverted)")]:
        ed, av = dictd_info(name)
        if name == "mueller7":  # no dictd header; licence from the Debian copyright file
            ed, av = "7 (2002-02-27)", ("Copyright (C) 1996 S. Starostin, (C) 1999-2000 "
                                         "E.S.Cymbalyuk; GNU General Public License v2 or later")
        src.append((f"{pkg} ({name} edition {ed})", pkg_version(pkg), av, used))
    with open(os.path.join(out, "SOURCES.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for r in src:
            f.write("\t".join(r) + "\n")

    # report + spot checks
    print("\n== files")
    for rel in sorted(counts):
        p = os.path.join(out, rel)
        print(f"{rel:24s} {counts[rel]:8d} lines {os.path.getsize(p):10d} bytes")
    total = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(out) for f in fs)
    print(f"{'total data/':24s} {'':14s} {total:10d} bytes")

    def lookup(rel, keys):
        m = {}
        with open(os.path.join(out, rel), encoding="utf-8") as f:
            for line in f:
                a, _, b = line.rstrip("\n").partition("\t")
                m[a] = b
        print(f"-- {rel}")
        for k in keys:
            print(f"   {k}\t{m.get(k, '<missing>')}")

    print("\n== spot checks")
    lookup("han_fold.tsv", list("國體導經済沢広気発両図対関総歩擧眞敎爲靑"))
    lookup("hanja.tsv", ["반도체", "상무장관", "공동성명", "협력", "미국", "일본"])
    lookup("hanja_syllable.tsv", ["국", "도", "반", "미"])
    lookup("pinyin.tsv", list("雷蒙多底特律的行长"))
    lookup("lexicon/zh.tsv", ["半导体", "底特律", "商务部长", "合作", "芯片", "联合声明"])
    lookup("lexicon/ja.tsv", ["半導体", "協力", "共同声明", "商務長官", "サプライチェーン"])
    lookup("lexicon/de.tsv", ["halbleiter", "zusammenarbeit"])
    lookup("lexicon/fr.tsv", ["semi-conducteur", "semiconducteur", "coopération"])
    lookup("lexicon/es.tsv", ["semiconductor", "cooperación"])
    lookup("lexicon/ru.tsv", ["полупроводник", "сотрудничество"])
    lookup("lexicon/it.tsv", ["semiconduttore", "cooperazione", "governo", "accordo", "vertice", "elezioni"])
    lookup("lexicon/pt.tsv", ["semicondutor", "cooperação", "governo", "acordo", "cimeira", "eleições"])
    lookup("lexicon/nl.tsv", ["halfgeleider", "samenwerking", "regering", "overeenkomst", "top", "verkiezingen"])
    lookup("lexicon/sv.tsv", ["regering", "kriget", "krig", "avtal", "val", "företag"])
    lookup("lexicon/tr.tsv", ["hükümet", "savaş", "anlaşma", "seçim", "şirket", "başkan"])
    lookup("lexicon/el.tsv", ["κυβέρνηση", "πόλεμος", "συμφωνία", "εκλογές", "εταιρεία", "πρόεδρος"])
    lookup("lexicon/pl.tsv", ["rząd", "wojna", "porozumienie", "wybory", "firma", "prezydent"])
    lookup("lexicon/fi.tsv", ["hallitus", "sota", "sopimus", "vaalit", "yritys", "presidentti"])
    lookup("lexicon/hu.tsv", ["kormány", "háború", "megállapodás", "választás", "cég", "elnök"])
    lookup("lexicon/cs.tsv", ["vláda", "válka", "dohoda", "volby", "firma", "prezident"])
    lookup("lexicon/id.tsv", ["pemerintah", "perang", "perjanjian", "pemilihan", "perusahaan", "presiden"])
    lookup("lexicon/no.tsv", ["regjering", "krig", "avtale", "valg", "selskap", "president"])
    lookup("lexicon/ar.tsv", ["الحكومة", "الحرب", "البرلمان", "روسيا", "الوزير"])
    lookup("lexicon/hi.tsv", ["सरकार", "युद्ध", "संसद", "चुनाव", "मंत्री"])


if __name__ == "__main__":
    main()
