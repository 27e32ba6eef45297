"""One `deckgen check` names every mistake it can know: rules across files run on whatever parts of a
broken file validated, never echo an error already reported, and say once which checks wait for a
file that could not be read at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.checking import at, diagnostics

WAITING_ON_ROCKS = ("content/big-rocks.yaml: note: once this file's errors are fixed, deckgen can also check: "
                    "big rock ids are unique; big rocks support company priorities; the number of big rocks; "
                    "every priority is supported; alignments are recent; objectives name big rocks; intake "
                    "outcomes; allocation keys name big rocks")


def test_rules_across_files_run_beside_a_schema_error(example_project: Path, edit) -> None:
    edit("deck.yaml", "audience: [CMO, Head of Sales, Head of Product]", "audience: 3")
    edit("big-rocks.yaml", "supports: [enterprise-growth]", "supports: [enterprise-grwoth]")
    found = diagnostics(example_project, notes=True)
    assert f"{at(example_project, 'big-rocks.yaml', 'enterprise-grwoth')}: error: big rock 'enterprise-narrative' " \
           "supports 'enterprise-grwoth', which is not a company priority (did you mean 'enterprise-growth'?)" in found
    assert len(found) == 2 and not any(": note: " in line for line in found)


def test_a_person_with_a_mistyped_key_is_still_a_person_for_owner_look_ups(example_project: Path, edit) -> None:
    edit("team.yaml", "    role: Principal PMM, Enterprise", "    rol: Principal PMM, Enterprise")
    edit("okrs/2027-Q1.yaml", "    owner: Aiko Tanaka\n    key_results:", "    owner: Aiko Tanak\n    key_results:")
    assert diagnostics(example_project, notes=True) == [
        f"{at(example_project, 'okrs/2027-Q1.yaml', 'owner: Aiko Tanak', 'Aiko', exact=True)}: error: objective "
        "'beat-stratapoint' is owned by 'Aiko Tanak', who is not a person in team.yaml (did you mean 'Aiko Tanaka'?)",
        f"{at(example_project, 'team.yaml', 'name: Priya Raman', 'name')}: error: person 'Priya Raman' has no 'role', "
        "which is required: add 'role: …'",
        f"{at(example_project, 'team.yaml', 'rol: Principal', 'rol')}: error: unknown key 'rol' (did you mean "
        "'role'?)"]


def test_an_entry_whose_id_is_broken_makes_no_unknown_id_errors(example_project: Path, edit) -> None:
    """The priority's intended id cannot be known, so 'supports: [ai-platform]' is not called unknown."""
    edit("company.yaml", "id: ai-platform", "id: AI Platform")
    assert diagnostics(example_project, notes=True) == [
        f"{at(example_project, 'company.yaml', 'id: AI Platform', 'AI')}: error: priority 'Lead the category on "
        "AI-assisted analytics', id: 'AI Platform' is not an id: use lowercase letters, digits and hyphens, e.g. "
        "'ai-platform'"]


def test_an_unreadable_file_makes_its_dependants_wait_and_says_so_once(example_project: Path) -> None:
    (example_project / "content/big-rocks.yaml").write_text("big_rocks: [\n", encoding="utf-8")
    found = diagnostics(example_project, notes=True)
    assert found[-1] == WAITING_ON_ROCKS or WAITING_ON_ROCKS in found
    assert [line for line in found if ": note: " in line] == [WAITING_ON_ROCKS]
    # no echo: objectives, allocations and intake name rocks that cannot be read, and nothing says so
    assert all(line.startswith("content/big-rocks.yaml") for line in found), found


def test_a_missing_required_file_makes_no_note(example_project: Path) -> None:
    (example_project / "content/big-rocks.yaml").unlink()
    assert diagnostics(example_project, notes=True) == ["content/big-rocks.yaml: error: required file is missing"]


@pytest.mark.parametrize("file", ["deck.yaml", "company.yaml", "big-rocks.yaml", "team.yaml", "intake.yaml",
                                  "okrs/2027-Q1.yaml", "okrs/2026-Q4.yaml", "charter.md", "strategy.md", "wins.md",
                                  "asks.md", "slides/launch-calendar.md"])
def test_any_file_unreadable_leaves_the_others_checked(example_project: Path, edit, file: str) -> None:
    """A cross-file mistake elsewhere is still found (or waits with a note when it reads this file)."""
    edit("team.yaml", "      one-offs: 15\n\n  - name: Daniel Reyes", "      one-off: 15\n\n  - name: Daniel Reyes")
    allocation = f"{at(example_project, 'team.yaml', 'one-off: 15', 'one-off')}: error: allocation key 'one-off' is " \
                 "neither a big rock id nor 'one-offs' (did you mean 'one-offs'?)"
    text = "---\nbroken: [\n---\nBody.\n" if file.endswith(".md") else "broken: [\n"
    (example_project / "content" / file).write_text(text, encoding="utf-8")
    found = diagnostics(example_project, notes=True)
    waits = file in ("team.yaml", "big-rocks.yaml")
    assert (allocation in found) is not waits, found
    assert all(line.startswith(f"content/{file}") or line == allocation for line in found), found
