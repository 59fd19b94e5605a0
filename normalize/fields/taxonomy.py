"""Category (task type) and skills, from keyword vocabularies.

CATEGORIES maps a category slug to the phrases that suggest it; the category of a posting is the
one whose phrases weigh most. A phrase weighs its number of words (the more specific "data
entry" outweighs "crm"), times TITLE_WEIGHT in the title. Ties go to the category listed first.
SKILLS maps a skill's display name to the phrases that name it; skills are returned in the order
they first occur.

Matching is on lower-cased word tokens, not regexes. Hyphens split words ("data-entry" is "data
entry"); "+", "#" and inner dots keep theirs ("c++", "c#", "node.js"); a dot that ends a word
goes ("python." is "python"). A phrase matches where its words are consecutive tokens; scanning
left to right, the longest phrase starting at a token wins and the tokens inside it start none.

A text is not split into tokens: it is normalized once into one ASCII bytes string (every
separator a space) and one Aho-Corasick automaton (ahocorasick_rs, in Rust) finds every phrase
in it in one pass, each pattern padded with spaces so that it matches whole tokens only. The
result is cached for the few texts of the listing being normalized: its category and its skills
read the same scan.
"""
from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import product
from typing import Any

import ahocorasick_rs

from normalize.cache import FEW, RECURRING, bounded_cache

TITLE_WEIGHT = 3

CATEGORIES: dict[str, tuple[str, ...]] = {
    "software": (
        "software", "developer", "software engineer", "web development", "web developer",
        "frontend", "front end", "backend", "back end", "full stack", "fullstack", "programming",
        "coding", "mobile app", "ios", "android", "api", "apis", "devops", "qa testing",
        "javascript", "python", "react", "web app", "script", "scripts", "pandas", "pytest",
        "unit tests", "code review", "bugs", "git repository", "pull requests",
    ),
    "data_analysis": (
        "data analysis", "data analyst", "analytics", "dashboard", "dashboards",
        "data visualization", "data science", "data scientist", "statistical analysis",
        "machine learning", "tableau", "power bi", "sql", "kpis", "metrics",
    ),
    "data_entry": (
        "data entry", "data cleaning", "data cleanup", "data collection", "transcription",
        "transcribe", "data labeling", "data annotation", "annotation", "tagging", "typing",
        "spreadsheet", "spreadsheets", "database updates", "catalog", "cataloging",
    ),
    "research": (
        "research", "researcher", "market research", "literature review", "survey", "surveys",
        "user research", "competitive analysis", "competitor analysis", "desk research",
        "research assistant", "interviews",
    ),
    "marketing": (
        "marketing", "social media", "seo", "sem", "content marketing", "campaign", "campaigns",
        "brand", "growth", "email marketing", "newsletter", "influencer", "advertising",
        "digital marketing", "instagram", "tiktok", "community management", "marketer",
        "community manager", "community building", "community engagement", "discord",
    ),
    "design": (
        "design", "designer", "graphic design", "ui", "ux", "ui/ux", "figma", "illustration",
        "logo", "canva", "photoshop", "illustrator", "mockups", "wireframes", "video editing",
        "animation", "branding", "video", "videos", "reels", "premiere pro", "after effects",
        "video editor", "creative",
    ),
    "writing": (
        "writing", "writer", "copywriting", "copywriter", "content writing", "blog", "blog posts",
        "editing", "editor", "proofreading", "technical writing", "articles", "journalism",
        "translation", "translator", "grant writing", "documentation",
        "technical documentation", "communications", "press release", "case study",
        "case studies", "help center articles",
    ),
    "sales": (
        "sales", "business development", "lead generation", "leads", "prospecting", "outreach",
        "cold calling", "cold email", "crm", "account executive", "partnerships", "salesforce",
        "hubspot",
    ),
    "customer_support": (
        "customer support", "customer service", "help desk", "helpdesk", "support tickets",
        "customer success", "client success", "customer inquiries",
    ),
    "admin": (
        "administrative", "admin", "administration", "scheduling", "virtual assistant",
        "office assistant", "calendar", "event planning", "coordination", "coordinator",
        "filing", "executive assistant",
    ),
    "finance": (
        "finance", "financial", "accounting", "bookkeeping", "financial analysis",
        "financial modeling", "budgeting", "investment", "audit", "tax", "valuation", "excel",
    ),
    "consulting": (
        "consulting", "consultant", "strategy", "business analysis", "market entry",
        "business plan",
    ),
    "operations": (
        "operations", "process mapping", "process maps", "logistics", "supply chain", "vendor",
        "vendors", "flowcharts", "process improvement", "playbook", "procurement", "shipment",
        "shipments", "run sheet",
    ),
    "hr": (
        "recruiting", "recruitment", "talent acquisition", "human resources", "hr", "sourcing",
        "onboarding",
    ),
    "education": ("tutoring", "tutor", "teaching", "curriculum", "lesson plans", "education"),
    "legal": ("legal", "paralegal", "compliance", "contracts review", "law", "legal research"),
}

SKILLS: dict[str, tuple[str, ...]] = {
    "Python": ("python",), "SQL": ("sql",), "Excel": ("excel", "microsoft excel", "ms excel"),
    "Google Sheets": ("google sheets",), "R": ("rstudio", "r programming", "r language"),
    "JavaScript": ("javascript", "js"), "TypeScript": ("typescript",), "Java": ("java",),
    "C++": ("c++",), "C#": ("c#",), ".NET": ("asp.net", "dotnet", "net core"), "Go": ("golang",),
    "Rust": ("rust",), "PHP": ("php",), "Ruby": ("ruby", "ruby on rails", "rails"),
    "Swift": ("swift",), "Kotlin": ("kotlin",), "HTML": ("html", "html5"), "CSS": ("css", "css3"),
    "React": ("react", "react.js", "reactjs"), "Vue": ("vue", "vue.js", "vuejs"),
    "Angular": ("angular",), "Node.js": ("node.js", "nodejs", "node js"),
    "Django": ("django",), "Flask": ("flask",), "pandas": ("pandas",), "NumPy": ("numpy",),
    "Machine Learning": ("machine learning", "ml"), "NLP": ("nlp", "natural language processing"),
    "TensorFlow": ("tensorflow",), "PyTorch": ("pytorch",), "Statistics": ("statistics",),
    "Tableau": ("tableau",), "Power BI": ("power bi", "powerbi"), "Looker": ("looker",),
    "Google Analytics": ("google analytics",), "SPSS": ("spss",), "Stata": ("stata",),
    "MATLAB": ("matlab",), "AWS": ("aws", "amazon web services"), "Azure": ("azure",),
    "GCP": ("gcp", "google cloud"), "Docker": ("docker",), "Kubernetes": ("kubernetes", "k8s"),
    "Git": ("git", "github", "gitlab"), "Linux": ("linux",), "PostgreSQL": ("postgresql", "postgres"),
    "MySQL": ("mysql",), "MongoDB": ("mongodb",), "GraphQL": ("graphql",),
    "REST APIs": ("rest api", "rest apis", "restful"), "Figma": ("figma",),
    "Photoshop": ("photoshop",), "Illustrator": ("illustrator", "adobe illustrator"),
    "InDesign": ("indesign",), "Premiere Pro": ("premiere", "premiere pro"),
    "After Effects": ("after effects",), "Canva": ("canva",), "UX Design": ("ux", "ux design"),
    "UI Design": ("ui design",), "User Research": ("user research",),
    "SEO": ("seo", "search engine optimization"), "SEM": ("sem",),
    "Social Media": ("social media",), "Copywriting": ("copywriting",),
    "Content Writing": ("content writing",), "Email Marketing": ("email marketing",),
    "Salesforce": ("salesforce",), "HubSpot": ("hubspot",), "WordPress": ("wordpress",),
    "Shopify": ("shopify",), "Jira": ("jira",), "Notion": ("notion",),
    "PowerPoint": ("powerpoint",), "Microsoft Office": ("microsoft office", "ms office"),
    "Video Editing": ("video editing",), "Data Analysis": ("data analysis",),
    "Data Entry": ("data entry",), "Financial Modeling": ("financial modeling",
    "financial modelling"), "Accounting": ("accounting",), "QuickBooks": ("quickbooks",),
    "Bookkeeping": ("bookkeeping",), "Project Management": ("project management",),
    "Customer Service": ("customer service",), "Market Research": ("market research",),
    "Translation": ("translation", "translate", "translator", "translating"),
    "Spanish": ("spanish",), "French": ("french",), "German": ("german",),
    "Mandarin": ("mandarin",),
}
MAX_SKILLS = 25

# Punctuation becomes a space, except "+", "#" and "." that belong to names like "c++", "c#",
# "node.js"; letters become lower-case. The text is first made ASCII, each other character one
# separator (as if it were "?"): the vocabularies are ASCII. A newline becomes a space too; the
# other whitespace characters (tab, CR, VT, FF, \x1c-\x1f: str.split() splits on them) become a
# tab, which is rare, so that one `in` test says whether _haystack needs its slow path.
_SEPARATORS = bytes(
    32 if (chr(i) in string.punctuation and chr(i) not in "+#.") or i == 10 or i >= 0x80
    else 9 if chr(i).isspace() and i != 32
    else ord(chr(i).lower()) if chr(i) in string.ascii_uppercase
    else i
    for i in range(256)
)
# A non-ASCII text is made ASCII from its UTF-8 bytes: with the continuation bytes deleted, each
# character is its lead byte, a separator (~1.5x cheaper than encode("ascii", "replace")).
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))
_TAB_TO_SPACE = bytes.maketrans(b"\t", b" ")
_CHUNK = re.compile(rb"[^ ]+")
# How a gap between two tokens that is not one or two spaces begins.
_WIDER_GAPS = (b"   ", b" . ", b"  . ")
MAX_WORDS = 3  # words in the longest phrase (checked below)
Found = tuple[tuple[str, str, int], ...]  # (vocabulary, label, number of words matched)


def _haystack(text: str) -> bytes:
    """`text` lower-cased and made ASCII, every separator a space, with a space at each end.
    Its tokens are its "chunks" (runs of non-spaces), a chunk's last dot dropped: "python." is
    "python" but "node.js" keeps its dot, and a lone "." is no token at all."""
    if text.isascii():
        ascii_text = text.encode("ascii").translate(_SEPARATORS)
    else:
        # Only two non-ASCII characters lower-case to ASCII ones ("İ" to "i̇", the Kelvin sign
        # to "k"); without them, lower-casing the ASCII bytes is the same and ~3x cheaper than
        # str.lower (any other non-ASCII character is a separator either way).
        if "\u0130" in text or "\u212a" in text:
            text = text.lower()
        raw = text.encode("utf-8", "surrogatepass")  # lone surrogates too, as "?" would be
        ascii_text = raw.translate(_SEPARATORS, _UTF8_CONTINUATION)
    hay = b"".join((b" ", ascii_text, b" "))
    if b"\t" in hay:
        # A dot before other whitespace than a space or a newline stays ("python.\tx" has the
        # token "python."): a NUL after it keeps it in its chunk once the tab is a space.
        hay = hay.replace(b".\t", b".\0\t").translate(_TAB_TO_SPACE)
    return hay


def _tokens(hay: bytes, pos: int) -> list[tuple[bytes, int]]:
    """The first MAX_WORDS tokens of `hay` from `pos` on, each with the position of the space
    after it."""
    tokens = []
    for m in _CHUNK.finditer(hay, pos):
        chunk = m.group()
        if chunk != b".":
            tokens.append((chunk[:-1] if chunk.endswith(b".") else chunk, m.end()))
            if len(tokens) == MAX_WORDS:
                break
    return tokens


def _phrases(vocabularies: dict[str, dict[str, tuple[str, ...]]]) -> dict[tuple[bytes, ...], Found]:
    """Phrase (as tokens) -> what it names, in vocabulary order. One table for all vocabularies,
    so that a description is scanned once for all of them."""
    labels: dict[tuple[bytes, ...], list[tuple[str, str]]] = {}
    for name, vocab in vocabularies.items():
        for label, phrases in vocab.items():
            for phrase in phrases:
                words = tuple(token for token, _ in _tokens(_haystack(phrase), 0))
                if words and (name, label) not in labels.setdefault(words, []):
                    labels[words].append((name, label))
    return {words: tuple((name, label, len(words)) for name, label in named)
            for words, named in labels.items()}


def _variants(words: tuple[bytes, ...]) -> list[bytes]:
    """" w1 w2", " w1.  w2", ...: `words` as the chunks of consecutive tokens, each with its dot
    or without, one or two spaces apart (two: "data, entry"), after the space before them."""
    return [b"".join(parts) for parts in product(*(
        [gap + word + dot for gap in ((b" ",) if i == 0 else (b" ", b"  ")) for dot in (b"", b".")]
        for i, word in enumerate(words)
    ))]


_PHRASES = _phrases({"category": CATEGORIES, "skill": SKILLS})
assert max(map(len, _PHRASES)) <= MAX_WORDS
# First token -> [(phrase, what it names)], longest phrase first.
_STARTS: dict[bytes, list[tuple[tuple[bytes, ...], Found]]] = {}
for _words, _named in _PHRASES.items():
    _STARTS.setdefault(_words[0], []).append((_words, _named))
for _entries in _STARTS.values():
    _entries.sort(key=lambda entry: -len(entry[0]))

# One automaton finds every phrase whose words are one or two spaces apart, and every start of
# a phrase that may go on past a wider gap (spaces and lone dots, which are no tokens): such a
# "prefix" match (what None marks) is resolved by reading the tokens there.
_PATTERNS: dict[bytes, Found | None] = {}
for _words, _named in _PHRASES.items():
    _PATTERNS.update(dict.fromkeys((v + b" " for v in _variants(_words)), _named))
    for _size in range(1, len(_words)):
        for _variant in _variants(_words[:_size]):
            _PATTERNS.update(dict.fromkeys((_variant + gap for gap in _WIDER_GAPS), None))
_MEANINGS = list(_PATTERNS.values())
_AUTOMATON = ahocorasick_rs.BytesAhoCorasick(
    list(_PATTERNS), implementation=ahocorasick_rs.Implementation.DFA)
_CATEGORY_ORDER = {slug: i for i, slug in enumerate(CATEGORIES)}


def _found(text: Any) -> Found:
    if not isinstance(text, str):
        return ()
    if len(text) <= _SHORT_TEXT:
        return _scan_short(text)
    found = _BATCH.get(text) if _BATCH else None
    return found if found is not None else _scan_long(text)


# A batch's descriptions, scanned back to back before its postings are mapped (`prefetched`):
# as for sanitizing (normalize/fields/text.py), the automaton is then in the CPU caches.
_BATCH: dict[str, Found] = {}


@contextmanager
def prefetched(texts: Iterable[Any]) -> Iterator[None]:
    """Within the block, the scans of `texts` come from results computed up front."""
    try:
        for text in texts:
            if isinstance(text, str) and len(text) > _SHORT_TEXT and text not in _BATCH:
                _BATCH[text] = _scan(text)
        yield
    finally:
        _BATCH.clear()


def _scan(text: str) -> Found:
    """Every vocabulary phrase in `text`, in order: at each token the longest phrase that starts
    there wins, and tokens inside it start none.

    One Aho-Corasick pass (ahocorasick_rs, in Rust) over the normalized text finds the phrases,
    a handful in 3 KB, instead of splitting the text into its ~500 tokens and looking each one
    up. Patterns are padded with spaces so that they match whole tokens only; overlapping
    matches, as neighbouring phrases share the space between them."""
    hay = _haystack(text)
    candidates = []  # (start, -end, what it names): start and end are the spaces around it
    for pattern, start, end in _AUTOMATON.find_matches_as_indexes(hay, overlapping=True):
        named = _MEANINGS[pattern]
        if named is not None:
            candidates.append((start, 1 - end, named))
            continue
        tokens = _tokens(hay, start)
        for words, named in _STARTS[tokens[0][0]]:
            if len(words) <= len(tokens) and words == tuple(t for t, _ in tokens[: len(words)]):
                candidates.append((start, -tokens[len(words) - 1][1], named))
                break
    found: list[tuple[str, str, int]] = []
    after = 0
    for start, end, named in sorted(candidates):  # longest first among those at one start
        if start >= after:  # not inside a phrase already matched
            found.extend(named)
            after = -end
    return tuple(found)


# Cached: the category and the skills of one listing read the same texts, and short ones (titles,
# an ATS's department labels: "Operations", "Software Engineer") recur across listings, so
# many more of them are kept than of the descriptions, which seldom do.
_SHORT_TEXT = 80
_scan_short = bounded_cache(RECURRING)(_scan)
_scan_long = bounded_cache(FEW)(_scan)


def categorize(title: Any, text: Any = "", *more: Any) -> str | None:
    """The category slug that the title and texts (description, an ATS's department labels)
    suggest most; None if none does. Each text is scanned (and cached) on its own."""
    scores: dict[str, int] = {}
    sources = ((TITLE_WEIGHT, title), (1, text), *((1, m) for m in more))
    for weight, source in sources:
        for name, slug, length in _found(source):
            if name == "category":
                scores[slug] = scores.get(slug, 0) + weight * length
    if not scores:
        return None
    return min(scores, key=lambda slug: (-scores[slug], _CATEGORY_ORDER[slug]))


def find_skills(*texts: Any) -> list[str]:
    """Skills (display names) named in the texts, in order of first mention."""
    found: dict[str, None] = {}
    for text in texts:
        for name, skill, _ in _found(text):
            if name == "skill":
                found.setdefault(skill)
    return list(found)[:MAX_SKILLS]


def skills_from_value(value: Any) -> list[str]:
    """schema.org `skills` (text, a list, or DefinedTerm objects) as a list: vocabulary names
    where the vocabulary knows the skill, the page's own words otherwise."""
    items = value if isinstance(value, list) else [value]
    out: dict[str, None] = {}
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        for part in re.split(r"\s*[,;|\n•]\s*", item):
            part = " ".join(part.split()).strip(" .-")
            if not part or len(part) > 60:
                continue
            known = find_skills(part)
            for skill in known or [part]:
                out.setdefault(skill)
    return list(out)[:MAX_SKILLS]
