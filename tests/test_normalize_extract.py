"""normalize.extract: JobPosting objects found in pages (JSON-LD shapes, microdata, broken blocks)."""

from __future__ import annotations

import json

import pytest

from normalize.extract import extract_jobpostings, is_jobposting, parse_jsonld

URL = "https://careers.example.org/jobs/42"


def page(*blocks: str, body: str = "") -> str:
    scripts = "".join(f'<script type="application/ld+json">{b}</script>\n' for b in blocks)
    return f"<!doctype html><html><head><title>Job</title>{scripts}</head><body>{body}</body></html>"


def posting(title: str = "Data Entry Intern", **extra) -> dict:
    return {"@context": "https://schema.org", "@type": "JobPosting", "title": title, **extra}


def titles(result) -> list[str]:
    return [p["title"] for p in result.postings]


def test_top_level_object():
    result = extract_jobpostings(page(json.dumps(posting())), URL)
    assert titles(result) == ["Data Entry Intern"] and result.errors == []


def test_top_level_array_and_other_types_ignored():
    block = json.dumps([{"@type": "Organization", "name": "Acme"}, posting("A"), posting("B")])
    assert titles(extract_jobpostings(page(block), URL)) == ["A", "B"]


def test_graph_with_references_inlined():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "@id": "https://acme.example/#org", "name": "Acme",
         "sameAs": ["https://acme.example"]},
        {"@type": "WebPage", "@id": URL, "name": "Job page"},
        {"@type": "JobPosting", "title": "Research Assistant",
         "hiringOrganization": {"@id": "https://acme.example/#org"},
         "mainEntityOfPage": {"@id": URL}},
    ]}
    [found] = extract_jobpostings(page(json.dumps(graph)), URL).postings
    assert found["hiringOrganization"]["name"] == "Acme"
    assert found["mainEntityOfPage"]["name"] == "Job page"


def test_nested_postings():
    item_list = {"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "item": posting("One")},
        {"@type": "ListItem", "position": 2, "item": posting("Two")}]}
    web_page = {"@type": "WebPage", "mainEntity": posting("Three")}
    result = extract_jobpostings(page(json.dumps(item_list), json.dumps(web_page)), URL)
    assert titles(result) == ["One", "Two", "Three"]


@pytest.mark.parametrize(
    "type_value",
    ["JobPosting", ["JobPosting"], ["Thing", "JobPosting"], "https://schema.org/JobPosting",
     "http://schema.org/JobPosting", "schema:JobPosting"],
)
def test_type_forms(type_value):
    assert is_jobposting({"@type": type_value})


def test_not_jobpostings():
    assert not is_jobposting({"@type": "Organization"})
    assert not is_jobposting({"title": "no type"})
    assert extract_jobpostings(page(json.dumps({"@type": "Event", "name": "x"})), URL).postings == []


def test_raw_newline_inside_a_string_is_accepted():
    block = '{"@type": "JobPosting", "title": "Writer", "description": "line one\nline two\tend"}'
    [found] = extract_jobpostings(page(block), URL).postings
    assert found["description"] == "line one\nline two\tend"


def test_invalid_block_is_counted_and_others_still_read():
    broken = '{"@type": "JobPosting", "title": "Broken" "description": }'
    result = extract_jobpostings(page(broken, json.dumps(posting("Good"))), URL)
    assert titles(result) == ["Good"]
    assert len(result.errors) == 1 and result.errors[0].startswith("jsonld block 1:")
    assert result.invalid_jsonld == 1


@pytest.mark.parametrize(
    "text",
    [
        '<!-- {"@type": "JobPosting", "title": "T"} -->',
        '//<![CDATA[\n{"@type": "JobPosting", "title": "T"}\n//]]>',
        '{"@type": "JobPosting", "title": "T",}',
        '{&quot;@type&quot;: &quot;JobPosting&quot;, &quot;title&quot;: &quot;T&quot;}',
        '{"@type": "JobPosting", "title": "T"};',
    ],
    ids=["html-comment", "cdata", "trailing-comma", "html-escaped", "trailing-semicolon"],
)
def test_documented_fallbacks(text):
    assert parse_jsonld(text)["title"] == "T"


def test_parse_jsonld_raises_value_error():
    with pytest.raises(ValueError):
        parse_jsonld("{not json at all")


def test_script_tag_variants():
    html = (
        "<html><head>"
        f"<SCRIPT TYPE='application/ld+json'>{json.dumps(posting('Upper'))}</SCRIPT>"
        "</head></html>"
    )
    assert titles(extract_jobpostings(html, URL)) == ["Upper"]
    html = (f'<script data-x="1" type="application/ld+json; charset=utf-8" id="ld">'
            f"{json.dumps(posting('Attrs'))}</script>")
    assert titles(extract_jobpostings(html, URL)) == ["Attrs"]


def test_bytes_input():
    html = page(json.dumps(posting("Caf\u00e9 Helper"))).encode()
    assert titles(extract_jobpostings(html, URL)) == ["Caf\u00e9 Helper"]


MICRODATA = """<!doctype html><html><body>
<article itemscope itemtype="https://schema.org/JobPosting">
  <h1 itemprop="title">Social Media Assistant</h1>
  <meta itemprop="datePosted" content="2026-11-02">
  <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
    <span itemprop="name">Bluebird Social Co.</span>
    <link itemprop="sameAs" href="https://www.bluebird.example">
  </div>
  <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
    <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
      <span itemprop="addressLocality">Austin</span>, <span itemprop="addressRegion">TX</span>
    </div>
  </div>
  <div itemprop="description"><p>Draft posts.</p></div>
</article>
</body></html>"""


def test_microdata():
    result = extract_jobpostings(MICRODATA, URL)
    [found] = result.postings
    assert found["title"] == "Social Media Assistant"
    assert found["hiringOrganization"]["name"] == "Bluebird Social Co."
    assert found["hiringOrganization"]["sameAs"] == "https://www.bluebird.example"
    assert found["jobLocation"]["address"]["addressLocality"] == "Austin"
    assert result.errors == []


def test_microdata_is_not_read_when_json_ld_has_the_posting():
    html = MICRODATA.replace("<body>", f"<body>{page(json.dumps(posting('From JSON-LD')))}")
    assert titles(extract_jobpostings(html, URL)) == ["From JSON-LD"]


def test_page_without_postings():
    result = extract_jobpostings("<html><body><p>Nothing here</p></body></html>", URL)
    assert result.postings == [] and result.errors == []


def test_deep_nesting_is_bounded():
    node: dict = posting("Deep")
    for _ in range(200):
        node = {"@type": "Thing", "child": node}
    assert extract_jobpostings(page(json.dumps(node)), URL).postings == []


def test_hostile_nesting_is_an_error_not_a_crash():
    result = extract_jobpostings(page("[" * 100_000 + "]" * 100_000, json.dumps(posting("Ok"))), URL)
    assert titles(result) == ["Ok"]
    assert result.errors == ["jsonld block 1: invalid JSON: nested too deeply"]
    deep_and_broken = "[" * 100_000 + "]" * 100_000 + ","
    assert extract_jobpostings(page(deep_and_broken), URL).errors == [
        "jsonld block 1: invalid JSON: nested too deeply"]
