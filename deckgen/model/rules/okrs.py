"""OKR files: the quarter in the file, objective ids, the two kinds of key result, and their sizes.

Each rule here needs nothing but its own quarter file, so it runs as soon as that file is typed,
even when other files of the project are broken.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, Iterator

from ..content import KeyResult, Objective, OkrFile
from ..scoring import score_text
from .base import FileReport, number, repeats

MAX_KEY_RESULTS = 5
MAX_OBJECTIVES = 5
NUMERIC_ONLY = ("current", "unit", "direction")

Loc = tuple[Any, ...]


def located(okrs: OkrFile) -> Iterator[tuple[Loc, Objective, KeyResult]]:
    """Every key result of a quarter with its path in the file and its objective."""
    for o_index, objective in enumerate(okrs.objectives):
        for k_index, kr in enumerate(objective.key_results):
            yield ("objectives", o_index, "key_results", k_index), objective, kr


def quarter_matches_file(okrs: OkrFile, report: FileReport) -> None:
    name = PurePosixPath(report.source.path).stem
    if okrs.quarter != name:
        report.error(("quarter",), f"quarter '{okrs.quarter}' does not match the file name {name}.yaml: "
                              f"write quarter: {name}, or rename the file")


def unique_objective_ids(okrs: OkrFile, report: FileReport) -> None:
    for here, value, first in repeats(report, [o.id for o in okrs.objectives], "objectives", "id"):
        report.error(here, f"objective id '{value}' is used twice in the quarter ({first}): give "
                           f"each objective its own id")


def one_kind(okrs: OkrFile, report: FileReport) -> None:
    """A key result is numeric (baseline and target) or a milestone (done), never both or neither."""
    for loc, _, kr in located(okrs):
        numeric = [key for key in ("baseline", "target") if getattr(kr, key) is not None]
        if kr.done is not None and numeric:
            report.error(loc + ("done",), f"key result '{kr.title}' has both {' and '.join(numeric)} "
                                          f"(numeric) and done (milestone): keep one kind")
        elif len(numeric) == 1:
            missing = "target" if numeric == ["baseline"] else "baseline"
            report.error(loc + (numeric[0],), f"key result '{kr.title}' has a {numeric[0]} but no "
                                              f"{missing}: a numeric key result needs both")
        elif not numeric and kr.done is None:
            report.error(loc, f"key result '{kr.title}' needs either baseline and target (numeric) or "
                              f"done (milestone)")
        elif kr.done is not None:
            _numeric_keys_on_milestone(loc, kr, report)


def _numeric_keys_on_milestone(loc: Loc, kr: KeyResult, report: FileReport) -> None:
    for key in NUMERIC_ONLY:
        if getattr(kr, key) is not None:
            report.error(loc + (key,), f"key result '{kr.title}' is a milestone (done): '{key}' applies "
                                       f"only to a numeric key result (baseline and target)", key=True)


def target_differs(okrs: OkrFile, report: FileReport) -> None:
    for loc, _, kr in located(okrs):
        if kr.baseline is not None and kr.baseline == kr.target:
            report.error(loc + ("target",), f"key result '{kr.title}' has target {number(kr.target)} "
                                            f"equal to baseline {number(kr.baseline)}: set the value "
                                            f"it should reach")


def direction_agrees(okrs: OkrFile, report: FileReport) -> None:
    for loc, _, kr in located(okrs):
        if kr.direction is None or kr.baseline is None or kr.target is None or kr.baseline == kr.target:
            continue
        actual = "up" if kr.target > kr.baseline else "down"
        if kr.direction != actual:
            report.error(loc + ("direction",),
                         f"key result '{kr.title}' has direction '{kr.direction}', but its target "
                         f"{number(kr.target)} is {'above' if actual == 'up' else 'below'} its baseline "
                         f"{number(kr.baseline)}: write direction: {actual}, or leave it out")


def sizes(okrs: OkrFile, report: FileReport) -> None:
    if len(okrs.objectives) > MAX_OBJECTIVES:
        report.warning(("objectives", MAX_OBJECTIVES),
                       f"{len(okrs.objectives)} objectives in {okrs.quarter}; keep it to five or fewer")
    for index, objective in enumerate(okrs.objectives):
        if len(objective.key_results) > MAX_KEY_RESULTS:
            report.warning(("objectives", index, "key_results", MAX_KEY_RESULTS),
                           f"objective '{objective.id}' has {len(objective.key_results)} key results; "
                           f"keep it to five or fewer")


def misses_explained(okrs: OkrFile, report: FileReport) -> None:
    """In a closed quarter, a committed key result under 1.0 is a miss, and a miss needs a note."""
    if not okrs.closed:
        return
    for loc, objective, kr in located(okrs):
        if kr.commitment == "committed" and kr.progress < 1.0 and not kr.note:
            report.warning(loc, f"committed key result '{kr.title}' of objective '{objective.id}' scored "
                                f"{score_text(kr.progress)} in the closed quarter {okrs.quarter}: add a note "
                                f"saying why it was missed")


FILE_RULES = [quarter_matches_file, unique_objective_ids, one_kind, target_differs, direction_agrees,
              sizes, misses_explained]
