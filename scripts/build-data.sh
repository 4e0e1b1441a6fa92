#!/usr/bin/env bash
# Regenerate everything in data/ from installed packages (Debian + one crates.io crate).
# Nothing is downloaded at build/run time of the crate: the outputs are committed.
#
# Usage: scripts/build-data.sh            (from the repository root or anywhere)
#        scripts/build-data.sh --all      also rebuild places.tsv (CLDR, iso-codes),
#                                         synonyms.tsv (WordNet) and en_zipf.tsv (wordfreq)
#
# Needs: root (or already-installed packages), python3 >= 3.9, cargo.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

# Debian packages the data is derived from (bookworm).
PKGS=(
  opencc libopencc-data          # opencc_dict tool + OpenCC .ocd2 dictionaries (Apache-2.0)
  libhangul-data                 # hanja.txt (BSD-3-Clause)
  edict                          # EDICT (EDRDG licence, CC BY-SA)
  dict-freedict-deu-eng          # Ding German-English (GPL-3+/AGPL-3)
  dict-freedict-fra-eng dict-freedict-spa-eng dict-freedict-eng-rus   # FreeDict (GPL-2+)
  dict-freedict-eng-fra dict-freedict-eng-spa                         # FreeDict (GPL-2+)
  dict-freedict-fra-deu dict-freedict-deu-fra dict-freedict-deu-spa dict-freedict-deu-rus  # WikDict (CC BY-SA 3.0)
  dict-freedict-spa-deu          # Ding es-de (GPL-2+)
  dict-freedict-ita-eng dict-freedict-eng-ita dict-freedict-ita-deu dict-freedict-deu-ita  # FreeDict (GPL-2+)
  dict-freedict-por-eng dict-freedict-eng-por dict-freedict-por-deu dict-freedict-deu-por  # FreeDict (GPL-2+)
  dict-freedict-nld-eng dict-freedict-eng-nld dict-freedict-nld-deu dict-freedict-deu-nld  # FreeDict (GPL-2+)
  dict-freedict-nld-fra dict-freedict-fra-nld                                              # FreeDict (GPL-2+)
  dict-freedict-ita-spa dict-freedict-ita-rus dict-freedict-fra-ita                        # WikDict (CC BY-SA 3.0)
  dict-freedict-por-spa dict-freedict-por-fra dict-freedict-fra-por                        # WikDict (CC BY-SA 3.0)
  dict-freedict-nld-spa dict-freedict-nld-rus                                              # WikDict (CC BY-SA 3.0)
  dict-freedict-ara-eng dict-freedict-eng-ara dict-freedict-eng-hin                        # FreeDict (GPL-2+)
  dict-freedict-swe-eng dict-freedict-eng-swe dict-freedict-tur-eng dict-freedict-eng-tur  # FreeDict (GPL-2+)
  dict-freedict-tur-deu dict-freedict-deu-tur dict-freedict-eng-ell                        # FreeDict (GPL-2+)
  dict-freedict-swe-deu dict-freedict-deu-swe dict-freedict-swe-fra dict-freedict-fra-swe  # WikDict (CC BY-SA 3.0)
  dict-freedict-swe-spa dict-freedict-swe-rus dict-freedict-fra-tur                        # WikDict (CC BY-SA 3.0)
  dict-freedict-ell-eng dict-freedict-ell-fra dict-freedict-ell-spa dict-freedict-ell-rus  # WikDict (CC BY-SA 3.0)
  dict-freedict-deu-ell dict-freedict-fra-ell                                              # WikDict (CC BY-SA 3.0)
  dict-freedict-eng-pol dict-freedict-ces-eng dict-freedict-eng-ces                        # FreeDict (GPL-2+)
  dict-freedict-hun-eng dict-freedict-eng-hun                                              # FreeDict (GPL-2+)
  dict-freedict-pol-eng dict-freedict-pol-deu dict-freedict-pol-fra dict-freedict-pol-spa  # WikDict (CC BY-SA 3.0)
  dict-freedict-pol-rus dict-freedict-deu-pol dict-freedict-fra-pol                        # WikDict (CC BY-SA 3.0)
  dict-freedict-fin-eng dict-freedict-eng-fin dict-freedict-fin-deu dict-freedict-fin-fra  # WikDict (CC BY-SA 3.0)
  dict-freedict-deu-fin dict-freedict-fra-fin                                              # WikDict (CC BY-SA 3.0)
  dict-freedict-eng-ind dict-freedict-deu-ind dict-freedict-ita-ind dict-freedict-nld-ind  # WikDict (CC BY-SA 3.0)
  dict-freedict-fin-ind dict-freedict-eng-nor dict-freedict-swe-nor dict-freedict-ita-nor  # WikDict (CC BY-SA 3.0)
  mueller7-dict                  # Mueller English-Russian (GPL-2+)
  unicode-data                   # Unihan variants (Unicode licence)
  m17n-db                        # vi-han.mim: Hán-Việt readings (LGPL-2.1+)
  wordnet-base                   # WordNet 3.0 synsets, for Thai WordNet's English lemmas
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# CC-CEDICT: shipped (bincode-serialised) inside the crates.io crate chinese_dictionary 2.1.3.
CEDICT_VERSION=2.1.3
cedict_dir="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/chinese_dictionary-$CEDICT_VERSION 2>/dev/null | head -n1 || true)"
if [ -z "$cedict_dir" ]; then
  tmp="$(mktemp -d)"
  mkdir -p "$tmp/src"
  cat >"$tmp/Cargo.toml" <<EOF
[package]
name = "cedictfetch"
version = "0.0.0"
edition = "2021"
[dependencies]
chinese_dictionary = "=$CEDICT_VERSION"
EOF
  echo 'fn main() {}' >"$tmp/src/main.rs"
  (cd "$tmp" && cargo fetch)
  rm -rf "$tmp"
  cedict_dir="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/chinese_dictionary-$CEDICT_VERSION | head -n1)"
fi

all=0
args=()
for a in "$@"; do
  if [ "$a" = --all ]; then all=1; else args+=("$a"); fi
done

python3 "$here/build_data.py" --out "$root/data" --cedict "$cedict_dir/data/data.dictionary" "${args[@]}"

# Vietnamese: Sino-Vietnamese words from lexicon/zh.tsv through m17n's Hán-Việt
# readings, ranked by jieba's Chinese word frequencies (PyPI jieba 0.42.1, MIT).
JIEBA_VERSION=0.42.1
jieba_tmp="$(mktemp -d)"
python3 -m pip download --quiet --no-deps --no-binary :all: -d "$jieba_tmp" "jieba==$JIEBA_VERSION"
tar -xzf "$jieba_tmp/jieba-$JIEBA_VERSION.tar.gz" -C "$jieba_tmp"
python3 "$here/build_vi.py" "$root/data" "$jieba_tmp/jieba-$JIEBA_VERSION/jieba/dict.txt"
rm -rf "$jieba_tmp"

# Downloads the pure-Python wheel NAME==VERSION from PyPI and unpacks it into
# DIR/whl.  Usage: unpack_wheel NAME VERSION DIR
unpack_wheel() {
  python3 -m pip download --quiet --no-deps --only-binary :all: -d "$3" "$1==$2"
  python3 -m zipfile -e "$3/$1-$2-py3-none-any.whl" "$3/whl"
}

# Thai: Thai WordNet and word lists from PyThaiNLP's wheel (PyPI pythainlp 5.4.0).
thai_tmp="$(mktemp -d)"
unpack_wheel pythainlp 5.4.0 "$thai_tmp"
python3 "$here/build_th.py" "$root/data" "$thai_tmp/whl/pythainlp/corpus"
rm -rf "$thai_tmp"

# Function words of the Arabic, Devanagari, Hebrew, Bengali, Gujarati and
# Armenian scripts and of Latin-script languages without a lexicon:
# stopwords-iso (PyPI stopwordsiso 0.7.1, MIT).
sw_tmp="$(mktemp -d)"
unpack_wheel stopwordsiso 0.7.1 "$sw_tmp"
python3 "$here/build_stopwords.py" "$root/data" "$sw_tmp/whl/stopwordsiso/stopwords-iso.json"
rm -rf "$sw_tmp"

if [ "$all" = 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
    unicode-cldr-core iso-codes wordnet-base \
    wamerican wngerman wfrench wspanish witalian wportuguese wdutch
  python3 "$here/build_places.py"
  python3 "$here/build_synonyms.py"
  venv="$(mktemp -d)/wordfreq"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet wordfreq==3.1.1
  "$venv/bin/python" "$here/build_frequency.py"
fi
