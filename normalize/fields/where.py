"""Where and how the work is done, read from a posting's own words: places of work, the
arrangements offered (remote / hybrid / onsite, all of them) and where remote applicants may
live ("Remote (US)", "REMOTE - EU only", "CET ±3").

Place names are resolved with the gazetteer (gazetteer.py) in *place contexts* only, never in
every sentence: the title; a header line ("Acme | Engineer | Berlin, Germany | ONSITE"); a
labelled line ("Location: Remote across the US and Canada"); a bracket or a `|` segment made of
places alone ("Robotics Engineer (NYC)"); and the clause after a cue ("office in", "based in",
"relocate to", "remote within"). A place counts when it is where the work is or where a remote
worker may be; a headquarters ("HQ in", "headquartered in", "we're based in"), an investor's
city or a customer's country does not (docs/normalization.md, "Places from text").

A name that means several places is resolved by, in order: a state or country written beside it
("Cambridge, MA", "Athens, Greece"); a country the same posting names elsewhere; a population at
least BARE_DOMINANCE times the next candidate's; otherwise it is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from normalize.fields.gazetteer import Mention, Place, bare_ok, gazetteer
from normalize.fields.keywords import Hits, TriggerIndex
from normalize.fields.places import CA_PROVINCES, US_STATES
from normalize.schema import Location

BARE_DOMINANCE = 3.0  # a bare name is the most populous place of that name only if this much larger
OVERWHELMING = 20.0  # ... and wins even against the context when this much larger
MAX_HEADER_LINE = 400
MAX_CLAUSE = 120
MAX_BRACKET_LINE = 150

# Lines that state the place: "Location: ...", "Where: ...", "Work style: ...".
_LABEL_LINE_RE = re.compile(
    r"[ \t*•\-–]*(?:job\s+|work\s+|office\s+)?(?:locations?|where|offices?|based|work\s*(?:style|mode|"
    r"place|arrangement|setup|model)|remote|hybrid|on-?site|in[- ]office)\s*[:：]\s*(.+)",
    re.I)
# Cues after which a clause names a place of work (group "neg": a headquarters or someone
# else's place, not work). Tried only where one of CUE_WORDS begins (an Aho-Corasick pass): a
# regex of ~20 alternatives searched over a whole description costs ~0.5 ms.
_CUE_RE = re.compile(
    r"(?P<neg>headquarter(?:ed|s)?\s+(?:is\s+|are\s+)?(?:in|at)\b|hq\s+(?:is\s+)?(?:in|at)\b|"
    r"(?:customers|clients|users|investors|members)\s+(?:in|across|from)\b)|"
    r"(?:based|located|situated)\s+(?:in|out\s+of|at)\b|offices?\s+(?:is\s+|are\s+)?(?:in|at)\b|"
    r"(?:on-?site|onsite|in[- ]office|in[- ]person|hybrid|remote(?:ly)?)\s+(?:only\s+)?"
    r"(?:in|from|within|across|at|out\s+of)\b|"
    r"relocat\w*\s+to\b|(?:must|should)\s+(?:be\s+)?(?:located|based|live|reside)\s+in\b|"
    r"(?:role|position|job|internship|program)\s+(?:is\s+)?(?:located\s+|based\s+)?in\b|"
    r"work(?:ing)?\s+(?:from|in|out\s+of|at)\s+our\b|(?:in|at)\s+our\b(?=\s+[A-Z])|"
    r"(?:roles?|positions?|engineers?|hiring)\s+in\b(?=\s+[A-Z])",
    re.I)
CUE_WORDS = tuple(
    f"{head} {tail}" for heads, tails in (
        (("based", "located", "situated"), ("in", "out of", "at")),
        (("office", "offices", "office is", "offices are"), ("in", "at")),
        (("on-site", "onsite", "on site", "in-office", "in office", "in-person", "in person",
          "hybrid", "remote", "remotely", "remote only"), ("in", "from", "within", "across", "at",
                                                           "out of")),
        (("relocate", "relocation", "relocating"), ("to",)),
        (("must be", "should be", "must", "should"), ("located in", "based in", "live in",
                                                      "reside in")),
        (("role", "position", "job", "internship"), ("in", "is in", "is based in",
                                                     "is located in", "based in", "located in")),
        (("work", "working"), ("from our", "in our", "at our", "out of our")),
        (("roles", "positions", "engineers", "hiring"), ("in",)),
        (("headquartered", "headquarters", "headquarters is", "hq", "hq is"), ("in", "at")),
    ) for head in heads for tail in tails) + ("in our", "at our")
_CUE_SET = frozenset(CUE_WORDS)
# "We're based in Sofia": the company's seat, like a headquarters.
_SEAT_BEFORE_RE = re.compile(r"(?:\bwe(?:'re|’re|\s+are)|\bcompany(?:\s+is)?|\bstartup(?:\s+is)?)"
                             r"\s+(?:\w+\s+)?\Z", re.I)
_CLAUSE_END_RE = re.compile(r"[.!?;](?:\s|$)|\n|\|")
_BRACKET_RE = re.compile(r"[(\[]([^()\[\]\n]{2,80})[)\]]")
_SEGMENT_SPLIT_RE = re.compile(r"\s*(?:\||[()\[\]]|\s[-–—]\s|;|•|:\s)\s*")
# Words that may stand beside places in a segment made of places alone.
_FILLER_RE = re.compile(
    r"\b(?:or|and|only|preferred|remote(?:ly)?|hybrid|on-?site|onsite|in-?office|offices?|in|"
    r"person|in-?person|based|from|within|the|across|located|area|metro|greater|ok|friendly|"
    r"first|fully|full|part|time|also|some|roles?|for|available|possible|welcome|any|anywhere|"
    r"worldwide|global(?:ly)?|days?|weeks?|weekly|x|zones?|timezones?|tz|hours|overlap|"
    r"eligible|must|be|optional|flexible|multiple|locations?|other|several|cities|etc|hq|"
    r"headquarters|relocation|to|of|per|a|an|at|with|near|around|downtown|city|county|required|"
    r"either|both|mostly|primarily|currently|office-based|on-site|onsite|in-office|usa-only|"
    r"us-only|plus|wide|nationwide|countries|country|select|states|state|candidates|"
    r"coast|west|east|north|south|central|southern|northern|pacific|eastern|western|mountain|"
    r"gmt|utc|cet|cest|est|pst|pt|et|ct|mst|edt|pdt|but|if|you|prefer|must|live|are|is|"
    r"work|working|hours|time)\b|[^\w]+|\d+",
    re.I)
_REMOTE_WORD_RE = re.compile(r"\bremote(?:ly)?\b", re.I)
_NOT_REMOTE_RE = re.compile(r"\b(?:no|not|non)[- ](?:a\s+)?remote\b|\bremote\s+(?:sensing|control|"
                            r"monitoring|patient|areas?|villages?|locations?\s+of)\b", re.I)
_TOWN_STATE_RE = re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}),\s([A-Z]{2})\b(?![.\w])")
_STATE_CODE_RE = re.compile(r"\s*(?:,|-|–|/|\()?\s*([A-Z]{2})\b(?!\.\w)")
_COUNTRY_AFTER_RE = re.compile(r"\s*(?:,|-|–|\()?\s*$")
# Time zones that restrict where a remote worker may be.
_TIME_ZONE_RULES = (
    (re.compile(r"\b(?:CES?T|CEST)\b\s*(?:[±+\-]|\)|time|$)|\bcentral\s+europe\w*\s+time|"
                r"\beurope(?:an)?[- ](?:compatible\s+)?time\s?zones?|\bEU\s+time\s?zones?|"
                r"\beuropean\s+time\s?zone", re.I), "EUROPE"),
    (re.compile(r"\bnorth\s+american?\s+time\s?zones?", re.I), "NORTH_AMERICA"),
    (re.compile(r"(?<!north )(?<!north-)(?<!south )(?<!latin )(?<!and )\b(?:US|U\.S\.|american?)"
                r"\s+(?:time\s?zones?|"
                r"(?:working\s+)?hours)\b|"
                r"\b(?:PST|PDT|EST|EDT)\b(?!\s*(?:overlap|\+|-|±))", re.I), "US"),
)
_DAYS_IN_OFFICE_RE = re.compile(
    r"\b(?:[1-4]|one|two|three|four)\s*(?:days?|x|times)\s*(?:/|a|per|each)?\s*(?:the\s+)?"
    r"(?:week|wk)\b[^.\n|]{0,40}?\b(?:office|on-?site|in[- ]person)|\b(?:office|on-?site|"
    r"in[- ]person)\b[^.\n|]{0,25}?\b(?:[1-4]|one|two|three|four)\s*(?:days?|x)\s*(?:/|a|per|"
    r"each)?\s*(?:the\s+)?(?:week|wk)\b|\b(?:mon|tue|wed|thu|fri)\w*\s*[–\-]\s*(?:mon|tue|wed|"
    r"thu|fri)\w*\s+in[- ]office", re.I)
_FULL_WEEK_IN_OFFICE_RE = re.compile(r"\b(?:5|five)\s*days?\s*(?:a|per|/)?\s*week\b", re.I)
_ONSITE_WORD_RE = re.compile(r"\b(?:on-?site|onsite|in[- ]office|in[- ]person|office[- ]based)\b",
                             re.I)
_AFTER_HYBRID_RE = re.compile(r"hybrid\W{0,4}\Z", re.I)
_DAY_COUNT_RE = re.compile(r"\b[1-4]\s*(?:days?|x)\b|\b(?:one|two|three|four)\s+days?\b|"
                           r"\b(?:mon|tue|wed|thu|fri)\w*\s*[–\-]\s*(?:mon|tue|wed|thu|fri)", re.I)
_ONSITE_PROSE_RE = re.compile(
    r"\b(?:on-?site|onsite|in[- ]person|in[- ]office)\s+(?:only|role|position|job|internship|"
    r"roles|positions|work|team)\b|\b(?:we\s+are|we're|we’re|is|are)\s+(?:fully\s+)?(?:on-?site|"
    r"onsite|in[- ]person|in[- ]office)\b|\bwork\s+(?:on-?site|in[- ]person)\b|"
    r"\bno\s+remote\b|\bnot\s+(?:a\s+)?remote\b|\bin[- ]office\s+(?:5|five)\s+days\b|"
    r"\boffice[- ]based\b", re.I)
_ONSITE_WORDS = ("on-site", "onsite", "on site", "in-person", "in person", "in-office",
                 "in office", "office-based", "office based", "no remote", "not remote",
                 "not a remote")
# "in our Seattle office", "takes place at the Barnacle office", "work from our office".
_OUR_OFFICE_RE = re.compile(r"\b(?:in|at|from)\s+our\s+(?:[A-Z][\w.]*\s+){1,3}office\b|"
                            r"\btakes?\s+place\s+at\s+(?:the|our)\b[^.\n]{0,40}\boffice\b")
_HYBRID_WORD_RE = re.compile(
    r"\bhybrid\b(?!\s+(?:cloud|apps?|mobile|vehicles?|cars?|infrastructure|energy|solutions?|"
    r"systems?|models?|work\s*flows?|networks?|multi-cloud|and\s+multi-cloud|attacks?|search|"
    r"approach|architecture|environments?\s+(?:of|for)))", re.I)
_REMOTE_PROSE_RE = re.compile(
    r"\b(?:fully|100\s?%|completely|entirely|a|all)[- ]remote\b|\bremote[- ](?:first|only|"
    r"friendly|position|role|job|internship|opportunity|project|work|company|team|culture|"
    r"possible|ok|option|eligible)\b|\bwork(?:ing)?\s+(?:fully\s+)?remotely\b|\bwork\s+from\s+"
    r"(?:home|anywhere)\b|\bthis\s+is\s+a\s+remote\b|\bremote\s+(?:in|within|from|across)\b|"
    r"\bopen\s+to\s+remote\b|\bremote\s+with\b|\bor\s+remote\b|\bremote\s+or\b|"
    r"\bremote\s+(?:candidates|applicants|employees|workers|engineers|staff)\b",
    re.I)
_UNRESTRICTED_RE = re.compile(r"\b(?:worldwide|anywhere|global(?:ly)?|any\s+time\s?zone|earth)\b",
                              re.I)
_REMOTE_BEFORE_RE = re.compile(r"remote(?:ly)?\W{0,3}\Z")
_TZ_AFTER_RE = re.compile(r"[\s-]*(?:compatible\s+)?(?:time\s?zones?|timezones?|tz|hours)\b", re.I)
_OVERLAP_BEFORE_RE = re.compile(r"overlap|crossover|hours\s+of|during|\bwith\b", re.I)
_ALTERNATIVES_RE = re.compile(r"\s*(?:or|and|\+)\b", re.I)
# Where a restriction written after "remote" ends: a clause end, another option, a new clause.
_SPAN_END_RE = re.compile(r"[.!?;](?:\s|$)|\n|\||\s(?:or|,\s*or)\s|,\s+(?=[a-z])|\b(?:on-?site|"
                          r"onsite|office|in[- ]person|relocat\w*|overlap\w*|crossover)\b", re.I)
_REMOTE_CUE_AFTER_RE = re.compile(
    r"\s*(?:[-–—:]\s*|\b(?:in|within|from|across|only\s+in|for|to)\s+(?:the\s+)?|"
    r"(?=[A-Z]{2}\b))", re.I)


_LABEL_WORDS = ("location", "where", "work style", "work mode", "work arrangement", "work setup",
                "work model", "workplace", "based:", "remote:", "hybrid:", "on-site:", "onsite:",
                "office:", "offices:", "in-office:")
_BRACKETS = ("(", "[")


@dataclass
class TextPlaces:
    """What a posting's prose says about where the work is done."""

    work: list[Location] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    remote: bool = False
    hybrid: bool = False
    onsite: bool = False

    @property
    def arrangements(self) -> list[str]:
        return [name for name, on in (("remote", self.remote), ("hybrid", self.hybrid),
                                      ("onsite", self.onsite)) if on]


@dataclass
class _Found:
    """A mention kept from a place context, before ambiguous names are resolved."""

    mention: Mention
    qualifier: Place | None  # a state or country written right after it
    remote_region: bool  # inside a remote restriction ("Remote (US)")


def read_text_places(title: str, text: str, *, low: str | None = None,
                     hits: Hits | None = None, places: bool = True) -> TextPlaces:
    """Places of work, arrangements and remote regions from a title and a description text.
    `low`: text.lower(), and `hits`: where TRIGGERS occur in it (TriggerIndex.hits), when the
    caller has them (normalize.draft scans once for every parser). `places=False`: the caller
    has its places (from structured fields): the clauses of prose are not searched for more,
    only the title, header and labelled lines (for arrangement words and remote regions)."""
    if low is None or len(low) != len(text):
        low = text.lower()
        if len(low) != len(text):  # lower-casing changed lengths ("İ"): positions from a copy
            low = "".join(c.lower()[:1] for c in text)
        hits = None
    if hits is None:
        hits = _own_index().hits(low)
    out = TextPlaces()
    found: list[_Found] = []
    for context, pure_only in _contexts(title, text, low, hits, places):
        _read_context(context, pure_only, found, out, places)
    _arrangement_from_prose(text, hits, out)
    _resolve(found, out)
    if out.regions and not out.remote:
        out.regions = []
    if out.work and not (out.remote or out.hybrid or out.onsite):
        out.onsite = True
    elif out.remote and not (out.onsite or out.hybrid) and any(loc.city for loc in out.work):
        out.onsite = True  # an office named beside a remote option is one of the options
    return out


_OWN: list[TriggerIndex] = []


def _own_index() -> TriggerIndex:
    if not _OWN:
        _OWN.append(TriggerIndex((), *TRIGGERS))
    return _OWN[0]


def _cue_matches(text: str, low: str, hits: Hits) -> list[re.Match[str]]:
    """The cues (_CUE_RE) of the text that are not a headquarters or someone else's place."""
    found = []
    for word in hits.keys() & _CUE_SET:
        for start in hits[word]:
            if start and low[start - 1].isalnum():
                continue
            m = _CUE_RE.match(text, start)
            if m is None or m.group("neg"):
                continue
            if m.group(0)[:5].lower() in ("based", "locat", "situa") and _SEAT_BEFORE_RE.search(
                    text, max(0, start - 30), start):
                continue
            found.append(m)
    return found


def _line_at(text: str, i: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return start, len(text) if end < 0 else end


def _contexts(title: str, text: str, low: str, hits: Hits,
              places: bool = True) -> list[tuple[str, bool]]:
    """(text, pure_only): pure_only contexts keep only segments made of places alone."""
    contexts: list[tuple[str, bool]] = [(title, True)]
    lines: set[tuple[int, int]] = set()
    first = text.find("\n")
    lines.add((0, len(text) if first < 0 else first))  # the first line: often a header
    for i in hits.get("|", ()):
        lines.add(_line_at(text, i))
    for start, end in sorted(lines):
        line = text[start:end].strip()
        if line and len(line) <= MAX_HEADER_LINE and line != title:
            contexts.append((line, True))
    labels = {_line_at(text, i) for word in hits.keys() & _LABEL_SET for i in hits[word]}
    for start, end in sorted(labels):
        line = text[start:end].strip()
        if 0 < line.find(":", 0, 40) and _LABEL_LINE_RE.match(line):
            contexts.append((line, False))
    if not places:
        return contexts
    for bracket in _BRACKETS:  # in short lines only ("Robotics Engineer (NYC)"), not in prose
        for i in hits.get(bracket, ()):
            m = _BRACKET_RE.match(text, i)
            if m:
                start, end = _line_at(text, i)
                # "Remote (US only)": a restriction, read with its line (a header or a label)
                if end - start <= MAX_BRACKET_LINE and not _REMOTE_BEFORE_RE.search(
                        low, max(0, i - 12), i):
                    contexts.append((m.group(1), True))
    for cue in _cue_matches(text, low, hits):
        end = _CLAUSE_END_RE.search(text, cue.end(), cue.end() + MAX_CLAUSE)
        contexts.append((text[cue.start(): end.start() if end else cue.end() + MAX_CLAUSE], False))
    return contexts


def _read_context(context: str, pure_only: bool, found: list[_Found], out: TextPlaces,
                  places: bool = True) -> None:
    low = context.lower()  # each regex below runs only where its word is
    remote_spans = _remote_spans(context, out) if "remote" in low else []
    if "hybrid" in low or "site" in low or "office" in low or "person" in low:
        _arrangement_words(context, out)
    if not places and not remote_spans:
        return  # the structure gave the places: only a remote restriction is still read here
    mentions = gazetteer().scan(context)
    if ", " in context:
        mentions = _with_small_towns(context, mentions)
    if not mentions:
        return
    def in_remote(m: Mention) -> bool:
        return any(start <= m.start < end for start, end in remote_spans)

    if pure_only:  # a segment made of places alone, or a remote restriction
        pure = _pure_segments(context, mentions)
        keep = [m for m in mentions if m in pure or in_remote(m)]
    else:
        keep = mentions
    following = dict(zip(mentions, mentions[1:], strict=False))
    for m in keep:
        if _TZ_AFTER_RE.match(context, m.end):
            continue  # "EU time zone": a time zone, read by _TIME_ZONE_RULES
        qualifier = _qualifier(context, m, following.get(m))
        found.append(_Found(m, qualifier, in_remote(m)))


def _with_small_towns(context: str, mentions: list[Mention]) -> list[Mention]:
    """Add "Town, ST" pairs the gazetteer does not know ("Jericho, NY": too small for it): the
    state says the country."""
    extra = []
    for m in _TOWN_STATE_RE.finditer(context):
        state = m.group(2)
        country = "US" if state in US_STATES else "CA" if state in CA_PROVINCES else None
        if country is None or any(k.start < m.end(1) and m.start(1) < k.end for k in mentions):
            continue
        extra.append(Mention(m.start(1), m.end(1), m.group(1), (
            Place("city", country=country, region=state, city=m.group(1)),)))
    return sorted([*mentions, *extra], key=lambda k: k.start) if extra else mentions


def _pure_segments(context: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions that stand in a segment made of places alone ("Berlin, Germany", "SF/NYC")."""
    keep: list[Mention] = []
    position = 0
    for segment in _SEGMENT_SPLIT_RE.split(context):
        start = context.find(segment, position) if segment else position
        end = start + len(segment)
        position = end
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        if not inside:
            continue
        rest = segment
        for m in reversed(inside):
            rest = rest[: m.start - start] + " " + rest[m.end - start:]
        leftover = [w for w in _FILLER_RE.sub(" ", rest).split() if not _is_state_code(w)]
        if len(leftover) <= (1 if len(inside) >= 2 else 0):
            keep.extend(inside)
    return keep


def _is_state_code(word: str) -> bool:
    return len(word) == 2 and word.isupper() and (word in US_STATES or word in CA_PROVINCES)


def _qualifier(context: str, m: Mention, nxt: Mention | None) -> Place | None:
    """A state or country written right after a city ("Portland, OR", "Cambridge UK"); `nxt`:
    the context's next mention."""
    if not any(p.kind == "city" for p in m.places):
        return None
    code = _STATE_CODE_RE.match(context, m.end, m.end + 8)
    if code and code.group(1) in US_STATES:
        return Place("state", country="US", region=code.group(1))
    if code and code.group(1) in CA_PROVINCES:
        return Place("state", country="CA", region=code.group(1))
    if nxt is not None and nxt.start - m.end <= 3 and _COUNTRY_AFTER_RE.match(
            context[m.end: nxt.start]):
        head = nxt.places[0]
        if head.kind in ("country", "state"):
            return head
    return None


def _remote_spans(context: str, out: TextPlaces) -> list[tuple[int, int]]:
    """Where a remote restriction is written: after "remote" ("Remote (US)", "REMOTE - US only",
    "remote within the EU") or right before it ("US-remote", "EU Remote")."""
    spans: list[tuple[int, int]] = []
    for m in _REMOTE_WORD_RE.finditer(context):
        if _NOT_REMOTE_RE.match(context, max(0, m.start() - 8)) or _NOT_REMOTE_RE.search(
                context[max(0, m.start() - 8): m.end() + 12]):
            continue
        out.remote = True
        after = m.end()
        rest = context[after:]
        stripped = rest.lstrip(" ")
        if stripped.startswith(("(", "[")):
            close = stripped.find(")" if stripped[0] == "(" else "]")
            offset = len(rest) - len(stripped)
            inner = stripped[1: close if close > 0 else len(stripped)]
            if not _ALTERNATIVES_RE.match(inner):  # "Remote (or London, Dubai)": other options
                spans.append((after + offset, after + offset + 1 + len(inner)))
        else:
            cue = _REMOTE_CUE_AFTER_RE.match(context, after)
            if cue is not None and cue.end() > after or (cue is not None and stripped[:2].isupper()):
                end = _SPAN_END_RE.search(context, after, after + 80)
                spans.append((after, end.start() if end else min(len(context), after + 80)))
        before = context[max(0, m.start() - 12): m.start()]
        tail = re.search(r"([A-Z][\w.]*)\s*[-–—]?\s*$", before)
        if tail and tail.group(1).upper() in ("US", "USA", "U.S.", "EU", "UK", "EMEA", "APAC",
                                               "LATAM", "EUROPE", "CANADA"):
            spans.append((m.start() - len(tail.group(0)), m.start()))
    return spans


def _arrangement_words(context: str, out: TextPlaces) -> None:
    """Arrangement words of a place context. An onsite word right after "hybrid" ("HYBRID
    ONSITE (2 days/week)") or beside a day count ("2x/week in office") describes the hybrid."""
    if _HYBRID_WORD_RE.search(context):
        out.hybrid = True
    if out.onsite or _DAY_COUNT_RE.search(context):
        return
    for m in _ONSITE_WORD_RE.finditer(context):
        if not _AFTER_HYBRID_RE.search(context, max(0, m.start() - 10), m.start()):
            out.onsite = True
            return


def _near(pattern: re.Pattern[str], text: str, hits: Hits, words: tuple[str, ...],
          before: int = 40, after: int = 60) -> re.Match[str] | None:
    """pattern.search(text) tried only in windows around the words' hits (each pattern below
    contains one of its words): a regex of many alternatives searched over a whole description
    costs ~0.1 ms, a few windows next to nothing."""
    for word in words:
        for i in hits.get(word, ()):
            m = pattern.search(text, max(0, i - before), i + len(word) + after)
            if m:
                return m
    return None


_REMOTE_WORDS = ("remote", "from home", "from anywhere")
_WEEK_WORDS = ("week", "wk")
_OFFICEISH = ("office", "on-site", "onsite", "on site", "in person", "in-person")
_ZONE_WORDS = ("zone", "cet", "hours", "pst", "pdt", " est", " edt", "(est", "(edt")


def _arrangement_from_prose(text: str, hits: Hits, out: TextPlaces) -> None:
    """Arrangement phrases anywhere in the text, and the time zones of a remote job."""
    if not out.remote and _near(_REMOTE_PROSE_RE, text, hits, _REMOTE_WORDS) and not _near(
            _NOT_REMOTE_RE, text, hits, ("remote",), 12, 30):
        out.remote = True
    if not out.hybrid and _near(_HYBRID_WORD_RE, text, hits, ("hybrid",), 0):
        out.hybrid = True
    days = None
    if not out.hybrid and any(word in hits for word in _OFFICEISH):
        days = _near(_DAYS_IN_OFFICE_RE, text, hits, _WEEK_WORDS, 50, 50)
    if days and not _FULL_WEEK_IN_OFFICE_RE.search(days.group(0)):
        if not out.onsite:  # "3 days a week in the office": hybrid, unless a word says onsite
            out.hybrid = True
    elif not out.onsite and (days or _near(_ONSITE_PROSE_RE, text, hits, _ONSITE_WORDS, 12, 30)
                             or _near(_OUR_OFFICE_RE, text, hits, ("office",), 60, 8)):
        out.onsite = True
    if out.remote:
        for rule, code in _TIME_ZONE_RULES:
            m = None if code in out.regions else _near(rule, text, hits, _ZONE_WORDS, 40, 20)
            # "4 hours overlap with US east coast hours" asks for overlap, not for residence.
            if m and not _OVERLAP_BEFORE_RE.search(text, max(0, m.start() - 30), m.start()):
                out.regions.append(code)


TRIGGERS = (*CUE_WORDS, *_LABEL_WORDS, *_BRACKETS, "|", *_REMOTE_WORDS, "hybrid", *_ONSITE_WORDS,
            "office", *_WEEK_WORDS, *_OFFICEISH, *_ZONE_WORDS)
_LABEL_SET = frozenset(_LABEL_WORDS)


def _resolve(found: list[_Found], out: TextPlaces) -> None:
    """Turn the kept mentions into places of work and remote regions, names with several
    meanings decided by the rules in the module docstring."""
    explicit = {f.qualifier.country for f in found if f.qualifier and f.qualifier.country}
    for f in found:
        places = f.mention.places
        if len({p.country for p in places}) == 1 and places[0].country:
            explicit.add(places[0].country)
    for f in found:
        place = _choose(f, explicit)
        if place is None:
            continue
        if place.kind == "region":
            if f.remote_region or out.remote:
                _add_region(out, place.code)
            continue
        if f.remote_region:
            _add_region(out, place.country)
            continue
        location = _location(place, f)
        if location not in out.work:
            out.work.append(location)


def _choose(f: _Found, explicit: set[str]) -> Place | None:
    places = f.mention.places
    if not places:
        return None
    if places[0].kind == "region":
        return places[0]
    if f.qualifier is not None:
        matching = [p for p in places if p.kind == "city" and p.country == f.qualifier.country
                    and (f.qualifier.kind != "state" or p.region in (None, f.qualifier.region))]
        if matching:
            return matching[0]
        if f.qualifier.kind == "state":  # a city too small for the gazetteer, with its state
            return Place("city", country=f.qualifier.country, region=f.qualifier.region,
                         city=f.mention.text)
        return Place("country", country=f.qualifier.country)
    if len({p.country for p in places}) == 1:
        top = places[0]
        if top.kind != "city" or bare_ok(top, f.mention.text):
            return top
        return next((p for p in places if p.kind != "city"), None)
    usable = [p for p in places if p.kind != "city" or bare_ok(p, f.mention.text)]
    if not usable:
        return None
    if len(usable) > 1 and usable[0].kind == "city" and usable[0].population >= (
            OVERWHELMING * max(usable[1].population, 1)):
        return usable[0]  # London, not London (Ontario), even beside Toronto
    in_context = [p for p in usable if p.country in explicit]
    if len({p.country for p in in_context}) == 1:
        return in_context[0]
    if len(usable) == 1:
        return usable[0]
    first, second = usable[0], usable[1]
    if first.kind == "city" and second.kind == "city" and (
            first.population >= BARE_DOMINANCE * max(second.population, 1)):
        return first
    return None


def _location(place: Place, f: _Found) -> Location:
    raw = f.mention.text
    if place.kind == "city":
        return Location(city=place.city, region=place.region, country=place.country, raw=raw)
    if place.kind == "state":
        return Location(region=place.region, country=place.country, raw=raw)
    return Location(country=place.country, raw=raw)


def _add_region(out: TextPlaces, code: str | None) -> None:
    if code and code not in out.regions:
        out.regions.append(code)
