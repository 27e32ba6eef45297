"""A new quarter's OKR file from the last one: what is not done carries over, nothing else.

Rules (the format's scoring decides what "done" is):
- a numeric key result at its target (computed score 1.0) or hand-scored 1.0 is done and dropped;
  one not done carries over with its last ``current`` as the new ``baseline`` (``current``
  removed);
- a milestone that is ``done`` is dropped; one not done stays, still ``done: false``;
- what belonged to the old quarter's result goes: ``score``, ``note``, ``confidence`` on key
  results and ``retro`` on objectives;
- an objective with no key result left is dropped;
- the file's ``headline`` (the old quarter's results title) is dropped;
- ``quarter`` becomes the new quarter and ``state`` becomes ``planned``.

The new file is an edit of the old one, so the user's explanatory comments and order stay; the
file's header comment, which names the old quarter, is rewritten. When every key result was met
nothing carries over, and the new file holds one draft objective per big rock to rewrite, so the
project still checks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from ..edit.yaml_edit import YamlFile, delete_key, remove_item, set_value
from ..model.content import BigRock, KeyResult, OkrFile
from ..plan.formatting import with_unit

RESULT_KEYS = ("score", "note", "confidence")


@dataclass
class CarryOver:
    """The new file's text and what happened to each key result, for the report."""

    text: str
    carried: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)  # what described the old quarter only
    drafted: bool = False


def is_done(kr: KeyResult) -> bool:
    """Met in full: hand-scored 1.0, a milestone done, or a numeric result at its target."""
    if kr.score is not None and kr.score >= 1.0:
        return True
    if kr.is_milestone:
        return bool(kr.done)
    return kr.current is not None and kr.model_copy(update={"score": None}).progress >= 1.0


def carry_over(source: Path, okrs: OkrFile, quarter: str, rocks: list[BigRock]) -> CarryOver:
    """The text of ``okrs/<quarter>.yaml`` carried over from ``source`` (whose model is ``okrs``)."""
    document = YamlFile.load(source)
    data = document.data
    result = CarryOver("")
    objectives = data["objectives"]
    for o_index in reversed(range(len(okrs.objectives))):
        objective = okrs.objectives[o_index]
        node = objectives[o_index]
        _carry_key_results(objective.key_results, node, objective.id, result)
        if "retro" in node:
            delete_key(node, "retro")
        if not node["key_results"]:
            remove_item(objectives, o_index, (data, "objectives"))
    if not objectives:
        _draft(objectives, rocks, quarter)
        result.drafted = True
    set_value(data, "quarter", quarter)
    if "headline" in data:
        delete_key(data, "headline")
        result.cleared.append(f"headline: {okrs.headline} (it titled {okrs.quarter}'s results)")
    if "state" in data:
        set_value(data, "state", "planned")
    _rewrite_header(data, okrs.quarter, quarter)
    result.carried.reverse()
    result.dropped.reverse()
    result.text = document.text()
    return result


def _carry_key_results(key_results: list[KeyResult], node: CommentedMap, objective: str,
                       result: CarryOver) -> None:
    items = node["key_results"]
    for index in reversed(range(len(key_results))):
        kr = key_results[index]
        if is_done(kr):
            remove_item(items, index, (node, "key_results"))
            result.dropped.append(f"{objective}: {kr.title}")
            continue
        item = items[index]
        moved = ""
        if kr.current is not None:
            set_value(item, "baseline", item["current"])
            delete_key(item, "current")
            moved = f" (baseline {with_unit(kr.baseline, kr.unit)} → {with_unit(kr.current, kr.unit)})"
        for key in RESULT_KEYS:
            if key in item:
                delete_key(item, key)
        result.carried.append(f"{objective}: {kr.title}{moved}")


def _draft(objectives: CommentedSeq, rocks: list[BigRock], quarter: str) -> None:
    """One placeholder objective per big rock: valid content, plainly a draft to rewrite."""
    for rock in rocks:
        objective = CommentedMap()
        objective["id"] = rock.id
        objective["title"] = f"Draft for {quarter}: {rock.title}"
        objective["rock"] = rock.id
        key_result = CommentedMap()
        key_result["title"] = "Draft key result: replace with a measurable result"
        key_result["done"] = False
        objective["key_results"] = CommentedSeq([key_result])
        objectives.append(objective)


def _rewrite_header(data: CommentedMap, old: str, new: str) -> None:
    """Replace the file's opening comment block when it names the old quarter; else add one."""
    header = [
        f"# okrs/{new}.yaml: the OKRs for {new}, carried over from {old} by `deckgen okr new`:\n",
        "# what was not done, with the last `current` as the new `baseline`. Review every\n",
        "# objective and key result, add what is new, and set `confidence`.\n\n",
    ]
    tokens = [CommentToken(text, CommentMark(0), None) for text in header]
    if data.ca.comment is None:
        data.ca.comment = [None, []]
    existing = data.ca.comment[1] or []
    block_end = next((i + 1 for i, t in enumerate(existing) if t.value.endswith("\n\n")), 0)
    if block_end and any(re.search(re.escape(old), t.value) for t in existing[:block_end]):
        existing = existing[block_end:]
    data.ca.comment[1] = tokens + existing
