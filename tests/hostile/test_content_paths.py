"""Hostile projects, part two: content files and folders that lead outside the project or never end.

Every content path, the content files themselves included, must resolve inside the project: a link
to a file outside (even one holding valid content), a device, a FIFO, a loop of links or an
unreadable folder is one error naming the path the user wrote, with the line of the reference when
a file names it. Never a traceback, never a hang, never the outside file's text in the outputs.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support.checking import at, diagnostics
from tests.support.limits import within
from tests.support.projects import run

FILES = ["deck.yaml", "company.yaml", "big-rocks.yaml", "team.yaml", "intake.yaml", "charter.md", "strategy.md",
         "wins.md", "asks.md", "okrs/2027-Q1.yaml", "slides/launch-calendar.md"]
FOLDERS = ["okrs", "slides"]
SECRET = "deckgen-secret-text"


def checked(root: Path) -> list[str]:
    with within(30):
        found = diagnostics(root)
    assert not any("Traceback" in line for line in found)
    assert not any(SECRET in line or "root:" in line for line in found)
    return found


def replace_with_link(path: Path, target: Path | str) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
    path.symlink_to(target)


def outside_copy(example_project: Path, name: str) -> Path:
    """A copy of a content file or folder outside the project, with a secret added that must not leak."""
    source = example_project / "content" / name
    copy = example_project.parent / "elsewhere" / name
    copy.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, copy)
    else:
        text = source.read_text(encoding="utf-8")
        copy.write_text(text + (f"\n# {SECRET}\n" if name.endswith(".yaml") else f"\n{SECRET}\n"), encoding="utf-8")
    return copy


@pytest.mark.parametrize("name", FILES)
def test_a_content_file_linked_outside_the_project_is_refused(example_project: Path, name: str) -> None:
    replace_with_link(example_project / "content" / name, outside_copy(example_project, name))
    assert checked(example_project) == [f"content/{name}: error: file is a link to outside the project folder; "
                                        "a project reads only its own files"]


@pytest.mark.parametrize("name", ["strategy.md", "deck.yaml"])
def test_a_content_file_linked_to_etc_passwd_leaks_nothing(example_project: Path, name: str) -> None:
    replace_with_link(example_project / "content" / name, "/etc/passwd")
    result = run("build", str(example_project))
    assert result.exit_code == 1 and "Traceback" not in result.output and "root:" not in result.output
    assert f"content/{name}: error: file is a link to outside the project folder" in result.output
    assert not (example_project / "output").exists()


@pytest.mark.parametrize("name", FOLDERS)
def test_a_content_folder_linked_outside_the_project_is_refused(example_project: Path, name: str) -> None:
    replace_with_link(example_project / "content" / name, outside_copy(example_project, name))
    found = checked(example_project)
    assert f"content/{name}: error: folder is a link to outside the project folder; a project reads only its " \
           "own files" in found


def test_the_content_folder_linked_outside_the_project_is_refused(example_project: Path) -> None:
    outside = example_project.parent / "elsewhere-content"
    shutil.move(example_project / "content", outside)
    (example_project / "content").symlink_to(outside)
    assert checked(example_project) == ["content: error: folder is a link to outside the project folder; "
                                        "a project reads only its own files"]


@pytest.mark.parametrize("name", FILES)
def test_a_content_file_linked_to_a_device_is_refused_without_reading(example_project: Path, name: str) -> None:
    replace_with_link(example_project / "content" / name, "/dev/zero")
    found = checked(example_project)
    assert f"content/{name}: error: file is a link to outside the project folder; a project reads only its " \
           "own files" in found


@pytest.mark.parametrize("name", FILES)
def test_a_content_file_that_is_a_fifo_is_refused_without_blocking(example_project: Path, name: str) -> None:
    path = example_project / "content" / name
    path.unlink()
    os.mkfifo(path)
    assert checked(example_project) == [f"content/{name}: error: file is not a regular file (a FIFO, a device or "
                                        "a socket); it cannot be read"]


@pytest.mark.parametrize("name", FILES)
def test_a_content_file_in_a_loop_of_links_is_an_error(example_project: Path, name: str) -> None:
    path = example_project / "content" / name
    replace_with_link(path, path.name)
    found = checked(example_project)
    assert found == [f"content/{name}: error: file is a link in a loop of links; it leads nowhere"]


@pytest.mark.parametrize("name", FOLDERS)
def test_a_content_folder_in_a_loop_of_links_is_an_error(example_project: Path, name: str) -> None:
    path = example_project / "content" / name
    replace_with_link(path, path.name)
    assert f"content/{name}: error: folder is a link in a loop of links; it leads nowhere" in checked(example_project)


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root")
@pytest.mark.parametrize("name", FOLDERS)
def test_an_unreadable_content_folder_is_an_error(example_project: Path, name: str) -> None:
    folder = example_project / "content" / name
    folder.chmod(0)
    try:
        assert f"content/{name}: error: cannot read folder: Permission denied" in checked(example_project)
    finally:
        folder.chmod(0o755)


PICTURE = "images/positioning-map.png"


@pytest.mark.parametrize("target, message", [
    ("/etc/passwd", "is a link to outside the project folder; a project reads only its own files"),
    ("/dev/zero", "is a link to outside the project folder; a project reads only its own files"),
    ("leak.png", "is a link in a loop of links; it leads nowhere"),
    ("gone.png", "is a link to a file that does not exist"),
])
def test_a_picture_linked_outside_names_the_reference_line(example_project: Path, edit, target: str,
                                                            message: str) -> None:
    edit("strategy.md", PICTURE, "images/leak.png")
    (example_project / "content" / "images" / "leak.png").symlink_to(target)
    place = at(example_project, "strategy.md", "images/leak.png")
    assert checked(example_project) == [f"{place}: error: 'content/images/leak.png' {message}"]


def test_a_picture_that_is_a_fifo_names_the_reference_line(example_project: Path, edit) -> None:
    edit("strategy.md", PICTURE, "images/pipe.png")
    os.mkfifo(example_project / "content" / "images" / "pipe.png")
    place = at(example_project, "strategy.md", "images/pipe.png")
    assert checked(example_project) == [f"{place}: error: 'content/images/pipe.png' is not a "
                                        "regular file (a FIFO, a device or a socket); it cannot be read"]


def test_a_picture_too_big_names_the_link_the_user_wrote_in_mib(example_project: Path, edit) -> None:
    big = example_project / "big.png"
    with big.open("wb") as handle:
        handle.truncate(26 * 2**20)
    edit("strategy.md", PICTURE, "images/big.png")
    (example_project / "content" / "images" / "big.png").symlink_to(big)
    place = at(example_project, "strategy.md", "images/big.png")
    assert checked(example_project) == [f"{place}: error: 'content/images/big.png' is 26.0 MiB; "
                                        "the limit is 25 MiB"]


def test_a_link_inside_the_project_is_followed(example_project: Path) -> None:
    wins = example_project / "content" / "wins.md"
    shutil.move(wins, example_project / "shared-wins.md")
    wins.symlink_to(example_project / "shared-wins.md")
    assert checked(example_project) == []
