"""Pictures and the brand template: relative to the file naming them, inside the project, present."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from deckgen.commands.common import check_project
from tests.support.checking import at, diagnostics, lines_with, only

MAP = "images/positioning-map.png"


@pytest.mark.parametrize("reference, message", [
    ("images/nope.png", "file 'images/nope.png' not found"),
    ("../../outside.png", "path '../../outside.png' leads outside the project folder"),
    ("https://example.com/a.png", "'https://example.com/a.png': pictures must be files inside the project, "
                                  "named by a relative path"),
    ("/etc/hostname", "'/etc/hostname': pictures must be files inside the project, named by a relative path"),
])
def test_a_picture_in_markdown(example_project: Path, edit, reference: str, message: str) -> None:
    edit("strategy.md", MAP, reference)
    only(example_project, f"{at(example_project, 'strategy.md', reference)}: error: {message}")


def test_a_picture_in_a_later_section_names_its_own_line(example_project: Path, edit) -> None:
    edit("strategy.md", "- Tier 3 launch assets", "![Gone](images/gone.png)\n- Tier 3 launch assets")
    only(example_project, f"{at(example_project, 'strategy.md', 'images/gone.png')}: error: file 'images/gone.png' "
                          "not found")


def test_a_picture_is_relative_to_its_file(example_project: Path, edit) -> None:
    edit("slides/launch-calendar.md", "Tier 1 gets", f"![Map](../{MAP})\n\nTier 1 gets")
    edit("wins.md", "- **First analyst briefing", f"- ![Map]({MAP}) **First analyst briefing")
    checked = check_project(example_project)
    assert [str(d) for d in checked.reporter.diagnostics] == []
    assert checked.project is not None
    data = (example_project / "content" / MAP).read_bytes()
    assert checked.project.asset("content/slides/launch-calendar.md", f"../{MAP}") == data
    assert checked.project.asset("content/wins.md", MAP) == data


def test_a_photo_that_is_missing(example_project: Path, edit) -> None:
    edit("team.yaml", "    role: Director, Product Marketing\n",
         "    role: Director, Product Marketing\n    photo: images/maya.jpg\n")
    line = lines_with(example_project, "team.yaml", "photo: images/maya.jpg")[0]
    only(example_project, f"content/team.yaml:{line}:12: error: file 'images/maya.jpg' not found")


@pytest.mark.parametrize("template, message", [
    ("brand/deck.docx", "template 'brand/deck.docx' must be a .pptx or .potx file"),
    ("brand/deck.potx", "file 'brand/deck.potx' not found"),
    ("../../brand.pptx", "path '../../brand.pptx' leads outside the project folder"),
])
def test_a_brand_template(example_project: Path, edit, template: str, message: str) -> None:
    edit("deck.yaml", "# template: brand/northwind-2027.potx", f"template: {template}")
    line = lines_with(example_project, "deck.yaml", f"template: {template}")[0]
    only(example_project, f"content/deck.yaml:{line}:11: error: {message}")


# Pictures are opened and decoded at check, not found broken on a slide after a clean check -------
def _picture(kind: str, size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.radial_gradient("L").resize(size).convert("RGB").save(out, kind)
    return out.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"PNG, honestly", "picture 'images/positioning-map.png' is not a picture deckgen can read (damaged, or "
                       "not PNG, JPEG or GIF): export it again as PNG or JPEG"),
    (b"", "picture 'images/positioning-map.png' is not a picture deckgen can read (damaged, or not PNG, JPEG "
          "or GIF): export it again as PNG or JPEG"),
    (_picture("JPEG", (400, 300))[:-400], "picture 'images/positioning-map.png' is damaged: its pixels cannot be decoded; "
                             "export it again as PNG or JPEG"),
    (_picture("BMP"), "picture 'images/positioning-map.png' is a BMP file; decks and pages show PNG, JPEG and "
                      "GIF: save it as PNG or JPEG"),
    (b"huge", "picture 'images/positioning-map.png' is 8000×6000 pixels, more than "
                                    "deckgen reads (40 megapixels): scale it down"),
])
def test_a_picture_that_cannot_be_shown_is_an_error_at_check(example_project: Path, data: bytes,
                                                             message: str) -> None:
    if data == b"huge":  # made here, not at collection: a 48-megapixel picture, in one bit per pixel
        from PIL import Image

        out = io.BytesIO()
        Image.new("1", (8000, 6000)).save(out, "PNG")
        data = out.getvalue()
    (example_project / "content" / MAP).write_bytes(data)
    only(example_project, f"{at(example_project, 'strategy.md', MAP)}: error: {message}")


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "GIF"])
def test_pictures_both_outputs_show_pass(example_project: Path, kind: str) -> None:
    (example_project / "content" / MAP).write_bytes(_picture(kind))
    assert diagnostics(example_project) == []


def test_a_picture_found_fine_is_not_decoded_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from deckgen.model import images
    from tests.support.projects import EXAMPLE

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = (EXAMPLE / MAP).read_bytes()
    assert images.picture_problem(MAP, data) is None

    def decode(*_: object) -> None:
        raise AssertionError("decoded again")
    monkeypatch.setattr(images, "_problem", decode)
    assert images.picture_problem("elsewhere.png", data) is None


def test_a_damaged_picture_is_decoded_and_reported_every_time(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from deckgen.model import images
    from tests.support.projects import EXAMPLE

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cut = (EXAMPLE / MAP).read_bytes()[:400]
    for _ in range(2):
        assert "damaged" in (images.picture_problem(MAP, cut) or "")


def test_a_picture_without_alternative_text_is_a_warning_at_its_place(example_project: Path, edit) -> None:
    written = "![](images/positioning-map.png)"
    edit("strategy.md", "![Positioning map: Northwind against Stratapoint and Glasshouse on governance and ease "
                        "of use](images/positioning-map.png)", written)
    only(example_project, f"{at(example_project, 'strategy.md', written)}: warning: picture '{written}' has no "
                          "alternative text: write what it shows between the brackets, for screen readers and "
                          "PowerPoint's Accessibility Checker (the deck marks it decorative)")
