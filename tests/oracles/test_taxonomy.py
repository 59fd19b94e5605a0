"""normalize.fields.taxonomy matches phrases with one Aho-Corasick pass over the normalized text;
these tests check that it finds exactly what the earlier token-by-token scan found, which is kept
here, compactly, as the oracle: tokenize (ASCII-fold, lower-case, punctuation but "+#." a
separator, a dot before a space dropped, split on whitespace), then at each token the longest
phrase starting there, skipping the tokens inside it.
"""

from __future__ import annotations

import re
import string
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize.fields import taxonomy

# --- the oracle: the token scan that taxonomy used before --------------------------------------

_SEPARATORS = bytes(
    32 if (chr(i) in string.punctuation and chr(i) not in "+#.") or i == 10 else i
    for i in range(256)
)


def _tokenize(text: str) -> tuple[str, ...]:
    if text.isascii():
        ascii_bytes = text.encode("ascii").lower()
    else:
        ascii_bytes = text.lower().encode("ascii", "replace")
    spaced = (ascii_bytes.translate(_SEPARATORS) + b" ").replace(b". ", b" ")
    return tuple(spaced.decode("ascii").split())


def _index() -> dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]]]:
    labels: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for name, vocab in (("category", taxonomy.CATEGORIES), ("skill", taxonomy.SKILLS)):
        for label, phrases in vocab.items():
            for phrase in phrases:
                words = _tokenize(phrase)
                if words and (name, label) not in labels.setdefault(words, []):
                    labels[words].append((name, label))
    index: dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]]] = {}
    for words, named in labels.items():
        index.setdefault(words[0], []).append((words, tuple(named)))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


INDEX = _index()


def oracle_found(text: Any) -> tuple[tuple[str, str, int], ...]:
    if not isinstance(text, str):
        return ()
    tokens = _tokenize(text)
    found: list[tuple[str, str, int]] = []
    end = 0
    for i, token in enumerate(tokens):
        if i < end or token not in INDEX:
            continue
        for words, named in INDEX[token]:
            if tokens[i : i + len(words)] == words:
                found.extend((name, label, len(words)) for name, label in named)
                end = i + len(words)
                break
    return tuple(found)


def oracle_categorize(title: Any, text: Any = "", *more: Any) -> str | None:
    scores: dict[str, int] = {}
    order = list(taxonomy.CATEGORIES)
    for weight, source in ((taxonomy.TITLE_WEIGHT, title), (1, text), *((1, m) for m in more)):
        for name, slug, length in oracle_found(source):
            if name == "category":
                scores[slug] = scores.get(slug, 0) + weight * length
    return min(scores, key=lambda s: (-scores[s], order.index(s))) if scores else None


def oracle_find_skills(*texts: Any) -> list[str]:
    found = dict.fromkeys(s for t in texts for n, s, _ in oracle_found(t) if n == "skill")
    return list(found)[: taxonomy.MAX_SKILLS]


def oracle_skills_from_value(value: Any) -> list[str]:
    out: dict[str, None] = {}
    for item in value if isinstance(value, list) else [value]:
        item = item.get("name") if isinstance(item, dict) else item
        if not isinstance(item, str):
            continue
        for part in re.split(r"\s*[,;|\n•]\s*", item):
            part = " ".join(part.split()).strip(" .-")
            if part and len(part) <= 60:
                out.update(dict.fromkeys(oracle_find_skills(part) or [part]))
    return list(out)[: taxonomy.MAX_SKILLS]


def assert_same(title: str, text: str) -> None:
    assert taxonomy._found(text) == oracle_found(text)
    assert taxonomy.categorize(title, text) == oracle_categorize(title, text)
    assert taxonomy.categorize(title, text, "ops") == oracle_categorize(title, text, "ops")
    assert taxonomy.find_skills(title, text) == oracle_find_skills(title, text)
    assert taxonomy.skills_from_value(text) == oracle_skills_from_value(text)


# --- texts made of vocabulary phrases, punctuation, odd whitespace and non-ASCII -----------------

PHRASES = sorted({p for vocab in (taxonomy.CATEGORIES, taxonomy.SKILLS)
                  for phrases in vocab.values() for p in phrases})
WORDS = sorted({w for p in PHRASES for w in p.split()})  # "data", "entry", "on", "rails", ...
CASE = st.sampled_from([str.lower, str.upper, str.title, str.swapcase])
GAPS = st.sampled_from([
    " ", " ", " ", "  ", "   ", "\n", "\n\n", "\t", "\r\n", "\x0b", "\x1c", "\u00a0", ".", ". ",
    ".  ", "..", " . ", "  . ", ", . ", ". . ", ".\t", ".\n", "-", ",", ", ", "/", " (", ") ", "",
    "+", "#", "é", "“", "—", "ß", "İ", "ﬁ", "\u212a",
])

# Between the words of a phrase: what keeps them adjacent tokens (spaces, lone dots, a dropped
# dot, punctuation) and what does not (nothing, "..", a dot before a tab, a letter).
INNER_GAPS = st.sampled_from([
    " ", "  ", "   ", " . ", "  . ", ", . ", ". ", ". . ", ".  ", "..", ".\t", "\t", "\n", ",", "-",
    "/", "", "é", "\x1c",
])


@st.composite
def phrase(draw: st.DrawFn) -> str:
    """A vocabulary phrase, in some case, its words apart by some gap (a separator or not)."""
    words = draw(st.sampled_from(PHRASES)).split()
    text = words[0]
    for word in words[1:]:
        text += draw(INNER_GAPS) + word
    return draw(CASE)(text)


PIECES = st.one_of(phrase(), st.sampled_from(WORDS).map(str.title),
                   st.sampled_from(["data", "on", "js", "net", "x", "Python.", "c", "r", "."]))
TEXTS = st.one_of(
    st.lists(st.tuples(PIECES, GAPS).map("".join), max_size=20).map("".join),
    st.text(max_size=40),
)


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXTS, text=TEXTS)
def test_same_as_token_scan(title, text):
    assert_same(title, text)


@pytest.mark.parametrize("text", [
    "c++", "C++ and c#", "c#.", "node.js.", "Node.js, React.js", "node js", "asp.net core",
    ".net core", "data-entry", "data, entry", "data . entry", "data, . entry", "data .. entry",
    "data.\tentry", "data\tentry", "data\x1centry", "Python.", "Python..", "python.\t", "ui/ux",
    "UI/UX design", "İ", "İnstagram", "\u212aubernetes", "ruby on rails", "Ruby, on. Rails",
    "ruby on", "ﬁgma", "help center articles", "help  center. articles.", "r programming",
    "machine learning engineer", "customer support tickets", "", " ", ".", "...", ". . .",
    # non-ASCII characters are separators, whatever their UTF-8 length; lone surrogates too
    "data\u00a0entry", "python\u0085sql", "😀python😀", "\ud800python\udfff sql", "c\u2014++",
    "Python. \u201cSQL\u201d \u2014 data\u2009entry, " * 4,  # long enough for the other cache
])
def test_tricky_cases(text):
    assert_same(text, text)
    assert_same("", text)
