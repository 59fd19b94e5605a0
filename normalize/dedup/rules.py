"""The named matching rules: `compare(a, b)` says whether two listings are the same opening,
by which rule and with which scores, or why not.

Two listings are the same opening when they come from the same organization, for the same
role (title words and seniority), at the same set of places, posted within the repost window.
Evidence comes in tiers, strongest first; the first rule that holds decides:

  same_url                  a shared posting/apply URL, titles about the same role
  same_org_title_location   equal organization key, title key and places; descriptions agree
  same_org_title+desc       equal organization, near-equal titles, similar descriptions
  fuzzy_title+desc          equal organization, reworded titles, near-identical descriptions
  no_org_title+desc         one side names no organization: equal title key, near-identical
                            descriptions

Vetoes apply to every rule: different seniority, different explicit years ("Summer 2025" vs
"Summer 2026"), conflicting places; and, except for same_url, different organizations,
postings further apart than the repost window, and two full descriptions that contradict each
other. A veto other than "different organizations" is strong evidence of two openings: the
engine records it as a cannot-link so that no chain of links through a vaguer listing (a copy
cut short to the employer's boilerplate) joins the pair.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from normalize.dedup.config import Thresholds
from normalize.dedup.features import Features
from normalize.dedup.keys import org_relation
from normalize.dedup.locations import Rel, relate
from normalize.dedup.text import BlockText, DescScore, shingles

# Rule priority: a stronger rule's links are applied first when clusters are built, so that a
# listing that could join two clusters joins the one with the stronger evidence.
RULES = {
    "force_merge": 9,
    "same_url": 5,
    "same_org_title_location": 4,
    "same_org_title+desc": 3,
    "fuzzy_title+desc": 2,
    "no_org_title+desc": 1,
}


@dataclass(slots=True)
class Verdict:
    rule: str | None  # the rule that matched; None when the listings are different openings
    scores: dict[str, float | str | None] = field(default_factory=dict)
    reason: str = ""  # why not, when rule is None
    # Strong evidence of two different openings (seniority, years, repost window, contradicting
    # descriptions): the pair becomes a cannot-link, so no chain of links may join it.
    conflict: bool = False

    @property
    def match(self) -> bool:
        return self.rule is not None

    @property
    def strength(self) -> tuple[int, float, float]:
        t = self.scores.get("title")
        d = self.scores.get("desc")
        return (RULES.get(self.rule or "", 0), float(t) if isinstance(t, int | float) else 0.0,
                float(d) if isinstance(d, int | float) else 0.0)

    def as_dict(self) -> dict:
        out = {"rule": self.rule, "scores": self.scores}
        if self.reason:
            out["reason"] = self.reason
        return out


DescFn = Callable[[Features, Features], DescScore]


def plain_desc(config: Thresholds) -> DescFn:
    """Description scores with every shingle weighing 1 (pairs outside an organization block)."""
    def score(a: Features, b: Features) -> DescScore:
        block = BlockText((), config.desc_min_shingles, config.desc_full_shingles, weighted=False)
        return block.score(shingles(a.desc_source, config.desc_max_chars),
                           shingles(b.desc_source, config.desc_max_chars))
    return score


_PLACE_NAMES = tuple(r.name.lower() for r in sorted(Rel))


def _veto(a: Features, b: Features, rel: Rel) -> str:
    if a.title.seniority != b.title.seniority:
        return f"seniority differs ({_show(a.title.seniority)} vs {_show(b.title.seniority)})"
    if a.title.years and b.title.years and not (a.title.years & b.title.years):
        return "titles name different years"
    if a.title.seasons and b.title.seasons and not (a.title.seasons & b.title.seasons):
        return "titles name different seasons"
    if rel is Rel.CONFLICT:
        return "places conflict"
    return ""


def _show(s: frozenset[str]) -> str:
    return ",".join(sorted(s)) or "none"


def compare(a: Features, b: Features, config: Thresholds, title: float | None = None,
            desc: DescFn | None = None) -> Verdict:
    """Decide one pair. `title` may be passed when blocking already computed it; `desc` scores
    descriptions (weighted by the pair's block; unweighted when not given)."""
    rel = relate(a.where, b.where)
    if title is None:
        title = fuzz.ratio(a.title.key, b.title.key)
    title = round(float(title), 1)
    scores: dict[str, float | str | None] = {"title": title, "place": _PLACE_NAMES[rel]}
    veto = _veto(a, b, rel)
    if veto:
        # Seniority and places need no cannot-link: every link requires equal seniority, and the
        # cluster guard already refuses conflicting places. Years can chain through a title
        # without one ("Data Intern 2025" - "Data Intern" - "Data Intern 2026").
        return Verdict(None, scores, veto, conflict=veto.startswith("titles name"))
    if a.urls & b.urls and title >= config.url_title:
        return Verdict("same_url", scores)
    if a.org and b.org and a.org != b.org:
        identity = org_identity(a, b)
        if not identity:
            return Verdict(None, scores, "different organizations")
        scores["org"] = identity
    if a.day is not None and b.day is not None and abs(a.day - b.day) > config.repost_window_days:
        return Verdict(None, scores, f"posted {abs(a.day - b.day)} days apart", conflict=True)
    if title < min(config.fuzzy_title, config.close_title):
        return Verdict(None, scores, "titles differ")
    found = (desc or plain_desc(config))(a, b)
    d = found.score
    scores["desc"] = d
    if d is not None and found.full and d < config.desc_conflict:
        return Verdict(None, scores, "descriptions contradict", conflict=True)
    same_title = a.title.key == b.title.key
    if not same_title and found.template and d is not None:
        return Verdict(None, scores, "the description is a template its employer posts under "
                                     "several titles; the titles differ")
    if not a.org or not b.org:
        if same_title and d is not None and d >= config.no_org_desc:
            return Verdict("no_org_title+desc", scores)
        return Verdict(None, scores, "no organization, and title or description not close enough")
    if same_title and rel is Rel.SAME and (d is None or d >= config.exact_desc):
        return Verdict("same_org_title_location", scores)
    if d is None:
        return Verdict(None, scores, "no description to confirm a fuzzy match")
    if not same_title and swapped_words(a.title.key, b.title.key):
        return Verdict(None, scores, "titles name different roles (a word swapped for another)")
    if title >= config.close_title and d >= config.close_desc:
        return Verdict("same_org_title+desc", scores)
    if title >= config.fuzzy_title and d >= config.fuzzy_desc:
        return Verdict("fuzzy_title+desc", scores)
    return Verdict(None, scores, "title and description not close enough")


def org_identity(a: Features, b: Features) -> str:
    """The evidence that two listings' organizations are one employer ("" when none): equal
    keys, a name that starts the other or a misspelling (keys.org_relation), or a shared
    domain (keys.domains_of: organization.domain, ATS board, apply host, e-mail domain)."""
    if a.org and a.org == b.org:
        return "same name"
    found = org_relation(a.org_words, b.org_words)
    if found:
        return found
    if a.domains & b.domains:
        return "same domain " + ",".join(sorted(a.domains & b.domains))
    return ""


def swapped_words(a: str, b: str) -> bool:
    """Two title keys (sorted words) that each have a word the other lacks, and no two of those
    words are one word spelled two ways ("analyst" / "analytics", "organisation" /
    "organization"): "Account Executive, France" / "Account Executive, Nordics", "Content
    Strategist" / "Content Strategy Manager". Employers re-use one description for such sibling
    roles, so a near-identical description does not make them one opening. A title with only
    extra words ("Data Analyst" / "Data Analyst Growth") is not a swap."""
    wa, wb = set(a.split()), set(b.split())
    only_a, only_b = wa - wb, wb - wa
    if not only_a or not only_b:
        return False
    left_a = {x for x in only_a if not any(_one_word(x, y) for y in only_b)}
    left_b = {y for y in only_b if not any(_one_word(x, y) for x in only_a)}
    return bool(left_a and left_b)


def _one_word(x: str, y: str) -> bool:
    """One word spelled two ways: a misspelling, or one the stem of the other (>= 4 letters)."""
    if min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)):
        return True
    return fuzz.ratio(x, y) >= 75  # "analyst" / "analytics" (75), not "france" / "nordics"
