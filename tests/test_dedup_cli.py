"""`stint dedupe`: the JSONL contract, bad lines, --explain and --overrides."""

from __future__ import annotations

import orjson
from click.testing import CliRunner

from normalize.schema import Listing
from stint.dedupe_cmd import dedupe
from tests.dedup_helpers import listing


def _input(*listings) -> bytes:
    return b"".join(orjson.dumps(x) + b"\n" for x in listings)


def _copy(id: str, **fields):
    base = dict(source="stateu-careers", kind="jsonld", url=f"https://careers.stateu.edu/j/{id}",
                apply_url=None, organization={"name": "Acme Analytics LLC"},
                title="Micro-Internship: Data Analyst", locations=[{"raw": "Boston, MA"}],
                first_seen_at="2026-04-05T00:00:00+00:00")
    base.update(fields)
    return listing(id, **base)


LISTINGS = [listing("a"), _copy("b"), listing("c", title="Graphic Designer"),
            listing("d", locations=[{"city": "Austin"}])]


def run(stdin: bytes, *args: str):
    return CliRunner().invoke(dedupe, list(args), input=stdin)


def test_every_id_in_exactly_one_cluster_with_a_canonical_listing():
    result = run(_input(*LISTINGS))
    assert result.exit_code == 0, result.output
    lines = [orjson.loads(x) for x in result.stdout.splitlines()]
    assert sorted(m for c in lines for m in c["members"]) == ["a", "b", "c", "d"]
    by_id = {c["cluster_id"]: c for c in lines}
    assert by_id["a"]["members"] == ["a", "b"]
    for cluster in lines:
        assert set(cluster) == {"cluster_id", "members", "canonical"}
        assert cluster["cluster_id"] in cluster["members"]
        Listing.model_validate(cluster["canonical"])
        assert cluster["canonical"]["cluster_id"] == cluster["cluster_id"]
    assert [s["listing_id"] for s in by_id["a"]["canonical"]["sources"]] == ["a", "b"]
    assert "4 listings -> 3 clusters" in result.stderr


def test_bad_lines_are_reported_with_numbers_and_skipped():
    stdin = (_input(LISTINGS[0]) + b"{not json\n" + b"[1, 2]\n" + b'{"id": "x", "title": "t"}\n\n'
             + _input(LISTINGS[1]) + _input(LISTINGS[0]))
    result = run(stdin)
    assert result.exit_code == 0
    assert "line 2: not JSON" in result.stderr
    assert "line 3: not a JSON object" in result.stderr
    assert "line 4: not a Listing: source: Field required" in result.stderr
    assert "line 7: id a repeats line 1" in result.stderr
    assert "3 bad lines skipped" in result.stderr
    [cluster] = [orjson.loads(x) for x in result.stdout.splitlines()]
    assert cluster["members"] == ["a", "b"]


def test_empty_input_gives_no_clusters():
    result = run(b"")
    assert result.exit_code == 0 and result.stdout == ""


def test_explain_text_and_json():
    result = run(_input(*LISTINGS), "--explain", "b")
    assert result.exit_code == 0, result.output
    assert "listing b is in cluster a with 1 other listing" in result.stdout
    assert "a: same_org_title_location (title 100.0, place same" in result.stdout
    result = run(_input(*LISTINGS), "--explain", "a", "--json")
    ex = orjson.loads(result.stdout)
    assert ex["members"][0]["id"] == "b" and ex["members"][0]["via"][0]["rule"]


def test_explain_unknown_id_is_a_usage_error():
    result = run(_input(*LISTINGS), "--explain", "nope")
    assert result.exit_code == 2 and "no listing with id 'nope'" in result.output


def test_links_option_adds_rule_and_scores():
    lines = [orjson.loads(x) for x in run(_input(*LISTINGS), "--links").stdout.splitlines()]
    merged = next(c for c in lines if len(c["members"]) == 2)
    assert merged["links"][0]["rule"] == "same_org_title_location"


def test_overrides_file(tmp_path):
    path = tmp_path / "dedupe.toml"
    path.write_text('[[split]]\nids = ["a", "b"]\nreason = "two cohorts"\n[[merge]]\nids = ["c", "d"]\n')
    lines = [orjson.loads(x) for x in run(_input(*LISTINGS), "--overrides", str(path)).stdout.splitlines()]
    assert sorted(sorted(c["members"]) for c in lines) == [["a"], ["b"], ["c", "d"]]
    result = run(_input(*LISTINGS), "--explain", "d", "--overrides", str(path))
    assert "force_merge" in result.stdout


def test_bad_overrides_file_is_a_usage_error(tmp_path):
    path = tmp_path / "dedupe.toml"
    path.write_text('[[merge]]\nids = ["a", "b"]\nbecause = "x"\n')
    result = run(_input(*LISTINGS), "--overrides", str(path))
    assert result.exit_code == 2 and "unknown key 'because'" in result.output
    result = run(_input(*LISTINGS), "--overrides", str(tmp_path / "missing.toml"))
    assert result.exit_code == 2
