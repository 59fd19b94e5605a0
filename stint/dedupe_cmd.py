"""`stint dedupe`: Listing JSONL on stdin -> one JSONL cluster per opening on stdout.

A thin shell over normalize.dedup: read and validate lines, run the Deduper, write clusters (or
an explanation). Registered in stint/cli.py with `cli.add_command(dedupe)`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import click
import orjson
from pydantic import ValidationError

from normalize.schema import Listing
from stint.errors import ConfigError

if TYPE_CHECKING:
    from normalize.dedup import Overrides


def read_listings(stream: BinaryIO, report) -> Iterator[dict[str, Any]]:
    """Valid Listing dicts from JSONL; each bad line is reported (line number, why) and skipped.
    A repeated id is reported too; the later line wins (it is the newer version)."""
    seen: dict[str, int] = {}
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            report(f"line {number}: not JSON: {exc}")
            continue
        if not isinstance(data, dict):
            report(f"line {number}: not a JSON object")
            continue
        try:
            listing = Listing.model_validate(data).model_dump(mode="json")
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err.get("loc", ())) or "input"
            report(f"line {number}: not a Listing: {where}: {err.get('msg', 'invalid')}")
            continue
        if listing["id"] in seen:
            report(f"line {number}: id {listing['id']} repeats line {seen[listing['id']]}; "
                   "the later line is used")
        seen[listing["id"]] = number
        yield listing


def load_overrides(path: str | Path | None, *, missing_ok: bool = False) -> Overrides:
    """Operator corrections to deduplication from the TOML file at `path` (see
    normalize/dedup/overrides.py): none without a path, or with `missing_ok` when the file is
    not there. ConfigError naming the file (and line) when it cannot be read or used."""
    from normalize.dedup import NO_OVERRIDES, OverridesError, parse_overrides

    if not path or (missing_ok and not Path(path).exists()):
        return NO_OVERRIDES
    try:
        return parse_overrides(Path(path).read_text(encoding="utf-8"), filename=str(path))
    except OverridesError as exc:
        raise ConfigError(str(exc)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read overrides file {path}: {exc.strerror}") from None


def _scores(scores: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in scores.items() if v is not None and k != "reason")


def format_explanation(ex: dict[str, Any]) -> str:
    """The explanation of Deduper.explain as readable lines."""
    others = ex["members"]
    lines = [f"listing {ex['id']} is in cluster {ex['cluster_id']} with {len(others)} other "
             f"listing{'s' if len(others) != 1 else ''}"]
    for member in others:
        steps = member["via"]  # links from this listing to the member, in order
        chain = " -> ".join(s["b"] for s in steps[:-1])
        last = steps[-1] if steps else {"rule": "?", "scores": {}}
        detail = f"{last['rule']} ({_scores(last['scores'])})"
        if last["rule"] == "force_merge" and last["scores"].get("reason"):
            detail = f"force_merge (operator: {last['scores']['reason']})"
        via = f" via {chain}" if chain else ""
        lines.append(f"  {member['id']}{via}: {detail}")
        for step in steps:  # every link that joined two spellings of the employer, and why
            orgs = step.get("organizations")
            if orgs:
                lines.append(f"    one employer: {orgs['a']!r} ({step['a']}) = {orgs['b']!r} "
                             f"({step['b']}): {orgs['evidence']}")
    for r in ex["refused"]:
        lines.append(f"  not merged with {r['id']}: {r['refused']} ({r['rule']}: {_scores(r['scores'])})")
    return "\n".join(lines)


@click.command()
@click.option("--overrides", "overrides_path", type=click.Path(dir_okay=False),
              envvar="STINT_DEDUPE_OVERRIDES", metavar="FILE",
              help="TOML of operator corrections: [[merge]] and [[split]] tables, each with "
                   "ids = [...] and an optional reason. Env: STINT_DEDUPE_OVERRIDES")
@click.option("--explain", "explain_id", metavar="ID",
              help="Instead of the clusters, print why listing ID shares its cluster with each "
                   "other member (rule and scores), and which matches were refused.")
@click.option("--json", "as_json", is_flag=True, help="With --explain: print the explanation as JSON.")
@click.option("--links", is_flag=True,
              help="Add `links` to each cluster line: every link inside it with its rule and scores.")
def dedupe(overrides_path: str | None, explain_id: str | None, as_json: bool, links: bool) -> None:
    """Merge copies of the same opening: Listing JSONL on stdin, clusters on stdout.

    Each output line is {"cluster_id", "members": [ids], "canonical": Listing}; every valid
    input id is in exactly one cluster. The canonical Listing also carries `cluster_id` and
    `sources` (every source, url and first_seen_at of its members). A bad input line is
    reported on stderr with its number and skipped (the exit code stays 0).
    """
    try:
        overrides = load_overrides(overrides_path)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--overrides") from None
    bad = 0

    def report(message: str) -> None:
        nonlocal bad
        bad += not message.endswith("the later line is used")
        click.echo(f"stint dedupe: {message}", err=True)

    from normalize.dedup import Deduper  # numpy and rapidfuzz: ~0.15 s other commands don't pay

    deduper = Deduper(overrides=overrides)
    deduper.add(read_listings(sys.stdin.buffer, report))
    if explain_id is not None:
        if explain_id not in deduper:
            raise click.BadParameter(f"no listing with id {explain_id!r} in the input",
                                     param_hint="--explain")
        ex = deduper.explain(explain_id)
        click.echo(orjson.dumps(ex, option=orjson.OPT_INDENT_2).decode() if as_json
                   else format_explanation(ex))
        return
    clusters = sorted(deduper.clusters(), key=lambda c: c.cluster_id)
    out = sys.stdout.buffer
    for cluster in clusters:
        out.write(orjson.dumps(cluster.as_dict(with_links=links)) + b"\n")
    out.flush()
    merged = sum(1 for c in clusters if len(c.members) > 1)
    click.echo(f"stint dedupe: {len(deduper)} listings -> {len(clusters)} clusters "
               f"({merged} with copies); {bad} bad line{'s' if bad != 1 else ''} skipped", err=True)
