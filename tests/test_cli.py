"""The `stint` command line: normalize's contract, help on every command, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stint.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def stint(*args: str, stdin: str = "", home: Path | None = None) -> subprocess.CompletedProcess:
    home_args = ["--home", str(home)] if home else []
    return subprocess.run([sys.executable, "-m", "stint", *home_args, *args], input=stdin,
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


def raw(n: int, **payload) -> str:
    posting = {"@type": "JobPosting", "title": f"Data Entry Micro-Internship {n}",
               "hiringOrganization": {"name": "Harbor Freight Collective"},
               "description": "<p>Paid $18/hr, 10-15 hrs/week for 3 weeks. Students welcome.</p>",
               "datePosted": "2026-11-20", "jobLocation": {"address": {
                   "addressLocality": "Bengaluru", "addressCountry": "IN"}}, **payload}
    return json.dumps({"source": "s", "kind": "jsonld", "url": f"http://127.0.0.1/jobs/{n}",
                       "fetched_at": "2026-11-27T10:00:00+00:00", "payload": posting})


def test_normalize_writes_good_lines_and_reports_bad_ones():
    lines = [raw(1), "{not json", raw(2), json.dumps({"source": "s", "kind": "nope", "url": "u",
                                                     "fetched_at": "t", "payload": {}}),
             raw(3, title=""), "", raw(4)]
    done = stint("normalize", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0
    listings = [json.loads(line) for line in done.stdout.splitlines()]
    assert [x["title"] for x in listings] == [f"Data Entry Micro-Internship {n}" for n in (1, 2, 4)]
    first = listings[0]
    assert first["pay"]["min"] == 18 and first["pay"]["period"] == "HOUR"
    assert first["hours_per_week"] == {"min": 10, "max": 15}
    assert first["locations"][0]["country"] == "IN"
    contract = {"id", "source", "kind", "url", "apply_url", "title", "organization",
                "description_html", "description_text", "locations", "arrangement",
                "employment_types", "pay", "duration_weeks", "hours_per_week", "posted_at",
                "deadline", "start_date", "category", "skills", "micro_internship",
                "first_seen_at", "last_seen_at", "status"}
    assert contract <= set(first)
    for number in (2, 4, 5):
        assert f"line {number}:" in done.stderr
    assert "3 listings written, 3 lines skipped" in done.stderr


def test_normalize_strict_exits_1_on_a_bad_line():
    assert stint("normalize", "--strict", stdin=raw(1) + "\n{bad\n").returncode == 1
    assert stint("normalize", "--strict", stdin=raw(1) + "\n").returncode == 0


@pytest.mark.parametrize("command", [
    [], ["crawl"], ["normalize"], ["export"], ["reindex"], ["serve"], ["demo"], ["sources"],
    ["sources", "list"], ["sources", "check"], ["runs"], ["schedule"], ["dedupe"],
    ["rates"], ["rates", "show"], ["rates", "import"],
])
def test_every_command_has_help(command):
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output and len(result.output) > 200


def test_missing_sources_file_is_a_one_line_error(tmp_path):
    done = stint("crawl", "--config", str(tmp_path / "nope.toml"), home=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("stint: error: cannot read sources file")
    assert "Traceback" not in done.stderr


def test_sources_list_shows_the_shipped_sources():
    done = stint("sources", "list")
    assert done.returncode == 0 and "jsonld" in done.stdout and "sources.toml:" in done.stdout


def test_runs_and_export_on_an_empty_home(tmp_path):
    assert stint("runs", home=tmp_path).stdout == ""
    done = stint("export", "--format", "csv", home=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("id,title,organization")


def test_csv_export_escapes_formulas_like_the_api(tmp_path):
    """`stint export --format csv` and /export/search.csv share one writer: a title such as
    =HYPERLINK(...) reaches a spreadsheet as text, not as a formula."""
    import csv
    import io

    from index.settings import Settings
    from index.store import Store
    from tests.helpers import make_listing, raw_for

    listing = make_listing(1, title='=HYPERLINK("http://evil.example","Apply")',
                           organization={"name": "@Acme"}, apply_url="http://127.0.0.1/a")
    store = Store(Settings.load(home=tmp_path, env={}).store_url)
    store.upsert([(listing, raw_for(listing))])
    store.close()
    done = stint("export", "--format", "csv", home=tmp_path)
    assert done.returncode == 0, done.stderr
    row = next(csv.DictReader(io.StringIO(done.stdout)))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Apply")'
    assert row["organization"] == "'@Acme"
    assert row["locations"] == "Boston, MA, US" and row["paid"] == "true"


def test_serve_refuses_a_public_url_that_is_not_one(tmp_path):
    done = stint("serve", "--public-url", "javascript:alert(1)", home=tmp_path)
    assert done.returncode == 2 and "http(s)://host" in done.stderr
