"""Text no deck can hold (control characters, C1, noncharacters, lone surrogates, NEL/LS/PS):
removed where the project is read, with a warning at the place it was, so that `check` passing
means `build` passes and no XML writer or text shaper ever meets it."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.load.clean import UNSAFE, _safe, clean, describe
from tests.support.checking import at, diagnostics
from tests.support.projects import run

#: (what, as typed in a file, as a YAML double-quoted escape, what remains of "a{char}b")
CHARACTERS = [
    ("bell", "\x07", "\\a", "ab"),
    ("escape", "\x1b", "\\e", "ab"),
    ("vertical tab", "\x0b", "\\v", "ab"),
    ("form feed", "\x0c", "\\f", "ab"),
    ("delete", "\x7f", "\\x7f", "ab"),
    ("C1 CSI", "\x9b", "\\x9b", "ab"),
    ("NEL", "\x85", "\\N", "a b"),
    ("line separator", "\u2028", "\\L", "a b"),
    ("paragraph separator", "\u2029", "\\P", "a b"),
    ("noncharacter FFFE", "\ufffe", "\\ufffe", "ab"),
    ("noncharacter FDD0", "\ufdd0", "\\ufdd0", "ab"),
    ("plane 16 noncharacter", "\U0010ffff", "\\U0010ffff", "ab"),
]
IDS = [what for what, *_ in CHARACTERS]


def test_clean_keeps_every_safe_character() -> None:
    safe = "tab\there, ünïcödé, 漢字, emoji 👍🏽, ZWJ 👩‍💻, RTL שלום, combining é, NBSP\u00a0, soft\u00ad"
    assert clean(safe) == safe
    assert describe("\ud800") == "U+D800 (a lone surrogate)"


def test_every_removed_character_is_unprintable() -> None:
    """The loader skips the search for removed characters in printable text: that holds only while
    Python counts each of them as unprintable."""
    assert [hex(code) for code in range(0x110000) if UNSAFE.match(chr(code)) and chr(code).isprintable()] == []


def test_a_whole_file_is_safe_only_without_a_removed_character() -> None:
    """A file's text is asked first whether it is printable but for its line ends and tabs."""
    text = "line one\r\n\tline two: ünïcödé 👍🏽, NBSP\u00a0, soft\u00ad\n"
    assert _safe(text)
    assert [what for what, char, *_ in CHARACTERS if _safe(text + char + "\n")] == []


@pytest.mark.parametrize("what, char, escape, remains", CHARACTERS, ids=IDS)
def test_a_character_typed_in_yaml_is_removed_with_a_warning(example_project: Path, edit, what: str, char: str,
                                                             escape: str, remains: str) -> None:
    edit("deck.yaml", "team: Product Marketing", f"team: Product M{char}arketing")
    place = at(example_project, "deck.yaml", f"team: Product M{char}", char)
    assert diagnostics(example_project) == [f"{place}: warning: {describe(char)} removed: it cannot be shown in "
                                            "a deck" + (" (turned into a space)" if remains == "a b" else "")]


@pytest.mark.parametrize("what, char, escape, remains", CHARACTERS, ids=IDS)
def test_a_character_from_a_yaml_escape_is_removed_with_a_warning(example_project: Path, edit, what: str,
                                                                  char: str, escape: str, remains: str) -> None:
    edit("deck.yaml", "team: Product Marketing", f'team: "a{escape}b"')
    place = at(example_project, "deck.yaml", f'team: "a{escape}b"', '"')
    assert diagnostics(example_project) == [f"{place}: warning: {describe(char)} removed: it cannot be shown in "
                                            "a deck"]


def test_a_lone_surrogate_from_a_yaml_escape_is_removed(example_project: Path, edit) -> None:
    edit("team.yaml", "role: Sales Enablement Manager", 'role: "Sales \\ud800Enablement Manager"')
    place = at(example_project, "team.yaml", "Sales \\ud800", '"')
    assert diagnostics(example_project) == [f"{place}: warning: U+D800 (a lone surrogate) removed: it cannot be "
                                            "shown in a deck"]


def test_a_key_with_a_control_character_is_reported_cleanly(example_project: Path, edit) -> None:
    edit("deck.yaml", "team: Product Marketing", 'team: Product Marketing\n"te\\x01am2": x')
    found = diagnostics(example_project)
    assert any("U+0001 (a control character) removed" in line for line in found)
    assert any("'team2'" in line for line in found)  # the unknown key, quoted as cleaned


def test_a_markdown_character_reference_to_a_control_character_is_removed(example_project: Path) -> None:
    asks = example_project / "content" / "asks.md"
    asks.write_text(asks.read_text(encoding="utf-8") + "\n- an ask with &#1; and &#x7F; and &#xFFFF; &amp; &#233;\n",
                    encoding="utf-8")
    place = at(example_project, "asks.md", "an ask with", "&#1;")
    assert diagnostics(example_project) == [f"{place}: warning: U+0001 (a control character) removed: it cannot "
                                            "be shown in a deck"]


def test_many_lines_warn_a_few_times_then_count(example_project: Path) -> None:
    wins = example_project / "content" / "wins.md"
    wins.write_text(wins.read_text(encoding="utf-8") + "".join(f"\n- win {n}\x07" for n in range(8)) + "\n",
                    encoding="utf-8")
    found = diagnostics(example_project)
    assert len(found) == 6 and found[0] == ("content/wins.md: warning: 3 more lines held characters that cannot "
                                             "be shown in a deck; they were removed")


@pytest.mark.slow
def test_every_kind_in_every_place_still_builds(example_project: Path, edit) -> None:
    everything = "".join(char for _, char, _, _ in CHARACTERS)
    escapes = "".join(escape for _, _, escape, _ in CHARACTERS) + "\\ud800\\udfff"
    edit("deck.yaml", "team: Product Marketing", f'team: "Product {escapes}Marketing"')
    edit("okrs/2027-Q1.yaml", "      - title: Enterprise first calls using the new pitch",
         f"      - title: Enterprise first calls {everything}using the new pitch")
    edit("strategy.md", "- Tier 3 launch assets", f"- Tier 3 launch {everything}&#1;&#xFFFE;assets")
    result = run("build", str(example_project))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    deck = Presentation(str(next((example_project / "output").glob("*.pptx"))))
    texts = "".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Product" in texts and not any(char in texts for _, char, _, _ in CHARACTERS)
