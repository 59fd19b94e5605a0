"""Category (task type) and skills, from keyword vocabularies.

CATEGORIES maps a category slug to the phrases that suggest it; the category of a posting is the
one whose phrases weigh most. A phrase weighs its number of words (the more specific "data
entry" outweighs "crm"), times TITLE_WEIGHT in the title. Ties go to the category listed first.
SKILLS maps a skill's display name to the phrases that name it; skills are returned in the order
they first occur.

Matching is on lower-cased word tokens, not regexes: a text is tokenized once (cached for the
few texts of the listing being normalized) and each token is looked up in a dict, which costs
the same for 20 phrases or 2,000. Hyphens split words ("data-entry" is "data entry"); "+", "#"
and inner dots keep theirs ("c++", "c#", "node.js").
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import compress, count
from typing import Any

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
# "node.js". The text is first made ASCII (other characters become "?", a separator): the
# vocabularies are ASCII, and bytes.translate is ~10x faster than str.translate on text with
# curly quotes or dashes. translate() + split() is also faster than a tokenizing regex.
# A newline becomes a space too (split() treats both alike), so that one replace(". ", " ")
# drops every sentence-ending dot (before a space or a newline).
_SEPARATORS = bytes(
    32 if (chr(i) in string.punctuation and chr(i) not in "+#.") or i == 10 else i
    for i in range(256)
)
Index = dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]]]
Found = tuple[tuple[str, str, int], ...]  # (vocabulary, label, number of words matched)


def tokenize(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of `text`."""
    return _tokenize(text) if isinstance(text, str) else ()


@lru_cache(maxsize=16)
def _tokenize(text: str) -> tuple[str, ...]:
    # ASCII text is lower-cased as bytes (cheaper); other text first as str, since lower()
    # may turn a non-ASCII character into ASCII ones.
    if text.isascii():
        ascii_bytes = text.encode("ascii").lower()
    else:
        ascii_bytes = text.lower().encode("ascii", "replace")
    # A dot ends a word only before a space or a newline, or at the end ("python. " but not
    # "node.js"): one replace on bytes is cheaper than stripping every word.
    spaced = (ascii_bytes.translate(_SEPARATORS) + b" ").replace(b". ", b" ")
    return tuple(spaced.decode("ascii").split())


def _index(vocabularies: dict[str, dict[str, tuple[str, ...]]]) -> Index:
    """First token -> [(phrase tokens, ((vocabulary, label), ...))], longest phrase first. One
    index for all vocabularies, so that a description is scanned once for all of them."""
    labels: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for name, vocab in vocabularies.items():
        for label, phrases in vocab.items():
            for phrase in phrases:
                words = _tokenize(phrase)
                if words and (name, label) not in labels.setdefault(words, []):
                    labels[words].append((name, label))
    index: Index = {}
    for words, named in labels.items():
        index.setdefault(words[0], []).append((words, tuple(named)))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


_INDEX = _index({"category": CATEGORIES, "skill": SKILLS})
_INDEX_KEYS = frozenset(_INDEX)
_CATEGORY_ORDER = {slug: i for i, slug in enumerate(CATEGORIES)}


def _found(text: Any) -> Found:
    return _scan(text) if isinstance(text, str) else ()


@lru_cache(maxsize=16)
def _scan(text: str) -> Found:
    """Every vocabulary phrase in `text`, longest phrase winning (cached: the category and the
    skills of one listing read the same texts)."""
    tokens = _tokenize(text)
    found: list[tuple[str, str, int]] = []
    end = 0
    for i in _starts(tokens):
        if i < end:
            continue  # inside a phrase already matched
        for words, named in _INDEX[tokens[i]]:
            if tokens[i : i + len(words)] == words:
                found.extend((name, label, len(words)) for name, label in named)
                end = i + len(words)
                break
    return tuple(found)


def _starts(tokens: tuple[str, ...]) -> list[int]:
    """Positions of the tokens that start a vocabulary phrase, in order: compress() over a
    map() of set lookups runs at C speed (a Python loop over every token of a 3 KB description
    costs ~4x more, and tuple.index once per distinct token rescans the tuple each time)."""
    return list(compress(count(), map(_INDEX_KEYS.__contains__, tokens)))


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
