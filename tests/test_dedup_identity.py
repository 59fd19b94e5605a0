"""Dedup across spellings (issue 15): organization identity, organizations from ATS URLs,
title decorations and places, blocking keys, and the hard negatives that must stay apart."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from normalize import normalize_raw
from normalize.dedup import dedupe, org_key, org_words, title_key
from normalize.dedup.keys import blocking_keys, org_relation
from normalize.formats._boards import board_from_url
from stint.dedupe_cmd import dedupe as dedupe_cmd
from tests.dedup_helpers import DESCRIPTION, listing


def clusters_of(listings):
    return sorted(sorted(c.members) for c in dedupe(listings))


def copy_of(id: str, **fields):
    base = dict(source="northfield-careers", kind="jsonld", url=f"https://careers.northfield.edu/j/{id}",
                apply_url=None, posted_at="2026-04-03", first_seen_at="2026-04-04T08:00:00+00:00",
                organization={"name": "Acme Analytics", "domain": None})
    base.update(fields)
    return listing(id, **base)


# -- organization keys and identity -----------------------------------------------------------

@pytest.mark.parametrize("name", ["Stripe", "Stripe, Inc.", "STRIPE", "Stripe Inc", "stripe.com",
                                  "Stripe GmbH & Co. KG", "Stripe SE", "Stripe B.V.", "Stripe AB",
                                  "Stripe Pty Ltd", "Stripe S.A."])
def test_legal_forms_case_and_domain_names_share_a_key(name):
    assert org_key(name) == "stripe"


@pytest.mark.parametrize("a,b,evidence", [
    ("Lyft", "Lyft Technologies, Inc.", "name prefix"),
    ("acme-health", "Acme Health, Inc.", "same name"),
    ("acmehealth.com", "Acme Health Inc", "same name"),
    ("directive", "directiveconsulting.com", "name prefix"),
    ("Siemens AG", "Siemens Healthineers", "name prefix"),
    ("Granitevale Learning", "Granitedale Learning", "close name"),
    ("University", "University of Oslo", ""),  # a generic word alone proves nothing
    ("Acme Analytics", "Zenith Analytics", ""),
])
def test_org_relation(a, b, evidence):
    assert org_relation(org_words(a), org_words(b)) == evidence
    assert org_relation(org_words(b), org_words(a)) == evidence


@pytest.mark.parametrize("url,board", [
    ("https://jobs.ashbyhq.com/notion/7f02bc74", "notion"),
    ("https://boards.greenhouse.io/acmehealth/jobs/4001", "acmehealth"),
    ("https://job-boards.greenhouse.io/anthropic/jobs/4978301008", "anthropic"),
    ("https://jobs.lever.co/acme-health/abc-123", "acme-health"),
    ("https://jobs.smartrecruiters.com/Acme/123-data", "Acme"),
    ("https://apply.workable.com/acme/j/ABC/", "acme"),
    ("https://acme.recruitee.com/o/data-intern", "acme"),
    ("https://careers.acme.com/jobs/1", None),
    ("https://boards.greenhouse.io/embed/job_app?for=acme", None),
])
def test_board_from_url(url, board):
    assert board_from_url(url) == board


# -- organization from the URL, and the operator's company ------------------------------------

def raw(kind, payload, url="https://api.example/board"):
    return {"source": "export", "kind": kind, "url": url, "fetched_at": "2026-05-01T00:00:00Z",
            "payload": payload}


def test_ats_jobs_without_board_context_take_the_board_from_their_url():
    ashby = normalize_raw(raw("ashby", {"id": "1", "title": "Data Intern",
                                        "jobUrl": "https://jobs.ashbyhq.com/acme-health/1"}))
    gh = normalize_raw(raw("greenhouse", {"id": 2, "title": "Data Intern",
                                          "absolute_url": "https://boards.greenhouse.io/acmehealth/jobs/2"}))
    lever = normalize_raw(raw("lever", {"id": "3", "text": "Data Intern",
                                        "hostedUrl": "https://jobs.lever.co/acmehealth/3"}))
    api = normalize_raw(raw("ashby", {"id": "4", "title": "Data Intern"},
                            url="https://api.ashbyhq.com/posting-api/job-board/acme-health"))
    assert [x.organization.name for x in (ashby, gh, lever, api)] == [
        "acme-health", "acmehealth", "acmehealth", "acme-health"]
    assert org_key(ashby.organization.name) == org_key("Acme Health, Inc.")


def test_the_operators_company_names_the_boards_employer():
    job = {"id": "1", "text": "Data Intern", "hostedUrl": "https://jobs.lever.co/acmeh/1",
           "_board": {"token": "acmeh", "company": "Acme Health, Inc."}}
    assert normalize_raw(raw("lever", job)).organization.name == "Acme Health, Inc."


def test_sources_accept_a_company_key_on_api_kinds():
    from crawlers.sources import source_from_dict

    source = source_from_dict({"name": "acme", "kind": "lever", "board": "acmeh",
                               "company": "Acme Health, Inc."})
    assert source.options["company"] == "Acme Health, Inc."


# -- titles ---------------------------------------------------------------------------------

@pytest.mark.parametrize("decorated", [
    "Copy of Data Analyst", "Data Analyst - Full-Time", "Data Analyst (Full-Time)",
    "Data Analyst | Full-time", "Data Analyst – Early Careers", "Analyst, Data",
    "DATA ANALYST", "Data Analyst (Summer Program)",
])
def test_title_decorations_share_a_key(decorated):
    assert title_key(decorated).key == title_key("Data Analyst").key


def test_a_city_in_the_title_is_a_place_not_a_word():
    for title in ("Data Analyst - London", "Data Analyst (London)", "Data Analyst | London"):
        found = title_key(title)
        assert (found.key, found.place) == ("analyst data", "london")
    assert title_key("Data Analyst | Jackson, TN").place == "jackson"
    # With a location of its own elsewhere, the title's city stays a distinguishing word.
    assert title_key("Data Analyst - London", (), ("paris",)).key == "analyst data london"
    assert title_key("Data Analyst - London", (), ("london",)).key == "analyst data"


def test_seniority_levels_and_seasons_stay_signals():
    assert title_key("Sr. Data Analyst").seniority != title_key("Data Analyst").seniority
    assert title_key("Data Analyst II").seniority != title_key("Data Analyst").seniority
    assert title_key("Data Intern (Summer 2026)").seasons == {"summer"}


# -- matching across spellings, and the hard negatives ------------------------------------------

def test_copies_join_across_company_spellings_and_title_decorations():
    a = listing("a", organization={"name": "Acme Analytics", "domain": None}, title="Data Analyst")
    b = copy_of("b", organization={"name": "Acme Analytics Technologies, Inc.", "domain": None},
                title="Copy of Data Analyst - Boston, MA", locations=[])
    c = copy_of("c", organization={"name": "ACME-ANALYTICS", "domain": None},
                title="Data Analyst | Full-time")
    assert clusters_of([a, b, c]) == [["a", "b", "c"]]


def test_a_shared_domain_relates_two_names():
    a = listing("a", organization={"name": "Meta Platforms", "domain": "meta.com"})
    b = copy_of("b", organization={"name": "Facebook", "domain": "www.meta.com"})
    c = copy_of("c", organization={"name": "Instagram", "domain": None})  # no evidence
    assert clusters_of([a, b, c]) == [["a", "b"], ["c"]]


def test_same_text_other_city_or_other_level_stays_apart():
    a = listing("a", title="Data Analyst")
    city = listing("b", title="Data Analyst", url="https://x.example/b",
                   locations=[{"city": "Chicago", "country": "US"}])
    senior = listing("c", title="Sr. Data Analyst", url="https://x.example/c")
    copy = copy_of("d", title="Data Analyst - Chicago", locations=[])
    assert clusters_of([a, city, senior, copy]) == [["a"], ["b", "d"], ["c"]]


def test_a_template_text_does_not_merge_sibling_roles():
    siblings = [listing(i, title=t, url=f"https://x.example/{i}") for i, t in
                (("a", "Content Strategist"), ("b", "Content Strategy Manager"),
                 ("c", "SEO Strategist"), ("d", "Paid Media Strategist"))]
    copy = copy_of("e", title="Account Strategist, Paid Media", description_text=DESCRIPTION)
    assert clusters_of([*siblings, copy]) == [["a"], ["b"], ["c"], ["d"], ["e"]]


def test_blocking_keys_meet_for_two_spellings():
    a = listing("a", organization={"name": "Lyft", "domain": None})
    b = copy_of("b", organization={"name": "Lyft Technologies, Inc.", "domain": None},
                url="https://jobs.lever.co/lyft/123", title="Copy of Data Analyst Intern")
    ka, kb = set(blocking_keys(a)), set(blocking_keys(b))
    assert "orgpre:lyft" in ka & kb and "title:analyst data" in ka & kb and "dom:lyft" in kb
    assert blocking_keys(a) == blocking_keys(dict(a))  # pure


def test_explain_names_the_identity_evidence():
    import orjson

    a = listing("a", organization={"name": "Lyft", "domain": None})
    b = copy_of("b", organization={"name": "Lyft Technologies, Inc.", "domain": None})
    stdin = b"\n".join(orjson.dumps(x) for x in (a, b))
    out = CliRunner().invoke(dedupe_cmd, ["--explain", "a"], input=stdin).output
    assert "one employer: 'Lyft' (a) = 'Lyft Technologies, Inc.' (b): name prefix" in out
