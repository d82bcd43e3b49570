"""The publisher table: tiers by longest domain suffix, unknown domains, validation messages."""

from __future__ import annotations

from dashboard.data.publishers import Publisher, Publishers, is_weakly_sourced
from dashboard.data.reader import read_table

TABLE = Publishers(
    [
        Publisher(domain="un.org", publisher="United Nations", tier="primary"),
        Publisher(domain="news.un.org", publisher="UN News", tier="established"),
        Publisher(domain="apnews.com", publisher="Associated Press", tier="established"),
    ]
)


def test_the_longest_matching_domain_wins_and_www_does_not_matter():
    assert TABLE.source("https://press.un.org/en/2023/sc15432.doc.htm").publisher == "United Nations"
    assert TABLE.source("https://news.un.org/en/story/1").tier == "established"
    assert TABLE.source("https://www.apnews.com/article/x").publisher == "Associated Press"


def test_a_lookalike_domain_does_not_match():
    source = TABLE.source("https://notun.org/x")
    assert (source.known, source.tier, source.publisher) == (False, "secondary", "notun.org")


def test_best_source_is_the_strongest_tier():
    best = TABLE.best(["https://blog.example/x", "https://apnews.com/a", "https://press.un.org/b"])
    assert best.publisher == "United Nations"
    assert TABLE.best([]) is None


def test_a_row_with_only_secondary_sources_is_weakly_sourced():
    assert is_weakly_sourced(TABLE.best(["https://blog.example/x"]))
    assert not is_weakly_sourced(TABLE.best(["https://blog.example/x", "https://apnews.com/a"]))
    assert is_weakly_sourced(None)


def test_unknown_domains_are_listed_once():
    urls = ["https://blog.example/a", "https://www.blog.example/b", "https://apnews.com/c"]
    assert TABLE.unknown_domains(urls) == ["blog.example"]


def test_bad_rows_are_reported_by_file_row_and_field(tmp_path):
    path = tmp_path / "publishers.csv"
    path.write_text(
        "domain,publisher,tier,note\n"
        "apnews.com,Associated Press,established,\n"
        "www.example.org,Example,secondary,\n"
        "reuters.com,Reuters,wire,\n",
        encoding="utf-8",
    )
    table = read_table(path, Publisher, unique=["domain"])
    assert len(table.rows) == 1
    messages = [str(p) for p in table.problems]
    assert (
        messages[0]
        == "publishers.csv:3: domain: not a bare lower-case domain such as 'press.un.org': 'www.example.org'"
    )
    assert messages[1].startswith(
        "publishers.csv:4: tier: 'wire' is not one of: primary, established, secondary"
    )
