"""A first draft, as a new user writes one (tests/fixtures/first-draft: mistakes in every file, per file
and across files): one `deckgen check` names each of them at file:line:col, nothing more."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main

FIRST_DRAFT = Path(__file__).resolve().parents[1] / "fixtures" / "first-draft"

EXPECTED = [
    "content/asks.md:1:62: error: picture 'images/positioning-map.png' is not a picture deckgen can read (damaged, or not PNG, JPEG or GIF): export it again as PNG or JPEG",
    "content/big-rocks.yaml:4:16: error: big rock 'enterprise-narrative' supports 'enterprise-grwoth', which is not a company priority (did you mean 'enterprise-growth'?)",
    "content/big-rocks.yaml:11:17: error: big rock 'enterprise-narrative', alignment 'CPO', status: expected 'aligned', 'pending' or 'concerns', got 'concern' (did you mean 'concerns'?)",
    "content/big-rocks.yaml:16:12: error: big rock 'copilot-launch' is owned by 'Tom Beker', who is not a person in team.yaml (did you mean 'Tom Becker'?)",
    "content/charter.md:6:16: error: valid_through: '2027-13' is not a month: write it like 2027-01 (the year, then the month from 01 to 12)",
    "content/charter.md:8:5: error: approval 'Rachel Goldberg, CMO' has no 'on', which is required: add 'on: …'",
    "content/company.yaml:8:5: error: unknown key 'mesure' (did you mean 'measure'?)",
    "content/deck.yaml:7:9: error: the deck's leader is 'Maya Okafr', who is not a person in team.yaml (did you mean 'Maya Okafor'?)",
    'content/deck.yaml:9:11: error: audience: expected a list: write it in brackets, audience: [CMO, CRO]',
    'content/deck.yaml:12:3: error: theme.primary is empty, because \'#\' starts a comment in YAML: put the value in quotes, primary: "#4B2E83"',
    "content/deck.yaml:14:65: error: unknown slide 'okr' (did you mean 'okrs'?)",
    "content/intake.yaml:5:14: error: outcome 'enterprise-narative' is none of a big rock id, 'one-off' or 'declined' (did you mean 'enterprise-narrative'?)",
    "content/intake.yaml:7:11: error: request 'Booth messaging for a regional summit', date: expected a date like 2027-01-05, got '2026-13-01'",
    'content/okrs/2026-Q4.yaml:10:10: error: check the indentation of this line against the one above: it starts in column 10, line 9 in column 9 (a line set deeper than a value continues that value)',
    "content/okrs/2026-Q4.yaml: note: once this file's errors are fixed, deckgen can also check: objectives name big rocks; the quarter ahead has an OKR file; the slide list; every owner is a person in team.yaml",
    "content/okrs/2027-Q1.yaml:1:10: error: quarter '2027-Q2' does not match the file name 2027-Q1.yaml: write quarter: 2027-Q1, or rename the file",
    "content/okrs/2027-Q1.yaml:7:5: error: objective 'enterprise-pitch-live', owner is empty: write a name from team.yaml, or delete the line",
    "content/okrs/2027-Q1.yaml:12:21: error: key result 'Messaging house signed off by CMO and Head of Sales', confidence: a number from 0 to 1 is needed: write 0.8 for 80%",
    "content/okrs/2027-Q1.yaml:14:16: error: key result 'Enterprise first calls using the new pitch' is owned by 'Sam Osei', who is not a person in team.yaml (did you mean 'Samuel Osei'?)",
    "content/okrs/2027-Q1.yaml:20:11: error: objective 'copilot-ga' names rock 'copilot-lanch', which is not a big rock (did you mean 'copilot-launch'?)",
    "content/okrs/2027-Q1.yaml:25:19: error: key result 'Accounts using Copilot weekly' has a baseline but no target: a numeric key result needs both",
    "content/slides/launch-calendar.md:3:8: error: after: unknown slide 'stratgy' (did you mean 'strategy'?)",
    'content/strategy.md:3:12: error: the text after \'title:\' holds \': \', which YAML reads as a new key: put the text in quotes: - title: "Governance: the story enterprises trust"',
    "content/strategy.md: note: once this file's errors are fixed, deckgen can also check: the number of pillars; the plan year in free text",
    'content/team.yaml:5:7: error: the allocation of Maya Okafor adds up to 110%, more than 100%: lower some shares',
    "content/team.yaml:10:17: error: Priya Raman reports to 'Maya', who is not a person in team.yaml (did you mean 'Maya Okafor'?)",
    "content/team.yaml:14:5: error: person 'Tom Becker' has no 'role', which is required: add 'role: …'",
    "content/team.yaml:15:5: error: unknown key 'rol' (did you mean 'role'?)",
    "content/team.yaml:21:7: error: allocation key 'copilot-lanch' is neither a big rock id nor 'one-offs' (did you mean 'copilot-launch'?)",
    "content/wins.md:2:9: error: period: 'Q4 2026' is not a quarter: write it like 2026-Q4",
]


def test_one_check_names_every_mistake_of_a_first_draft() -> None:
    result = CliRunner().invoke(main, ["check", str(FIRST_DRAFT)])
    assert result.exit_code == 1
    errors = sum(": error: " in line for line in EXPECTED)
    assert result.output.splitlines() == [*EXPECTED, f"{errors} errors, 0 warnings"]


def test_the_first_draft_has_mistakes_in_every_file() -> None:
    files = {path.relative_to(FIRST_DRAFT).as_posix() for path in (FIRST_DRAFT / "content").rglob("*.*")
             if path.parent.name != "images"}  # the damaged picture is named where asks.md shows it
    named = {line.split(":")[0] for line in EXPECTED}
    assert files == named
    assert sum(": error: " in line for line in EXPECTED) >= 20
