"""Finding entries on a love map: one line of words, a dimension, fresh or stale."""

from __future__ import annotations

from datetime import timedelta

from conftest import T0
from helpers import q

from nuzzle_game.core.lovemap import Freshness, LoveMap
from nuzzle_game.core.map_filter import MapFilter, find, with_dimension
from nuzzle_game.core.questions import Dimension


def test_parse_reads_dimensions_and_freshness_apart_from_words():
    query = MapFilter.parse("  Walk  EMOTIONAL stale river ")
    assert query == MapFilter(("walk", "river"), Dimension.EMOTIONAL, Freshness.STALE)
    assert not MapFilter.parse("   ") and MapFilter.parse("fresh")


def test_find_keeps_what_every_part_allows_in_order():
    love_map = LoveMap(subject=0)
    love_map.record(q(qid="e.walk"), "a", T0 - timedelta(days=200), "g")
    love_map.record(q(qid="e.tea"), "a", T0, "g")
    love_map.record(q(qid="p.walk", dimension="physical"), "a", T0, "g")
    rows = [(e, f"{e.question_id} long walk" if "walk" in e.question_id else "tea") for e in love_map.entries.values()]
    found = find(rows, MapFilter.parse("walk"), T0)
    assert [e.question_id for e in found.entries] == ["e.walk", "p.walk"] and found.total == 3
    assert [e.question_id for e in find(rows, MapFilter.parse("walk stale"), T0).entries] == ["e.walk"]
    assert [e.question_id for e in find(rows, MapFilter.parse("physical"), T0).entries] == ["p.walk"]
    assert find(rows, MapFilter.parse("fresh emotional TEA"), T0).entries == [love_map.entries["e.tea"]]


def test_choosing_a_dimension_replaces_the_one_in_the_filter():
    assert with_dimension("walk emotional", Dimension.PHYSICAL) == "physical walk"
    assert with_dimension("physical walk", None) == "walk"
