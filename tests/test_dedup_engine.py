"""The engine: rules, guarded union-find, canonical records, stable ids, incremental use,
explanations and operator overrides."""

from __future__ import annotations

import random

import pytest

from normalize.dedup import (
    Deduper,
    OverridesError,
    Rel,
    canonical,
    dedupe,
    parse_overrides,
    where,
)
from normalize.dedup.unionfind import UnionFind
from normalize.schema import Listing
from tests.dedup_helpers import DESCRIPTION, OTHER_DESCRIPTION, listing


def copy_of(id: str, **fields):
    """A career-center copy of the default listing: new id/url/dates, org suffix, reworded title."""
    base = dict(source="stateu-careers", kind="jsonld", url=f"https://careers.stateu.edu/jobs/{id}",
                apply_url=f"https://careers.stateu.edu/jobs/{id}/apply",
                title="Intern, Data Analyst (Summer 2026)",
                organization={"name": "ACME ANALYTICS LLC", "domain": None},
                locations=[{"raw": "Boston, MA"}], arrangement="unknown",
                posted_at="2026-04-05", first_seen_at="2026-04-06T09:00:00+00:00")
    base.update(fields)
    return listing(id, **base)


def clusters_of(listings, **kw):
    return sorted(sorted(c.members) for c in dedupe(listings, **kw))


# -- matching ----------------------------------------------------------------------------------

def test_a_cross_posted_copy_joins_its_original():
    [cluster] = dedupe([listing("a"), copy_of("b")])
    assert cluster.members == ["a", "b"]
    assert cluster.links[0]["rule"] == "same_org_title_location"


def test_same_apply_url_links_even_across_organization_spellings():
    a = listing("a", organization={"name": "Meta Platforms"})
    b = copy_of("b", organization={"name": "Facebook"}, apply_url=a["apply_url"])
    [cluster] = dedupe([a, b])
    assert cluster.links[0]["rule"] == "same_url"


def test_reworded_title_and_cut_description():
    a = listing("a")
    b = copy_of("b", title="Data Analytics Micro-Internship", locations=[],
                description_text=DESCRIPTION[:400] + "... Read more")
    c = copy_of("c", title="Data Analyst Intern", locations=[], description_text=DESCRIPTION)
    assert clusters_of([a, b, c]) == [["a", "b", "c"]]


@pytest.mark.parametrize("change", [
    {"locations": [{"city": "New York", "country": "US"}]},  # another city
    {"title": "Senior Data Analyst Intern"},  # another seniority
    {"title": "Data Analyst Intern (Summer 2025)", "posted_at": "2025-04-01"},  # last year's round
    {"description_text": OTHER_DESCRIPTION},  # same title and place, another project
    {"title": "Finance Operations Intern", "description_text": OTHER_DESCRIPTION},  # another team
    {"arrangement": "remote", "locations": []},  # remote against on site
])
def test_hard_negatives_stay_apart(change):
    assert clusters_of([listing("a"), listing("b", **change)]) == [["a"], ["b"]]


def test_repost_within_the_window_matches_outside_does_not():
    assert clusters_of([listing("a"), listing("b", posted_at="2026-06-01")]) == [["a", "b"]]
    assert clusters_of([listing("a"), listing("b", posted_at="2026-12-01")]) == [["a"], ["b"]]


def test_listings_without_organization_match_on_title_and_description():
    a = listing("a")
    b = copy_of("b", organization={"name": None, "domain": None}, title="Data Analyst Intern",
                description_text=DESCRIPTION)
    c = copy_of("c", organization={"name": None, "domain": None}, title="Data Analyst Intern",
                description_text=OTHER_DESCRIPTION)
    assert clusters_of([a, b, c]) == [["a", "b"], ["c"]]


def test_a_vague_copy_cannot_chain_two_cities():
    boston = listing("a")
    nyc = listing("b", locations=[{"city": "New York", "country": "US"}],
                  description_text=DESCRIPTION.replace("Boston office", "New York office"))
    vague = copy_of("c", locations=[], description_text=DESCRIPTION)
    result = clusters_of([boston, nyc, vague])
    assert ["a", "c"] in result and ["b"] in result


def test_a_cut_copy_cannot_chain_two_projects():
    a, b = listing("a"), listing("b", description_text=OTHER_DESCRIPTION)
    boilerplate = DESCRIPTION.split("The project")[0] + "The project... Read more"
    c = copy_of("c", locations=[{"raw": "Boston, MA"}], description_text=boilerplate * 1)
    for cluster in clusters_of([a, b, c]):
        assert not {"a", "b"} <= set(cluster)


def test_every_input_id_is_in_exactly_one_cluster():
    rng = random.Random(3)
    listings = [listing("a"), copy_of("b"), copy_of("c", locations=[]), listing("d", title="Designer"),
                listing("e", locations=[{"city": "Austin"}])]
    rng.shuffle(listings)
    members = [m for c in dedupe(listings) for m in c.members]
    assert sorted(members) == ["a", "b", "c", "d", "e"]


# -- union-find --------------------------------------------------------------------------------

def test_union_find_joins_and_refuses_conflicting_places():
    boston = where({"locations": [{"city": "Boston"}]})
    nyc = where({"locations": [{"city": "New York"}]})
    vague = where({"locations": []})
    uf = UnionFind()
    a, b, c = uf.add(boston), uf.add(nyc), uf.add(vague)
    older = lambda x, y: x < y  # noqa: E731
    assert uf.union(a, c, older) == ""
    assert uf.find(a) == uf.find(c)
    assert "conflicting places" in uf.union(c, b, older)
    assert uf.union(c, b, older, force=True) == ""  # an operator's merge skips the place guard
    assert uf.anchor[uf.find(b)] == a
    assert sorted(uf.members[uf.find(a)]) == [a, b, c]


def test_union_find_respects_forbidden_pairs_through_others():
    uf = UnionFind()
    w = where({})
    a, b, c = uf.add(w), uf.add(w), uf.add(w)
    uf.add_forbidden(a, b)
    older = lambda x, y: x < y  # noqa: E731
    assert uf.union(a, c, older) == ""
    assert uf.union(c, b, older) == "force-split"
    assert uf.union(b, c, older, force=True) == "force-split"


# -- canonical ---------------------------------------------------------------------------------

def test_canonical_takes_trusted_and_complete_fields():
    ats = listing("a", pay={"min": 20, "max": 25, "currency": "USD", "period": "HOUR", "paid": True},
                  description_text=DESCRIPTION, skills=["sql"])
    board = copy_of("b", kind="html", deadline="2026-05-01", skills=["excel", "sql"],
                    description_text=DESCRIPTION[:200], first_seen_at="2026-03-30T00:00:00+00:00",
                    locations=[{"city": "Boston", "region": "MA", "country": "US", "raw": "Boston"}])
    record = canonical([board, ats], "a")
    assert record["id"] == record["cluster_id"] == "a"
    assert record["title"] == "Data Analyst Intern"  # the ATS title, not the board's
    assert record["organization"]["name"] == "Acme Analytics, Inc."
    assert record["pay"]["min"] == 20
    assert record["deadline"] == "2026-05-01"  # only the board has one
    assert record["description_text"] == DESCRIPTION  # the full text, not the cut one
    assert record["skills"] == ["sql", "excel"]
    assert record["first_seen_at"] == "2026-03-30T00:00:00+00:00"
    assert [s["listing_id"] for s in record["sources"]] == ["b", "a"]  # oldest first
    assert {s["url"] for s in record["sources"]} == {ats["url"], board["url"]}
    Listing.model_validate(record)


def test_canonical_prefers_active_members_and_status_follows():
    expired = listing("a", status="expired")
    active = copy_of("b", kind="html")
    assert canonical([expired, active], "a")["source"] == "stateu-careers"
    assert canonical([expired, active], "a")["status"] == "active"
    assert canonical([expired], "a")["status"] == "expired"


# -- stable cluster ids --------------------------------------------------------------------------

def test_cluster_id_is_the_oldest_member_whatever_the_input_order():
    listings = [copy_of("z"), listing("m"), copy_of("a", first_seen_at="2026-04-10T00:00:00+00:00")]
    for seed in range(3):
        random.Random(seed).shuffle(listings)
        [cluster] = dedupe(listings)
        assert cluster.cluster_id == "m"  # first seen 2026-04-02, before z and a
        assert cluster.members == ["m", "z", "a"]


def test_cluster_id_survives_new_members_and_merges():
    d = Deduper()
    d.add([listing("old")])
    changes = d.add([copy_of("new")])
    assert changes.updated == ["old"] and changes.created == [] and changes.removed == []
    assert d.cluster_id_of("new") == "old"


def test_merging_two_clusters_keeps_the_older_id_and_reports_the_other_removed():
    d = Deduper()
    # Two listings that match neither each other (one has no description, no shared place)...
    d.add([listing("a", locations=[], arrangement="unknown", description_text=""),
           copy_of("b", first_seen_at="2026-04-03T00:00:00+00:00", description_text=DESCRIPTION[:90])])
    assert d.cluster_id_of("a") != d.cluster_id_of("b")
    # ...until a board copy links to a's posting and to b's apply page.
    bridge = copy_of("c", url=d.listings[d.node_of["a"]]["url"],
                     apply_url=d.listings[d.node_of["b"]]["apply_url"], locations=[])
    changes = d.add([bridge])
    assert d.cluster_id_of("b") == d.cluster_id_of("a") == "a"
    assert changes.removed == ["b"] and changes.updated == ["a"]


# -- incremental ---------------------------------------------------------------------------------

def test_incremental_batches_give_the_one_shot_result():
    listings = [listing("a"), copy_of("b"), listing("c", title="Designer"), copy_of("d", locations=[]),
                listing("e", locations=[{"city": "Austin"}]), copy_of("f", locations=[{"raw": "Austin"}])]
    d = Deduper()
    d.add(listings[:2])
    d.add(listings[2:4])
    d.add(listings[4:])
    assert sorted(sorted(c.members) for c in d.clusters()) == clusters_of(listings)


def test_a_listing_gone_from_its_source_leaves_the_cluster_intact():
    d = Deduper()
    d.add([listing("a"), copy_of("b"), copy_of("c", locations=[])])
    changes = d.remove(["a"])  # the anchor itself goes
    assert changes.updated == ["a"] and changes.removed == []
    [cluster] = d.clusters()
    assert cluster.cluster_id == "a" and cluster.members == ["b", "c"]
    assert "a" not in d
    assert d.remove(["b", "c"]).removed == ["a"]
    assert d.clusters() == []


def test_expired_listings_stay_members():
    d = Deduper()
    d.add([listing("a"), copy_of("b")])
    changes = d.add([listing("a", status="expired")])
    assert changes.updated == ["a"]
    [cluster] = d.clusters()
    assert cluster.members == ["a", "b"] and cluster.canonical["status"] == "active"


def test_an_updated_listing_that_no_longer_matches_leaves_its_cluster():
    d = Deduper()
    d.add([listing("a"), copy_of("b"), copy_of("c", apply_url="https://careers.stateu.edu/jobs/b/apply")])
    assert len(d.clusters()) == 1
    changes = d.add([copy_of("b", title="Graphic Designer", description_text=OTHER_DESCRIPTION)])
    assert sorted(sorted(c.members) for c in d.clusters()) == [["a", "c"], ["b"]]
    assert changes.created == ["b"] and changes.updated == ["a"]


def verbatim(id: str, **fields):
    """A verbatim copy of the default listing on another site (new id, URLs, dates only)."""
    return listing(id, source="board", kind="html", url=f"https://board.example/{id}",
                   apply_url=None, first_seen_at="2026-04-09T00:00:00+00:00", **fields)


def test_verbatim_copies_are_linked_to_their_twin():
    d = Deduper()
    d.add([listing("a"), verbatim("v1"), verbatim("v2")])
    links = d.clusters()[0].links
    assert {(x["a"], x["b"]) for x in links} == {("a", "v1"), ("a", "v2")}
    assert all(x["rule"] == "same_org_title_location" and x["scores"]["desc"] == 100.0 for x in links)


def test_verbatim_copies_follow_when_their_twin_changes():
    d = Deduper()
    d.add([listing("a"), copy_of("b"), verbatim("v1"), verbatim("v2")])
    assert len(d.clusters()) == 1
    d.add([listing("a", title="Graphic Designer", description_text=OTHER_DESCRIPTION)])
    assert sorted(sorted(c.members) for c in d.clusters()) == [["a"], ["b", "v1", "v2"]]


def test_a_removed_twin_leaves_its_copies_matchable():
    d = Deduper()
    d.add([listing("a"), verbatim("v1")])
    d.remove(["a"])
    d.add([copy_of("b")])
    [cluster] = d.clusters()
    assert cluster.cluster_id == "a" and cluster.members == ["b", "v1"]


# -- explanations --------------------------------------------------------------------------------

def test_explain_names_rule_and_scores_for_every_member():
    d = Deduper()
    d.add([listing("a"), copy_of("b"), copy_of("c", locations=[],
                                              apply_url="https://careers.stateu.edu/jobs/b/apply")])
    ex = d.explain("a")
    assert ex["cluster_id"] == "a"
    by_id = {m["id"]: m["via"] for m in ex["members"]}
    assert set(by_id) == {"b", "c"}
    assert by_id["b"][-1]["rule"] == "same_org_title_location"
    assert by_id["b"][-1]["scores"]["title"] == 100.0 and by_id["b"][-1]["scores"]["place"] == "same"
    assert by_id["c"][-1]["rule"] in ("same_url", "same_org_title+desc")


def test_explain_reports_refused_matches():
    d = Deduper()
    d.add([listing("a"), listing("b", locations=[{"city": "New York"}]), copy_of("c", locations=[])])
    refused = d.explain("c")["refused"]
    assert refused and "conflicting places" in refused[0]["refused"]


def test_compare_ids_says_why_not():
    d = Deduper()
    d.add([listing("a"), listing("b", title="Senior Data Analyst Intern")])
    verdict = d.compare_ids("a", "b")
    assert not verdict.match and "seniority" in verdict.reason


# -- overrides -----------------------------------------------------------------------------------

OVERRIDES = """
# operator corrections
[[merge]]
ids = ["a", "x"]
reason = "German copy"

[[split]]
ids = ["a", "b"]
"""


def test_overrides_parse():
    ov = parse_overrides(OVERRIDES)
    assert ov.merges[0].ids == ("a", "x") and ov.merges[0].reason == "German copy"
    assert ov.forced("x", "a") == "merge" and ov.forced("b", "a") == "split"
    assert ov.forced("a", "c") is None


@pytest.mark.parametrize("text,message", [
    ("[[merge]]\nids = ['a', 'b']\nwhy = 'x'\n", "dedupe.toml:1: [[merge]]: unknown key 'why'"),
    ("[[merge]]\nids = ['a']\n", "at least two"),
    ("[[merge]]\nids = 'a'\n", "ids must be a list"),
    ("[[merge]]\nids = ['a', 'a']\n", "listed twice"),
    ("[merge]\nids = ['a', 'b']\n", "array of tables"),
    ("[[joins]]\nids = ['a', 'b']\n", "unknown table 'joins'"),
    ("[[merge]]\nids = ['a', 'b']\n[[split]]\nids = ['b', 'a']\n", "dedupe.toml:3: b and a are both"),
    ("[[merge\n", "dedupe.toml: "),
])
def test_overrides_errors_name_file_and_line(text, message):
    with pytest.raises(OverridesError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_overrides(text)


def test_force_merge_and_force_split():
    ov = parse_overrides(OVERRIDES)
    other = listing("x", title="Datenanalyst Praktikum", description_text="Kurz.",
                    locations=[{"city": "Berlin", "country": "DE"}])
    result = clusters_of([listing("a"), copy_of("b"), other], overrides=ov)
    assert result == [["a", "x"], ["b"]]


def test_force_split_holds_through_a_third_listing():
    ov = parse_overrides("[[split]]\nids = ['a', 'b']\n")
    result = clusters_of([listing("a"), copy_of("b"), copy_of("c")], overrides=ov)
    assert ["a", "b"] not in result and not any({"a", "b"} <= set(c) for c in result)


def test_where_relation_enum_is_ordered():
    assert Rel.CONFLICT < Rel.COMPATIBLE < Rel.SUBSET < Rel.SAME
