"""The one shingling definition every method shares.

A shingle is a window of 5 consecutive Unicode code points of
`normalise(text)`, where `normalise` is NFKC, then `str.lower()`, then every run
of whitespace (`str.split()`) replaced by one space, with none at either end.
A text of fewer than 5 code points has the whole text as its only shingle
(none if it is empty). An article's shingle set is its distinct shingles, in
order of first occurrence, as UTF-8 strings.
"""

import unicodedata

N = 5


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def shingles(text: str) -> list[str]:
    s = normalise(text)
    if len(s) < N:
        return [s] if s else []
    return list(dict.fromkeys(s[i : i + N] for i in range(len(s) - N + 1)))
