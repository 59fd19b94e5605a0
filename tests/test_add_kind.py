"""docs/architecture.md's worked example, followed literally: the packages are copied, the doc's
files and registry lines are written into the copy, and `stint sources check` crawls the doc's
sample response with the new kind. A change to the registries or to the helpers the example
uses breaks this test until the doc is brought up to date."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.fixtures.server import FixtureServer, Reply

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PACKAGES = ("crawlers", "normalize", "index", "search_api", "stint")
# ```lang name  ...  ``` : a fenced block whose info string names a file (or "response").
BLOCK_RE = re.compile(r"^```(\w+) ([^\n]+)\n(.*?)^```$", re.M | re.S)
PLACEHOLDER_BASE = "http://127.0.0.1:8765"


def doc_blocks() -> list[tuple[str, str, str]]:
    """(language, name, body) of every named code block of the doc, in order."""
    return [(lang, name.strip(), body) for lang, name, body in BLOCK_RE.findall(DOC.read_text("utf-8"))]


def apply_diff(text: str, diff: str) -> str:
    """Each hunk's context and `-` lines, found exactly once, replaced by its context and `+`
    lines (hunks are separated by `@@`; no line numbers needed)."""
    for hunk in re.split(r"^@@.*\n", diff, flags=re.M):
        lines = hunk.splitlines(keepends=True)
        before = "".join(line[1:] for line in lines if line[:1] in (" ", "-"))
        after = "".join(line[1:] for line in lines if line[:1] in (" ", "+"))
        assert text.count(before) == 1, f"hunk does not apply once:\n{before}"
        text = text.replace(before, after)
    return text


def follow_the_doc(tree: Path) -> tuple[str, str]:
    """Write the doc's files and registry lines into `tree`; (the board's response, sources.toml)."""
    response = sources = None
    for lang, name, body in doc_blocks():
        if name == "response":
            response = body
        elif name == "sources.toml":
            sources = body
        elif lang == "diff":
            target = tree / name
            target.write_text(apply_diff(target.read_text("utf-8"), body), "utf-8")
        elif lang == "python":
            assert not (tree / name).exists(), f"the example would overwrite {name}"
            (tree / name).write_text(body, "utf-8")
    assert response and sources, "the doc lost its sample response or its sources.toml"
    return response, sources


def test_the_worked_example_adds_a_kind(tmp_path):
    tree = tmp_path / "tree"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))
    response, sources = follow_the_doc(tree)
    json.loads(response)  # the doc shows valid JSON

    def route(path: str, query: dict, headers: dict) -> Reply:
        if path == "/boards/acme/jobs.json":
            return Reply(body=response, content_type="application/json")
        return Reply(404, "not found", "text/plain")

    with FixtureServer(route) as board:
        (tmp_path / "sources.toml").write_text(sources.replace(PLACEHOLDER_BASE, board.base_url))
        command = re.search(r"^stint (sources check .*)$", DOC.read_text("utf-8"), re.M)
        assert command, "the doc lost its `stint sources check` line"
        env = {**os.environ, "PYTHONPATH": str(tree), "STINT_HOME": str(tmp_path / "home")}
        done = subprocess.run([sys.executable, "-m", "stint", *command[1].split()], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "acme-gigs: pages=1 postings=2 rejected=0 errors: none" in done.stderr
    listings = {x["title"]: x for x in map(json.loads, done.stdout.splitlines())}
    research, entry = listings["Research Assistant Micro-Internship"], listings["Data Entry Project"]
    assert research["kind"] == "tinyboard" and research["organization"]["name"] == "acme"
    assert research["locations"][0]["city"] == "Boston"
    assert (research["pay"]["min"], research["pay"]["period"]) == (20, "HOUR")
    assert research["posted_at"].startswith("2026-11-02")
    assert entry["arrangement"] == "remote" and entry["remote_regions"] == ["US"]
    assert (entry["pay"]["min"], entry["pay"]["period"]) == (300, "PROJECT")


def test_the_copy_runs_its_own_code_not_the_installed_one(tmp_path):
    """Without the doc's format, the copy's crawlers.kinds refuses to start (so the test above
    really ran the copy, not the checkout the virtualenv points at)."""
    tree = tmp_path / "tree"
    for package in ("crawlers", "normalize"):
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))
    for lang, name, body in doc_blocks():
        if name.startswith("crawlers/"):
            target = tree / name
            target.write_text(apply_diff(target.read_text("utf-8"), body) if lang == "diff" else body)
    done = subprocess.run([sys.executable, "-c", "import crawlers.kinds"], cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True,
                          text=True, timeout=60)
    assert "spider kind(s) without a format in normalize/formats/: tinyboard" in done.stderr
