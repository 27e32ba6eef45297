"""Changes between snapshots: the matching rules the diff, the slide and the page share."""
from __future__ import annotations

from deckgen.model.changes import Changes, Snapshot, changes_between
from deckgen.model.content import BigRock, OkrFile, Person
from deckgen.plan.formatting import change


def _rock(rock_id: str, title: str = "A rock", owner: str | None = None) -> BigRock:
    return BigRock(id=rock_id, title=title, supports=["p"], owner=owner)


def _okrs(*key_results: dict) -> OkrFile:
    return OkrFile.model_validate({"quarter": "2027-Q1", "objectives": [
        {"id": "o", "title": "Objective", "rock": "r", "key_results": list(key_results)}]})


def _edition(rocks: list[BigRock], people: list[Person] | None = None) -> Snapshot:
    return Snapshot("e", None, rocks, people or [])


def test_a_rock_added_on_top_does_not_re_rank_the_others() -> None:
    changes = changes_between(_edition([_rock("a"), _rock("b")]), _edition([_rock("new"), _rock("a"), _rock("b")]))
    assert [(c.kind, c.id, c.new_rank) for c in changes.rocks or []] == [("added", "new", 1)]


def test_swapped_rocks_are_re_ranked_and_changed_fields_listed() -> None:
    before = _edition([_rock("a"), _rock("b", owner="Ann")])
    after = _edition([_rock("b", owner="Bo"), _rock("a")])
    kinds = [(c.kind, c.id, c.old_rank, c.new_rank) for c in changes_between(before, after).rocks or []]
    assert kinds == [("re-ranked", "b", 2, 1), ("changed", "b", 2, 1), ("re-ranked", "a", 1, 2)]
    changed = [c for c in changes_between(before, after).rocks or [] if c.kind == "changed"][0]
    assert [change(f) for f in changed.fields] == ["owner Ann → Bo"]


def test_key_results_match_by_title_ignoring_case_and_spacing() -> None:
    before = Snapshot("q1", _okrs({"title": "Win  rate", "baseline": 30, "target": 35, "unit": "%"},
                                  {"title": "Ship", "done": False}))
    after = Snapshot("q2", _okrs({"title": "win rate", "baseline": 33, "target": 35, "unit": "%"},
                                 {"title": "Ship", "baseline": 0, "target": 1}))
    changes = changes_between(before, after)
    assert changes.rocks is None and changes.people is None
    assert [(kr.kind, kr.title, [change(f) for f in kr.fields]) for kr in changes.key_results] == [
        ("changed", "win rate", ["baseline 30% → 33%"]),
        ("changed", "Ship", ["kind milestone → numeric"]),
    ]


def test_nothing_changed_is_empty() -> None:
    okrs = Snapshot("q", _okrs({"title": "Ship", "done": True}))
    assert changes_between(okrs, okrs) == Changes("q", "q", [])
    assert changes_between(okrs, okrs).empty
