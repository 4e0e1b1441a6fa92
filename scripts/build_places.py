#!/usr/bin/env python3
"""Derive data/places.tsv: country/territory names in many languages -> one key.

Needs (Debian bookworm), nothing else; stdlib-only Python 3.11:

    apt-get update
    apt-get install -y unicode-cldr-core iso-codes \
        wamerican wngerman wfrench wspanish witalian wportuguese wdutch

Usage (from anywhere):

    python3 scripts/build_places.py            # writes data/places.tsv, prints stats
    python3 scripts/build_places.py --out FILE

Sources
  * CLDR territory display names, every locale of
    /usr/share/unicode/cldr/common/main/*.xml (<localeDisplayNames><territories>,
    incl. alt="short" and alt="variant"; draft="unconfirmed" entries skipped).
    Unicode License (Unicode-DFS-2016 / Unicode License v3).
  * iso-codes translations of ISO 3166-1 names,
    /usr/share/locale/*/LC_MESSAGES/iso_3166-1.mo (+ the English msgids from
    /usr/share/iso-codes/json/iso_3166-1.json). LGPL-2.1+.
  * Word lists (wamerican, wngerman, wfrench, wspanish, witalian, wportuguese,
    wdutch; /usr/share/dict/*), used only as a filter. A CLDR/iso-codes name
    that is a lowercase common word of another language is dropped when
      - it is an English common word and not an English name of that place
        (en "sin", "sad" [hr SAD = USA], "pain", "island" [de Island]), or
      - none of these seven languages names the place so (pt "sua", de "nie").
    A name used by one of the seven languages is kept otherwise (fr "japon"
    although nl "japon"; de "polen"). Nothing of the lists is copied.
  * A hand-written supplement (SUPPLEMENT_* below) of news usage CLDR lacks:
    abbreviations, demonyms, adjectives, a few case forms, CJK news forms.

Output: one `NAME<TAB>KEY` a line, sorted, UTF-8, no header.
  NAME: NFC, lowercased with str.lower() (CJK unchanged), single spaces.
  KEY:  English CLDR short name, ASCII-folded, lowercased, only [a-z0-9]
        (US->usa, GB->uk, KR->southkorea, KP->northkorea, EU->eu, UN->un).
Names that map to more than one key in CLDR/iso-codes are dropped (the
supplement, being hand-checked, wins over them). Dropped from CLDR/iso-codes:
single characters (so no single CJK characters), Latin/Cyrillic/Greek names of
at most two letters (es "RU"=UK, fr "NU"=UN...), names with a comma
("Korea, Republic of"); parenthesised parts are cut ("Myanmar (Burma)").
"""
from __future__ import annotations

import argparse
import collections
import gettext
import glob
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

CLDR_MAIN = "/usr/share/unicode/cldr/common/main"
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
ISO_MO_GLOB = "/usr/share/locale/*/LC_MESSAGES/iso_3166-1.mo"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "data", "places.tsv")

# Two-letter codes that are not places (pseudo/private-use regions, Eurozone).
EXCLUDED_CODES = {"ZZ", "QO", "XA", "XB", "EZ"}
# Numeric/other region codes kept although not two-letter ISO countries.
EXTRA_CODES = {"EU", "UN"}
# iso-codes official names ("Federal Republic of Germany") are used only for
# these codes, whose long forms occur in news; for the others they would add
# ~12k lines / 0.5 MB of forms hardly ever written.
OFFICIAL_NAME_CODES = {"CN", "KP", "KR", "US", "GB", "RU", "IR", "VN", "LA", "CD", "CG", "SY", "TW"}
KEY_OVERRIDES = {"US": "usa", "GB": "uk", "KR": "southkorea", "KP": "northkorea",
                 "EU": "eu", "UN": "un"}

# Lowercase common words of these languages are not taken from CLDR/iso-codes
# unless that language names the same place so (see docstring).
WORD_LISTS = {
    "en": "/usr/share/dict/american-english",  # wamerican
    "de": "/usr/share/dict/ngerman",           # wngerman
    "fr": "/usr/share/dict/french",            # wfrench
    "es": "/usr/share/dict/spanish",           # wspanish
    "it": "/usr/share/dict/italian",           # witalian
    "pt": "/usr/share/dict/portuguese",        # wportuguese
    "nl": "/usr/share/dict/dutch",             # wdutch
}

# Lowercased names never taken from CLDR/iso-codes (common words).
BLOCKLIST = {
    "man", "sam", "poo",  # "Man" (Isle of Man short), en "Sam", "poo" (US, some locale)
    "中非",  # Central African Rep., but in news mostly "China-Africa" (中非合作)
}

# ---------------------------------------------------------------------------
# Hand-written supplement: news usage CLDR lacks. Keys must be derived keys.
# ---------------------------------------------------------------------------

SUPPLEMENT_EN = {
    "usa": ["us", "u.s.", "u.s", "usa", "u.s.a.", "america", "american", "americans"],
    "uk": ["uk", "u.k.", "britain", "great britain", "british", "briton", "britons"],
    "eu": ["eu", "e.u."],
    "un": ["u.n."],
    "china": ["chinese", "prc"],
    "japan": ["japanese"],
    "southkorea": ["korea", "korean", "koreans", "south korean", "south koreans", "rok"],
    "northkorea": ["north korean", "north koreans", "dprk"],
    "taiwan": ["taiwanese"],
    "hongkong": ["hongkonger", "hongkongers"],
    "germany": ["german", "germans"],
    "france": ["french"],
    "russia": ["russian", "russians"],
    "ukraine": ["ukrainian", "ukrainians"],
    "belarus": ["belarusian", "belarusians"],
    "india": ["indian", "indians"],
    "pakistan": ["pakistani", "pakistanis"],
    "bangladesh": ["bangladeshi", "bangladeshis"],
    "srilanka": ["sri lankan", "sri lankans"],
    "nepal": ["nepalese", "nepali"],
    "afghanistan": ["afghan", "afghans"],
    "israel": ["israeli", "israelis"],
    "palestine": ["palestinian", "palestinians"],
    "iran": ["iranian", "iranians"],
    "iraq": ["iraqi", "iraqis"],
    "syria": ["syrian", "syrians"],
    "lebanon": ["lebanese"],
    "jordan": ["jordanian", "jordanians"],
    "turkey": ["turkish", "turk", "turks"],
    "saudiarabia": ["saudi", "saudis"],
    "yemen": ["yemeni", "yemenis"],
    "qatar": ["qatari", "qataris"],
    "unitedarabemirates": ["emirati", "emiratis", "uae", "u.a.e."],
    "kuwait": ["kuwaiti", "kuwaitis"],
    "egypt": ["egyptian", "egyptians"],
    "libya": ["libyan", "libyans"],
    "tunisia": ["tunisian", "tunisians"],
    "algeria": ["algerian", "algerians"],
    "morocco": ["moroccan", "moroccans"],
    "sudan": ["sudanese"],
    "ethiopia": ["ethiopian", "ethiopians"],
    "kenya": ["kenyan", "kenyans"],
    "nigeria": ["nigerian", "nigerians"],
    "southafrica": ["south african", "south africans"],
    "somalia": ["somali", "somalis"],
    "congokinshasa": ["drc"],
    "mexico": ["mexican", "mexicans"],
    "canada": ["canadian", "canadians"],
    "brazil": ["brazilian", "brazilians"],
    "argentina": ["argentine", "argentinian", "argentinians", "argentines"],
    "chile": ["chilean", "chileans"],
    "colombia": ["colombian", "colombians"],
    "venezuela": ["venezuelan", "venezuelans"],
    "peru": ["peruvian", "peruvians"],
    "cuba": ["cuban", "cubans"],
    "australia": ["australian", "australians"],
    "newzealand": ["new zealander", "new zealanders"],
    "italy": ["italian", "italians"],
    "spain": ["spanish", "spaniard", "spaniards"],
    "portugal": ["portuguese"],
    "netherlands": ["dutch", "holland"],
    "belgium": ["belgian", "belgians"],
    "switzerland": ["swiss"],
    "austria": ["austrian", "austrians"],
    "ireland": ["irish"],
    "poland": ["polish"],
    "czechia": ["czech", "czechs"],
    "hungary": ["hungarian", "hungarians"],
    "romania": ["romanian", "romanians"],
    "bulgaria": ["bulgarian", "bulgarians"],
    "greece": ["greek", "greeks"],
    "serbia": ["serbian", "serbians", "serb", "serbs"],
    "croatia": ["croatian", "croatians", "croat", "croats"],
    "sweden": ["swedish", "swede", "swedes"],
    "norway": ["norwegian", "norwegians"],
    "denmark": ["danish", "dane", "danes"],
    "finland": ["finnish", "finn", "finns"],
    "georgia": ["georgian", "georgians"],
    "armenia": ["armenian", "armenians"],
    "azerbaijan": ["azerbaijani", "azerbaijanis"],
    "kazakhstan": ["kazakh", "kazakhs", "kazakhstani"],
    "vietnam": ["vietnamese"],
    "thailand": ["thai"],
    "indonesia": ["indonesian", "indonesians"],
    "malaysia": ["malaysian", "malaysians"],
    "philippines": ["filipino", "filipinos", "philippine"],
    "singapore": ["singaporean", "singaporeans"],
    "mongolia": ["mongolian", "mongolians"],
    "myanmar": ["burmese"],
}

# German adjectives: stem + "", e, en, er, es, em. Nouns/genitives listed as is.
SUPPLEMENT_DE_ADJ = {
    "usa": ["amerikanisch", "us-amerikanisch"], "japan": ["japanisch"],
    "china": ["chinesisch"], "russia": ["russisch"], "germany": ["deutsch"],
    "france": ["französisch"], "uk": ["britisch"], "ukraine": ["ukrainisch"],
    "israel": ["israelisch"], "palestine": ["palästinensisch"], "iran": ["iranisch"],
    "iraq": ["irakisch"], "syria": ["syrisch"], "turkey": ["türkisch"],
    "saudiarabia": ["saudisch", "saudi-arabisch"], "egypt": ["ägyptisch"],
    "mexico": ["mexikanisch"], "canada": ["kanadisch"], "brazil": ["brasilianisch"],
    "australia": ["australisch"], "italy": ["italienisch"], "spain": ["spanisch"],
    "netherlands": ["niederländisch"], "poland": ["polnisch"], "sweden": ["schwedisch"],
    "india": ["indisch"], "southkorea": ["südkoreanisch", "koreanisch"],
    "northkorea": ["nordkoreanisch"], "taiwan": ["taiwanisch"],
    "belarus": ["belarussisch"], "afghanistan": ["afghanisch"], "pakistan": ["pakistanisch"],
    "lebanon": ["libanesisch"], "greece": ["griechisch"], "austria": ["österreichisch"],
    "switzerland": ["schweizerisch"],
}
SUPPLEMENT_DE = {
    "usa": ["us", "amerika", "amerikas", "amerikaner", "amerikanerin", "amerikanern"],
    "eu": ["eu"],
    "japan": ["japans", "japaner", "japanerin", "japanern"],
    "china": ["chinas", "chinese", "chinesen", "chinesin"],
    "russia": ["russlands", "russe", "russen", "russin"],
    "germany": ["deutschlands", "deutsche", "deutschen"],
    "france": ["frankreichs", "franzose", "franzosen", "französin"],
    "uk": ["großbritanniens", "brite", "briten", "britin"],
    "ukraine": ["ukrainer", "ukrainerin", "ukrainern"],
    "israel": ["israels", "israeli", "israelis"],
    "palestine": ["palästinenser", "palästinenserin", "palästinensern"],
    "iran": ["irans", "iraner", "iranerin", "iranern"],
    "iraq": ["iraks", "iraker", "irakerin", "irakern"],
    "syria": ["syriens", "syrer", "syrerin", "syrern"],
    "turkey": ["türke", "türken", "türkin"],
    "italy": ["italiens", "italiener", "italienerin", "italienern"],
    "spain": ["spaniens", "spanier", "spanierin", "spaniern"],
    "india": ["indiens", "inder", "inderin", "indern"],
    "canada": ["kanadas", "kanadier", "kanadierin", "kanadiern"],
    "mexico": ["mexikos", "mexikaner", "mexikanerin", "mexikanern"],
    "brazil": ["brasiliens", "brasilianer", "brasilianerin", "brasilianern"],
    "australia": ["australiens", "australier", "australierin", "australiern"],
    "egypt": ["ägyptens", "ägypter", "ägypterin", "ägyptern"],
    "poland": ["polens"],
    "taiwan": ["taiwans"],
    "southkorea": ["südkoreas", "südkoreaner", "südkoreanerin", "südkoreanern"],
    "northkorea": ["nordkoreas", "nordkoreaner", "nordkoreanerin", "nordkoreanern"],
    "netherlands": ["holland", "niederländer", "niederländerin", "niederländern"],
}

# French adjectives, inflected by fr_forms().
SUPPLEMENT_FR_ADJ = {
    "usa": ["américain"], "japan": ["japonais"], "china": ["chinois"],
    "russia": ["russe"], "germany": ["allemand"], "france": ["français"],
    "uk": ["britannique"], "ukraine": ["ukrainien"], "israel": ["israélien"],
    "palestine": ["palestinien"], "iran": ["iranien"], "iraq": ["irakien"],
    "syria": ["syrien"], "turkey": ["turc", "turque"], "saudiarabia": ["saoudien"],
    "egypt": ["égyptien"], "mexico": ["mexicain"], "canada": ["canadien"],
    "brazil": ["brésilien"], "australia": ["australien"], "italy": ["italien"],
    "spain": ["espagnol"], "netherlands": ["néerlandais"], "poland": ["polonais"],
    "sweden": ["suédois"], "india": ["indien"], "southkorea": ["sud-coréen", "coréen"],
    "northkorea": ["nord-coréen"], "taiwan": ["taïwanais"], "lebanon": ["libanais"],
    "belarus": ["biélorusse"], "afghanistan": ["afghan"], "pakistan": ["pakistanais"],
}
SUPPLEMENT_FR = {
    "usa": ["usa", "amérique"],
    "eu": ["ue"],
    "un": ["onu"],
    "uk": ["grande-bretagne"],
    "southkorea": ["corée du sud"],
    "northkorea": ["corée du nord"],
}

# Spanish adjectives, inflected by es_forms().
SUPPLEMENT_ES_ADJ = {
    "usa": ["estadounidense", "norteamericano"], "japan": ["japonés"], "china": ["chino"],
    "russia": ["ruso"], "germany": ["alemán"], "france": ["francés"],
    "uk": ["británico"], "ukraine": ["ucraniano"], "israel": ["israelí"],
    "palestine": ["palestino"], "iran": ["iraní"], "iraq": ["iraquí"], "syria": ["sirio"],
    "turkey": ["turco"], "saudiarabia": ["saudí", "saudita"], "egypt": ["egipcio"],
    "mexico": ["mexicano"], "canada": ["canadiense"], "brazil": ["brasileño"],
    "australia": ["australiano"], "italy": ["italiano"], "spain": ["español"],
    "netherlands": ["neerlandés", "holandés"], "poland": ["polaco"], "sweden": ["sueco"],
    "southkorea": ["surcoreano", "coreano"], "northkorea": ["norcoreano"],
    "taiwan": ["taiwanés"], "argentina": ["argentino"], "chile": ["chileno"],
    "colombia": ["colombiano"], "venezuela": ["venezolano"], "peru": ["peruano"],
    "cuba": ["cubano"], "afghanistan": ["afgano"], "pakistan": ["pakistaní"],
}
SUPPLEMENT_ES = {
    "usa": ["ee.uu.", "ee. uu.", "eeuu", "ee.uu", "eua"],
    "eu": ["ue"],
    "un": ["onu"],
    "uk": ["gran bretaña"],
    "netherlands": ["holanda"],
    "vaticancity": ["vaticano"],
}

# Russian -ский/-цкий adjectives (stem without "ий"), full paradigm by ru_adj_forms().
SUPPLEMENT_RU_ADJ = {
    "usa": ["американск"], "japan": ["японск"], "china": ["китайск"],
    "russia": ["российск"], "germany": ["немецк", "германск"], "france": ["французск"],
    "uk": ["британск"], "ukraine": ["украинск"], "israel": ["израильск"],
    "palestine": ["палестинск"], "iran": ["иранск"], "iraq": ["иракск"],
    "syria": ["сирийск"], "turkey": ["турецк"], "saudiarabia": ["саудовск"],
    "egypt": ["египетск"], "mexico": ["мексиканск"], "canada": ["канадск"],
    "brazil": ["бразильск"], "australia": ["австралийск"], "italy": ["итальянск"],
    "spain": ["испанск"], "netherlands": ["нидерландск", "голландск"],
    "poland": ["польск"], "sweden": ["шведск"], "india": ["индийск"],
    "southkorea": ["южнокорейск"], "northkorea": ["северокорейск"],
    "taiwan": ["тайваньск"], "pakistan": ["пакистанск"], "afghanistan": ["афганск"],
    "belarus": ["белорусск"], "georgia": ["грузинск"], "lebanon": ["ливанск"],
}
# Russian country nouns declined by ru_noun_forms() (nominative listed).
SUPPLEMENT_RU_NOUN = {
    "usa": ["америка"], "russia": ["россия"], "china": ["китай"], "japan": ["япония"],
    "ukraine": ["украина"], "germany": ["германия"], "france": ["франция"],
    "uk": ["великобритания", "британия"], "israel": ["израиль"], "iran": ["иран"],
    "iraq": ["ирак"], "syria": ["сирия"], "turkey": ["турция"], "india": ["индия"],
    "canada": ["канада"], "mexico": ["мексика"], "brazil": ["бразилия"],
    "italy": ["италия"], "spain": ["испания"], "poland": ["польша"],
    "taiwan": ["тайвань"], "australia": ["австралия"], "pakistan": ["пакистан"],
    "afghanistan": ["афганистан"], "georgia": ["грузия"], "eu": ["евросоюз"],
    "belarus": ["белоруссия"],
}
SUPPLEMENT_RU = {
    "usa": ["сша", "американец", "американцы", "американцев", "американцам"],
    "russia": ["россияне", "россиян", "россиянам"],
    "china": ["китайцы", "китайцев"],
    "japan": ["японцы", "японцев"],
    "ukraine": ["украинцы", "украинцев"],
    "israel": ["израильтяне", "израильтян"],
    "palestine": ["палестинцы", "палестинцев"],
    "egypt": ["египта", "египту", "египтом", "египте"],
    "belarus": ["беларусь", "беларуси", "беларусью"],
    "northkorea": ["кндр"],
    "eu": ["ес"],
    "un": ["оон"],
}

# CJK news forms (two or more characters only).
SUPPLEMENT_CJK = {
    # Chinese "X side" forms and traditional/variant spellings.
    "usa": ["美方", "米国", "米側", "美利坚", "美利堅", "미국"],
    "japan": ["日方", "日本側", "일본"],
    "china": ["中方", "中国側", "中國側", "중국"],
    "southkorea": ["韩方", "韓方", "韓國", "韩国", "南韩", "南韓", "韓国側", "한국", "남한"],
    "northkorea": ["朝方", "北韩", "北韓", "北朝鮮", "북한"],
    "russia": ["俄方", "俄国", "俄國", "ロシア側", "러시아"],
    "uk": ["英方", "英国", "英國", "영국"],
    "france": ["法方", "프랑스"],
    "germany": ["德方", "독일"],
    "taiwan": ["台方", "臺灣", "대만"],
    "eu": ["欧盟", "歐盟", "유럽연합"],
    "un": ["联合国", "聯合國", "国連", "유엔"],
}

# ---------------------------------------------------------------------------


def fr_forms(w: str) -> list[str]:
    if w.endswith("e"):
        return [w, w + "s"]
    if w.endswith("s"):
        return [w, w + "e", w + "es"]
    if w.endswith("ien"):
        return [w, w + "ne", w + "s", w + "nes"]
    if w == "turc":
        return ["turc", "turcs"]
    return [w, w + "e", w + "s", w + "es"]


def _unaccent_last(w: str) -> str:
    table = str.maketrans("áéíóú", "aeiou")
    i = max(w.rfind(c) for c in "áéíóú")
    return w[:i] + w[i].translate(table) + w[i + 1:] if i >= 0 else w


def es_forms(w: str) -> list[str]:
    if w.endswith("o"):
        b = w[:-1]
        return [w, b + "a", b + "os", b + "as"]
    if w.endswith("í"):
        return [w, w + "es"]
    if w.endswith("e") or w.endswith("a"):
        return [w, w + "s"]
    if w.endswith("és") or w.endswith("án"):
        b = _unaccent_last(w)
        return [w, b + "a", b + "es", b + "as"]
    if w.endswith("ol"):
        return [w, w + "a", w + "es", w + "as"]
    return [w]


def de_forms(w: str) -> list[str]:
    return [w + e for e in ("", "e", "en", "er", "es", "em")]


RU_ADJ_ENDINGS = ("ий", "ая", "ое", "ие", "ого", "ой", "ому", "им", "ом", "ую", "их", "ими")


def ru_adj_forms(stem: str) -> list[str]:
    return [stem + e for e in RU_ADJ_ENDINGS]


def ru_noun_forms(w: str) -> list[str]:
    if w.endswith("ия"):
        b = w[:-2]
        return [w, b + "ии", b + "ию", b + "ией"]
    if w.endswith("а"):
        b = w[:-1]
        gen = b + ("и" if b[-1] in "кгхжшчщ" else "ы")
        instr = b + ("ей" if b[-1] in "жшчщц" else "ой")
        return [w, gen, b + "е", b + "у", instr]
    if w.endswith("й") or w.endswith("ь"):
        b = w[:-1]
        return [w, b + "я", b + "ю", b + "ем", b + "е"]
    return [w, w + "а", w + "у", w + "ом", w + "е"]


def supplement(adjectives_only: bool = False) -> list[tuple[str, str, str]]:
    """(name, key, lang) triples of the hand-written supplement (only its
    adjective paradigms with `adjectives_only`)."""
    out = []
    def add(lang, table, forms=lambda w: [w], adj=False):
        if adjectives_only and not adj:
            return
        for key, words in table.items():
            for w in words:
                for f in forms(w):
                    out.append((norm(f), key, lang))
    add("en", SUPPLEMENT_EN)
    add("de", SUPPLEMENT_DE_ADJ, de_forms, adj=True)
    add("de", SUPPLEMENT_DE)
    add("fr", SUPPLEMENT_FR_ADJ, fr_forms, adj=True)
    add("fr", SUPPLEMENT_FR)
    add("es", SUPPLEMENT_ES_ADJ, es_forms, adj=True)
    add("es", SUPPLEMENT_ES)
    add("ru", SUPPLEMENT_RU_ADJ, ru_adj_forms, adj=True)
    add("ru", SUPPLEMENT_RU_NOUN, ru_noun_forms)
    add("ru", SUPPLEMENT_RU)
    add("cjk", SUPPLEMENT_CJK)
    return out


# ---------------------------------------------------------------------------

def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u00a0", " ").replace("\u202f", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return s.lower()


def make_key(english: str) -> str:
    s = unicodedata.normalize("NFKD", english)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]", "", s)


PAREN = re.compile(r"\s*[(（][^)）]*[)）]\s*")
LATINISH = re.compile(r"^[\W\d_a-zA-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]*$")


def variants(raw: str, lang: str, parens: bool = True) -> list[str]:
    """Usable lowercase name forms of one display name ([] if unusable).

    Alternatives written "A; B" or "A / B" are split. A parenthesised part is
    cut ("Myanmar (Burma)" -> "myanmar"); with parens=False (iso-codes, whose
    translations put inversions in brackets: cy "Korea (Gweriniaeth ...)")
    such names are dropped instead.
    """
    s = norm(raw.replace("_", " "))
    if "," in s or "，" in s or "،" in s:
        return []
    if not parens and PAREN.search(s):
        return []
    out = []
    for part in re.split(r"[;；/]", norm(PAREN.sub(" ", s))):
        part = norm(part.strip(" :：-–—·"))
        if part:
            out.append(part)
    out += [v.replace("’", "'") for v in out if "’" in v]
    if lang == "en" and " & " in s:
        out += [v.replace(" & ", " and ") for v in list(out)]
    keep = []
    for v in out:
        letters = [c for c in v if c.isalnum()]
        if len(v) <= 1 or len(letters) <= 1:
            continue  # single characters, incl. single CJK characters
        if len(letters) <= 2 and LATINISH.match(v):
            continue  # two-letter Latin/Greek/Cyrillic abbreviations: too ambiguous
        if v in BLOCKLIST:
            continue
        keep.append(v)
    return keep


def lang_of(locale: str) -> str:
    return re.split(r"[_@.]", locale)[0]


def read_cldr(path: str):
    """Yields (code, alt, text) of one CLDR locale file."""
    try:
        tree = ET.parse(path)
    except ET.ParseError as e:
        print(f"warning: {path}: {e}", file=sys.stderr)
        return
    for t in tree.getroot().iterfind("./localeDisplayNames/territories/territory"):
        if t.get("draft") == "unconfirmed" or not (t.text or "").strip():
            continue
        alt = t.get("alt")
        if alt not in (None, "short", "variant"):
            continue
        yield t.get("type"), alt, t.text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    missing = [p for p in (os.path.join(CLDR_MAIN, "en.xml"), ISO_JSON, *WORD_LISTS.values())
               if not os.path.exists(p)]
    mos = sorted(glob.glob(ISO_MO_GLOB))
    if missing or not mos:
        print("error: missing " + ", ".join(missing or [ISO_MO_GLOB]) + "\n"
              "install the sources first:\n"
              "    apt-get update && apt-get install -y unicode-cldr-core iso-codes \\\n"
              "        wamerican wngerman wfrench wspanish witalian wportuguese wdutch",
              file=sys.stderr)
        return 1

    # Keys from English CLDR (short name if any).
    en = {}
    for code, alt, text in read_cldr(os.path.join(CLDR_MAIN, "en.xml")):
        if alt in (None, "short"):
            if alt == "short" or code not in en:
                en[code] = text
    codes = {c for c in en if (re.fullmatch(r"[A-Z]{2}", c) and c not in EXCLUDED_CODES)}
    codes |= EXTRA_CODES
    keys = {c: KEY_OVERRIDES.get(c) or make_key(en[c]) for c in codes}
    dup = [k for k, n in collections.Counter(keys.values()).items() if n > 1]
    assert not dup, dup
    keyset = set(keys.values())

    # name -> {key: set(lang)}
    cand: dict[str, dict[str, set[str]]] = collections.defaultdict(lambda: collections.defaultdict(set))
    locales_by_lang: dict[str, set[str]] = collections.defaultdict(set)

    cldr_files = sorted(glob.glob(os.path.join(CLDR_MAIN, "*.xml")))
    for path in cldr_files:
        loc = os.path.basename(path)[:-4]
        if loc == "root":
            continue
        lang = lang_of(loc)
        used = False
        for code, alt, text in read_cldr(path):
            if code not in codes:
                continue
            for v in variants(text, lang):
                cand[v][keys[code]].add(lang)
                used = True
        if used:
            locales_by_lang[lang].add("cldr:" + loc)

    iso = json.load(open(ISO_JSON, encoding="utf-8"))["3166-1"]
    msgid_code = {}
    for e in iso:
        c = e["alpha_2"]
        if c not in codes:
            continue
        for f in ("name", "common_name", "official_name"):
            if f in e and (f != "official_name" or c in OFFICIAL_NAME_CODES):
                msgid_code[e[f]] = c
                for v in variants(e[f], "en", parens=False):
                    cand[v][keys[c]].add("en")
    for mo in mos:
        loc = mo.split(os.sep)[-3]
        lang = lang_of(loc)
        with open(mo, "rb") as fh:
            cat = gettext.GNUTranslations(fh)._catalog
        used = False
        for msgid, text in cat.items():
            if isinstance(msgid, tuple):
                msgid = msgid[0]
            c = msgid_code.get(msgid)
            if c is None or not isinstance(text, str) or not text.strip():
                continue
            for v in variants(text, lang, parens=False):
                cand[v][keys[c]].add(lang)
                used = True
        if used:
            locales_by_lang[lang].add("iso:" + loc)

    common: dict[str, set[str]] = collections.defaultdict(set)  # word -> langs
    for wl, path in WORD_LISTS.items():
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                w = unicodedata.normalize("NFC", line.strip())
                if w and w == w.lower():
                    common[w].add(wl)

    table: dict[str, str] = {}
    langs_of: dict[str, set[str]] = {}
    ambiguous = []
    common_dropped = []
    for name, ks in cand.items():
        if len(ks) == 1:
            (k, ls), = ks.items()
            clash = common.get(name, set()) - ls
            if clash and ("en" in clash or not (ls & WORD_LISTS.keys())):
                common_dropped.append((name, k, sorted(clash)))
                continue
            table[name] = k
            langs_of[name] = set(ls)
        else:
            ambiguous.append((name, sorted(ks)))

    sup = supplement()
    # Adjectives and the forms of their paradigms are written lowercase in
    # German, French, Spanish and Russian (américain, britische): marked, so
    # the bridge takes them lowercase, while a name (Того "Togo", Reunión)
    # must be capitalised (того "of that", reunión "meeting").
    adjectives = {n for n, _, _ in supplement(adjectives_only=True)}
    sup_map: dict[str, str] = {}
    for name, key, lang in sup:
        assert key in keyset, (name, key)
        assert sup_map.get(name, key) == key, (name, key, sup_map[name])
        sup_map[name] = key
        if name in table and table[name] != key:
            print(f"supplement overrides: {name} {table[name]} -> {key}", file=sys.stderr)
        table[name] = key
        langs_of.setdefault(name, set()).add("sup-" + lang)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        for name in sorted(table):
            assert "\t" not in name and "\n" not in name
            mark = "\tadj" if name in adjectives and sup_map.get(name) == table[name] else ""
            fh.write(f"{name}\t{table[name]}{mark}\n")

    # Stats.
    size = os.path.getsize(args.out)
    print(f"wrote {args.out}: {len(table)} lines, {size} bytes, {len(keyset)} keys")
    print(f"dropped {len(ambiguous)} ambiguous names, e.g. "
          + "; ".join(f"{n}={'/'.join(k)}" for n, k in sorted(ambiguous)[:12]))
    print(f"dropped {len(common_dropped)} names that are common words elsewhere: "
          + "; ".join(f"{n}={k}[{','.join(w)}]" for n, k, w in sorted(common_dropped)))
    per_lang = collections.Counter()
    for name, ls in langs_of.items():
        for l in ls:
            per_lang[l] += 1
    print("languages (names contributed / locale files used):")
    for l in sorted(set(per_lang) | set(locales_by_lang), key=lambda l: (-per_lang[l], l)):
        locs = locales_by_lang.get(l, set())
        ncldr = sum(1 for x in locs if x.startswith("cldr:"))
        niso = len(locs) - ncldr
        print(f"  {l}\t{per_lang[l]}\tcldr={ncldr}\tiso={niso}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
