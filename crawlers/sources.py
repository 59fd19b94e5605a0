"""The sources file: one `[[source]]` table per source, parsed strictly.

    [crawler]                      # optional
    contact = "https://example.org/stint-bot"   # put in the User-Agent

    [[source]]
    name = "northfield"            # required: letters, digits, - and _
    kind = "jsonld"                # required: one of the registered kinds
    start_urls = ["https://careers.example.edu/jobs"]
    link_selector = "a.job-link"
    max_pages = 200                # optional limits common to every kind
    download_delay = 0.5
    timeout = 20                   # seconds one request may take (default 30)
    audience = "students"          # optional: every posting is for students (a career center's
                                   # board), which the micro-internship verdict then needs not read

An unknown key, kind or a value of the wrong type is a ConfigError naming the file and the line
of the source's `[[source]]` header. Which keys a kind takes is declared by the kind itself
(`options` on its spider class in crawlers/kinds/).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawlers.schedule import parse_schedule
from normalize.fields.micro import AUDIENCES


class ConfigError(Exception):
    """A sources or settings file that cannot be used; the message names the file and line."""


NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")

# Keys every source may carry, whatever its kind: name -> (type, default).
COMMON_KEYS: dict[str, tuple[type | tuple[type, ...], Any]] = {
    "enabled": (bool, True),
    "render": (bool, False),
    "wait_for": (str, None),
    "max_pages": (int, None),
    "max_items": (int, None),
    "download_delay": ((int, float), None),
    "timeout": ((int, float), None),  # seconds before one request gives up (DOWNLOAD_TIMEOUT)
    "schedule": (str, None),
    "expire_after": (int, 3),  # healthy runs a listing may be missing from before it expires
    "audience": (str, None),  # "students": every posting is for students (a career center's board)
}
CRAWLER_KEYS: dict[str, type | tuple[type, ...]] = {"contact": str, "concurrency": int}


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    options: dict[str, Any] = field(default_factory=dict)  # the kind's own keys
    enabled: bool = True
    render: bool = False
    wait_for: str | None = None
    max_pages: int | None = None
    max_items: int | None = None
    download_delay: float | None = None
    timeout: float | None = None
    schedule: str | None = None
    expire_after: int = 3
    audience: str | None = None  # "students" or "any" (normalize.fields.micro.AUDIENCES)
    origin: str = "<memory>"  # "file:line", for messages

    def as_dict(self) -> dict[str, Any]:
        """The source as a TOML-shaped table (what `from_dict` reads back)."""
        table = {"name": self.name, "kind": self.kind, **self.options}
        for key, (_type, default) in COMMON_KEYS.items():
            if getattr(self, key) != default:
                table[key] = getattr(self, key)
        return table


@dataclass(frozen=True)
class SourcesFile:
    sources: list[Source]
    crawler: dict[str, Any] = field(default_factory=dict)
    path: str = "<memory>"

    def get(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"{self.path}: no source named {name!r} (known: {known})")


def _type_name(expected: type | tuple[type, ...]) -> str:
    if isinstance(expected, tuple):
        return " or ".join(t.__name__ for t in expected)
    return expected.__name__


def _check_type(origin: str, key: str, value: Any, expected: type | tuple[type, ...]) -> None:
    # bool is an int in Python; a limit of `true` is a mistake, not 1.
    wrong_bool = isinstance(value, bool) and expected is not bool and bool not in (
        expected if isinstance(expected, tuple) else (expected,))
    if wrong_bool or not isinstance(value, expected):
        raise ConfigError(
            f"{origin}: {key!r} must be {_type_name(expected)}, not {type(value).__name__}"
        )
    if expected is list or (isinstance(expected, tuple) and list in expected):
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{origin}: {key!r} must be a list of strings")


def source_from_dict(table: dict[str, Any], origin: str = "<memory>") -> Source:
    """Validate one `[[source]]` table against the common keys and its kind's options."""
    from crawlers.kinds import KINDS  # the registry of kinds; imported late to keep this light

    if "name" not in table or "kind" not in table:
        raise ConfigError(f"{origin}: a source needs both 'name' and 'kind'")
    name, kind = table["name"], table["kind"]
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise ConfigError(f"{origin}: source name {name!r} must be letters, digits, - or _")
    if kind not in KINDS:
        raise ConfigError(
            f"{origin}: source {name!r} has unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})"
        )
    spider = KINDS[kind]
    common: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in table.items():
        if key in ("name", "kind"):
            continue
        if key in COMMON_KEYS:
            _check_type(origin, key, value, COMMON_KEYS[key][0])
            common[key] = value
        elif key in spider.options:
            _check_type(origin, key, value, spider.options[key])
            options[key] = value
        else:
            allowed = sorted([*COMMON_KEYS, *spider.options])
            raise ConfigError(
                f"{origin}: source {name!r}: unknown key {key!r} for kind {kind!r} "
                f"(allowed: {', '.join(allowed)})"
            )
    if common.get("render") and not spider.can_render:
        raise ConfigError(f"{origin}: source {name!r}: kind {kind!r} cannot render = true")
    if "schedule" in common:
        try:
            parse_schedule(common["schedule"])
        except ValueError as exc:
            raise ConfigError(f"{origin}: source {name!r}: {exc}") from None
    if "timeout" in common and common["timeout"] <= 0:
        raise ConfigError(f"{origin}: source {name!r}: timeout must be more than 0 seconds")
    if "audience" in common and common["audience"] not in AUDIENCES:
        raise ConfigError(f"{origin}: source {name!r}: audience must be one of "
                          f"{', '.join(map(repr, AUDIENCES))}, not {common['audience']!r}")
    if common.get("expire_after", 1) < 1:
        raise ConfigError(f"{origin}: source {name!r}: expire_after must be at least 1")
    problem = spider.check_options(options)
    if problem:
        raise ConfigError(f"{origin}: source {name!r}: {problem}")
    return Source(name=name, kind=kind, options=options, origin=origin, **common)


def _header_lines(text: str) -> list[int]:
    """1-based line numbers of each `[[source]]` header, in order (tomllib keeps no lines)."""
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if re.match(r"^\s*\[\[\s*source\s*\]\]", line)
    ]


def parse_sources(text: str, path: str = "<memory>") -> SourcesFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    unknown = set(data) - {"source", "crawler"}
    if unknown:
        raise ConfigError(f"{path}: unknown top-level table(s): {', '.join(sorted(unknown))} "
                          "(expected [[source]] and [crawler])")
    crawler = data.get("crawler", {})
    for key, value in crawler.items():
        if key not in CRAWLER_KEYS:
            raise ConfigError(f"{path}: [crawler]: unknown key {key!r} "
                              f"(allowed: {', '.join(CRAWLER_KEYS)})")
        _check_type(f"{path}: [crawler]", key, value, CRAWLER_KEYS[key])
    tables = data.get("source", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{path}: 'source' must be an array of tables: write [[source]]")
    lines = _header_lines(text)
    sources: list[Source] = []
    seen: dict[str, str] = {}
    for i, table in enumerate(tables):
        origin = f"{path}:{lines[i]}" if i < len(lines) else path
        source = source_from_dict(table, origin)
        if source.name in seen:
            raise ConfigError(f"{origin}: duplicate source name {source.name!r} "
                              f"(first at {seen[source.name]})")
        seen[source.name] = origin
        sources.append(source)
    return SourcesFile(sources=sources, crawler=crawler, path=path)


def load_sources(path: str | Path) -> SourcesFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read sources file {path}: {exc.strerror}") from exc
    return parse_sources(text, str(path))


def dump_sources(tables: list[dict[str, Any]], crawler: dict[str, Any] | None = None) -> str:
    """Write source tables as a sources file. Values are strings, numbers, booleans or lists
    of strings, whose JSON spelling is also valid TOML."""
    import json

    def body(table: dict[str, Any]) -> str:
        return "".join(f"{key} = {json.dumps(value)}\n" for key, value in table.items())

    parts = [f"[crawler]\n{body(crawler)}"] if crawler else []
    parts += [f"[[source]]\n{body(table)}" for table in tables]
    return "\n".join(parts)
