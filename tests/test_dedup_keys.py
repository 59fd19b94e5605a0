"""Keys: organizations, titles, URLs, places, descriptions."""

from __future__ import annotations

import pytest

from normalize.dedup import (
    DEFAULT,
    BlockText,
    Rel,
    keys,
    org_key,
    org_words,
    relate,
    shingles,
    title_key,
    url_key,
    where,
)


@pytest.mark.parametrize("name", [
    "Acme Analytics", "Acme Analytics, Inc.", "ACME ANALYTICS LLC", "The Acme Analytics Company",
    "Acme Analytics GmbH", "Acme Analytics Ltd.", "Acme Analytics Corp.", "Acme Analytics Co., Ltd.",
    "acme-analytics", "Acme Analytics L.L.C.", "Äcme Analytics Inc",
])
def test_org_key_ignores_case_punctuation_suffixes_and_the(name):
    assert org_key(name) == "acmeanalytics"


def test_org_key_keeps_what_tells_organizations_apart():
    assert org_key("Acme & Sons") == org_key("Acme and Sons") != org_key("Acme")
    assert org_key("Company") == "company"  # a name that is only a suffix keeps its word
    assert org_key("The Company Inc") == "company"
    assert org_key(None, "careers.acme-analytics.co.uk") == "acmeanalytics"
    assert org_key(None, None) == ""


@pytest.mark.parametrize("a,b", [
    ("Data Analyst Intern", "Intern, Data Analyst"),
    ("Data Analyst Intern", "Micro-Internship: Data Analyst"),
    ("Data Analyst Intern", "Data Analyst Internship (Remote)"),
    ("Data Analyst Intern", "Data Analyst - Summer 2026"),
    ("Data Analyst Intern", "DATA ANALYST INTERN | Paid"),
    ("Data Analyst Intern", "Data Analyst Intern [Part-Time, 10 hrs/week]"),
    ("Marketing Assistant", "Mktg Asst."),
    ("Research & Development Intern", "Research and Development Intern"),
])
def test_title_variants_share_a_key(a, b):
    assert title_key(a).key == title_key(b).key


def test_title_drops_the_organization_and_own_city():
    org = org_words("Acme Analytics, Inc.")
    assert title_key("Data Intern at Acme Analytics", org).key == title_key("Data Intern").key
    assert title_key("Acme Analytics: Data Intern", org).key == title_key("Data Intern").key
    assert title_key("Data Intern - Boston", (), ("boston",)).key == title_key("Data Intern").key


def test_seniority_is_a_separate_signal():
    plain, senior = title_key("Data Analyst"), title_key("Senior Data Analyst")
    assert plain.key == senior.key
    assert senior.seniority == {"senior"} and plain.seniority == frozenset()
    assert title_key("Sr. Data Analyst").seniority == {"senior"}
    assert title_key("Data Analyst II").seniority == {"level2"}
    assert title_key("Data Analyst I").seniority == {"level1"}
    # "Lead Generation" is a task, not a lead role.
    assert title_key("Lead Generation Intern").seniority == frozenset()


def test_years_are_kept_to_tell_seasons_apart():
    assert title_key("Data Intern (Summer 2026)").years == {"26"}
    assert title_key("Data Intern (Summer 2026)").key == title_key("Data Intern").key


def test_team_in_brackets_is_kept():
    assert title_key("Data Analyst (Marketing)").key != title_key("Data Analyst").key


def test_url_key_drops_scheme_www_tracking_and_slash():
    assert url_key("https://www.acme.com/jobs/12/?utm_source=x&gh_src=y#apply") == "acme.com/jobs/12"
    assert url_key("http://acme.com/jobs/12") == "acme.com/jobs/12"
    assert url_key("https://acme.com/jobs?id=12&ref=board") == "acme.com/jobs?id=12"
    assert url_key("") == url_key(None) == url_key("not a url") == ""


def _where(*locations, arrangement="unknown"):
    return where({"locations": list(locations), "arrangement": arrangement})


def test_city_spellings_are_the_same_place():
    boston = _where({"city": "Boston", "region": "MA", "country": "US"})
    for loc in ({"raw": "Boston, MA"}, {"raw": "Boston MA"}, {"city": "Greater Boston"},
                {"city": "Boston", "country": "US"}):
        assert relate(boston, _where(loc)) is Rel.SAME, loc
    nyc = _where({"city": "New York", "country": "US"})
    for loc in ({"raw": "NYC"}, {"city": "New York City"}, {"raw": "Manhattan, NY"}):
        assert relate(nyc, _where(loc)) is Rel.SAME, loc
    assert relate(_where({"city": "München"}), _where({"city": "Munich", "country": "DE"})) is Rel.SAME
    assert relate(_where({"city": "Dublin 2"}), _where({"city": "Dublin"})) is Rel.SAME


def test_place_relations():
    boston, nyc = _where({"city": "Boston"}), _where({"city": "New York"})
    both = _where({"city": "Boston"}, {"city": "New York"})
    remote = _where(arrangement="remote")
    assert relate(boston, nyc) is Rel.CONFLICT
    assert relate(boston, both) is Rel.SUBSET
    assert relate(boston, _where()) is Rel.COMPATIBLE
    assert relate(remote, _where({"raw": "Remote"})) is Rel.SAME
    assert relate(remote, _where({"raw": "Remote (US)", "country": "US"}, arrangement="remote")) is Rel.SAME
    assert relate(remote, _where({"city": "Boston"}, arrangement="onsite")) is Rel.CONFLICT
    assert relate(_where({"city": "London", "country": "GB"}),
                  _where({"city": "London", "country": "CA"})) is Rel.CONFLICT


def test_description_similarity_survives_cuts_and_reformatting():
    text = ("We are looking for a data analyst to help our growth team. You will clean and merge "
            "three spreadsheets of customer records, build charts that explain our monthly sales "
            "trends and write SQL queries to answer questions from the sales team. ") * 2
    plain = BlockText((), DEFAULT.desc_min_shingles, DEFAULT.desc_full_shingles, weighted=False)
    full = shingles(text, 2000)
    cut = shingles(text[:180].rsplit(" ", 1)[0] + "... Read more", 2000)
    reformatted = shingles("• " + text.replace(". ", ".\n\n• ").upper(), 2000)
    assert plain.score(full, cut).score == 100.0
    assert plain.score(full, reformatted).score == 100.0
    assert plain.score(full, shingles("short", 2000)).score is None


def test_boilerplate_weighs_little_in_a_block():
    about = "Acme is a software company in Boston that helps small businesses with their data. "
    a = shingles(about + "You will clean and merge three spreadsheets of customer records.", 2000)
    b = shingles(about + "You will organize our vendor contracts in a shared drive folder.", 2000)
    others = [shingles(about + f"Task number {i} is about something else entirely here.", 2000)
              for i in range(8)]
    block = BlockText([a, b, *others], 5, 10)
    plain = BlockText((), 5, 10, weighted=False)
    assert block.score(a, b).score < plain.score(a, b).score
    assert block.score(a, a).score == 100.0


@pytest.mark.parametrize("text", [
    "write to jobs@acme-corp.io today", "a@b.com@c.org and d@e.fr", "me@gmail.com, hr@acme.de.",
    "no mail here", "@acme.com", "x @acme.com", "foo@bar", "A+b@C.ORG;q@w.e", "..@..de @@x.io",
    "-@-.de", "é@a.co", "long" * 500 + "@acme.com", "a@b.cd@e.fg@h.ij",
])
def test_email_domains_are_what_the_email_pattern_finds(text):
    # _email_domains scans from each "@" for speed; it must find exactly what the regex finds.
    assert list(keys._email_domains(text)) == [m.group(1) for m in keys._EMAIL_RE.finditer(text)]
