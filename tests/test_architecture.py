"""Imports point down (DESIGN.md, "Layout"): the stages never import the shell, and the packages
import each other without a cycle. Read from the source with `ast`, so an import inside a
function counts as much as one at the top of a module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("stint", "crawlers", "normalize", "index", "search_api")
STAGES = ("crawlers", "normalize", "index", "search_api")

# Which package may import which (the shell, stint, may import every stage).
ALLOWED = {
    "stint": {"crawlers", "normalize", "index", "search_api"},
    "search_api": {"index", "normalize"},
    "index": {"normalize"},
    "crawlers": {"normalize", "index"},  # index only in the store pipeline, checked below
    "normalize": set(),
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in the file."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def package_imports() -> dict[tuple[str, str], list[str]]:
    """(importer, imported) package pairs -> where ("path:line"), between different packages."""
    edges: dict[tuple[str, str], list[str]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for line, module in imported_modules(path):
                target = module.split(".")[0]
                if target in PACKAGES and target != package:
                    where = f"{path.relative_to(ROOT)}:{line}"
                    edges.setdefault((package, target), []).append(where)
    return edges


def find_cycle(edges: set[tuple[str, str]]) -> list[str] | None:
    """A cycle in the package graph as [a, b, ..., a], or None."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, nxt])):
                return cycle
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_the_shell(stage):
    offenders = package_imports().get((stage, "stint"), [])
    assert not offenders, f"{stage} imports stint (the shell) at: {', '.join(offenders)}"


def test_imports_follow_the_layers():
    wrong = {pair: where for pair, where in package_imports().items() if pair[1] not in ALLOWED[pair[0]]}
    assert not wrong, "imports against the layers: " + "; ".join(
        f"{a} -> {b} at {', '.join(where)}" for (a, b), where in sorted(wrong.items()))


def test_crawlers_reach_the_index_only_through_the_store_pipeline():
    where = package_imports().get(("crawlers", "index"), [])
    assert {w.split(":")[0] for w in where} <= {"crawlers/pipelines.py"}, where


def test_no_import_cycle_between_packages():
    cycle = find_cycle(set(package_imports()))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_checks_catch_what_they_look_for(tmp_path):
    """The helpers themselves: a shell import and a cycle are found."""
    module = tmp_path / "m.py"
    module.write_text("import os\ndef f():\n    from stint.cli import main\n", encoding="utf-8")
    assert (3, "stint.cli") in imported_modules(module)
    assert find_cycle({("a", "b"), ("b", "c"), ("c", "a")}) == ["a", "b", "c", "a"]
    assert find_cycle({("a", "b"), ("b", "c"), ("a", "c")}) is None
