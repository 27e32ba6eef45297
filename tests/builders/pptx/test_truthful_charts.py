"""Charts and continuation slides that cannot be misread: the one-off budget marks only the
one-offs bar; a continuation says what it adds; the asks close the deck."""
from __future__ import annotations

from pathlib import Path

from tests.support.decks import notes, open_deck, shapes_in
from tests.support.projects import copy_example, run

DECK = "product-marketing-2027-Q1.pptx"


def deck_of(root: Path):  # type: ignore[no-untyped-def]
    result = run("build", str(root), "--format", "pptx")
    assert result.exit_code == 0, result.output
    return open_deck((root / "output" / DECK).read_bytes())


def example_deck(example_build: Path):  # type: ignore[no-untyped-def]
    """The example's deck as the session's ``deckgen build`` wrote it."""
    return open_deck((example_build / "output" / DECK).read_bytes())


def test_the_one_off_budget_line_marks_only_the_one_offs_bar(example_build: Path) -> None:
    deck = example_deck(example_build)
    [time] = [s for s in deck.slides if s.shapes.title.text.endswith("of our time")]
    shapes = {shape.name: shape for shape in shapes_in(time.shapes)}
    chart, line, label = shapes["Chart: Share of the team's time"], shapes["Reference line"], shapes["Reference"]
    bars = len(chart.chart.plots[0].categories)
    assert line.height < chart.height / bars  # one bar's band, not the whole plot
    assert line.top + line.height > chart.top + chart.height * (bars - 1) / bars  # the last bar: one-offs
    assert label.text_frame.text == "One-off budget: 10–15%"
    assert line.top <= label.top + label.height / 2 <= line.top + line.height  # labelled on that row


def test_a_continuation_is_titled_for_what_it_holds_and_its_notes_say_what_it_adds(example_build: Path) -> None:
    deck = example_deck(example_build)
    slides = [(s.shapes.title.text, notes(s)) for s in deck.slides]
    charter = next(i for i, (title, _) in enumerate(slides) if title.startswith("What Product Marketing owns"))
    title, said = slides[charter + 1]
    assert title == "Principles · How we work"  # the charter's own sections, not "… owns (cont.)"
    assert said == ("Continued from “What Product Marketing owns, and what it does not”. "
                    "This slide adds: Principles; How we work.")
    first_notes = slides[charter][1]
    for _title, said in slides:
        if said.startswith("Continued from"):
            assert first_notes[:80] not in said  # never the first slide's notes word for word
    results = [(t, n) for t, n in slides if t.startswith("2026-Q4 closed")]
    assert results[1][0].endswith("(cont.)")  # the table goes on: same point, marked continued
    assert results[1][1].endswith("This slide adds: Stand up the competitive programme; What we learned.")


def test_the_asks_close_the_deck_and_their_notes_say_so(example_build: Path) -> None:
    deck = example_deck(example_build)
    last = deck.slides[len(deck.slides) - 1]
    assert last.shapes.title.text == "What we need from you: four asks"
    assert notes(last).startswith("Close on these:")


def test_asks_ordered_before_another_slide_do_not_claim_to_close(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    deck_yaml = root / "content" / "deck.yaml"
    deck_yaml.write_text(deck_yaml.read_text(encoding="utf-8").replace(
        "# slides:\n#   - title\n", "slides: [title, asks, intake]\n# - title\n"), encoding="utf-8")
    deck = deck_of(root)
    [asks] = [s for s in deck.slides if s.shapes.title.text.startswith("What we need from you")]
    assert not notes(asks).startswith("Close on these")
