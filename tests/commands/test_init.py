"""`deckgen init`: a new project is the complete example, checks clean, and never overwrites."""
from __future__ import annotations

import importlib.util
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deckgen.cli import main
from deckgen.commands import init as init_module
from deckgen.commands.common import check_project
from deckgen.load.project import MARKDOWN_FILES, YAML_FILES
from deckgen.resources import builtin_templates, example_content

ROOT = Path(__file__).resolve().parents[2]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _init(target: Path) -> Result:
    return CliRunner().invoke(main, ["init", str(target)])


def test_init_then_check_passes(tmp_path: Path) -> None:
    target = tmp_path / "decks" / "pmm"
    result = _init(target)
    assert result.exit_code == 0, result.output
    assert f"cd {target} && deckgen check && deckgen build" in result.output

    checked = CliRunner().invoke(main, ["check", str(target), "--strict"])
    assert checked.exit_code == 0, checked.output
    assert check_project(target).project is not None


def test_scaffold_holds_every_file_of_the_format(tmp_path: Path) -> None:
    target = tmp_path / "deck"
    assert _init(target).exit_code == 0

    content = target / "content"
    assert _files(content) == _files(example_content())
    for name in [*YAML_FILES, *MARKDOWN_FILES]:
        assert (content / name).is_file(), name
    for folder, suffix in (("okrs", ".yaml"), ("slides", ".md"), ("images", ".png")):
        assert any(p.suffix == suffix for p in (content / folder).iterdir()), folder
    assert (target / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "output/"
    assert [p.name for p in (target / "templates").iterdir()] == ["README.md"]
    assert "same name" in (target / "templates" / "README.md").read_text(encoding="utf-8")
    assert not [p for p in target.iterdir() if p.name.startswith(".deckgen-init")]


def test_templates_readme_lists_the_builtin_layouts(tmp_path: Path) -> None:
    assert _init(tmp_path / "deck").exit_code == 0
    readme = (tmp_path / "deck" / "templates" / "README.md").read_text(encoding="utf-8")
    layouts = [p.relative_to(builtin_templates()).as_posix()
               for p in builtin_templates().rglob("*") if p.is_file() and "README" not in p.name]
    for name in layouts:
        assert f"- `{name}`" in readme


def test_init_fills_an_existing_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    result = _init(target)
    assert result.exit_code == 0, result.output
    assert (target / "content" / "deck.yaml").is_file()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")

    result = _init(target)

    assert result.exit_code == 1
    assert f"'{target}' is not empty" in result.output
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert (target / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_init_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "deck"
    target.write_text("x", encoding="utf-8")
    result = _init(target)
    assert result.exit_code == 1
    assert "is not a folder" in result.output
    assert target.read_text(encoding="utf-8") == "x"


def _fail_on_call(number: int, real):  # type: ignore[no-untyped-def]
    """``real``, except that its call ``number`` (1-based) fails as a full disk would."""
    calls = []

    def wrapper(*args):  # type: ignore[no-untyped-def]
        calls.append(args)
        if len(calls) == number:
            raise OSError(28, "No space left on device")
        return real(*args)
    return wrapper


@pytest.mark.parametrize("existed", [False, True])
@pytest.mark.parametrize("step", ["copying the content", "moving the parts into place"])
def test_a_failed_init_leaves_the_folder_as_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existed: bool, step: str) -> None:
    target = tmp_path / "deck"
    if existed:
        target.mkdir()
    if step == "copying the content":
        monkeypatch.setattr(init_module.shutil, "copyfile", _fail_on_call(4, shutil.copyfile))
    else:
        monkeypatch.setattr(Path, "rename", _fail_on_call(2, Path.rename))

    result = _init(target)

    assert result.exit_code == 1
    assert f"cannot create the project in '{target}': No space left on device" in result.output
    assert (list(target.iterdir()) == []) if existed else not target.exists()


def test_copies_are_writable_when_the_installed_example_is_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example = tmp_path / "site" / "content"
    (example / "okrs").mkdir(parents=True)
    (example / "okrs" / "2027-Q1.yaml").write_text("quarter: 2027-Q1\n", encoding="utf-8")
    for path in (example / "okrs" / "2027-Q1.yaml", example / "okrs", example):
        path.chmod(0o555 if path.is_dir() else 0o444)
    monkeypatch.setattr(init_module, "example_content", lambda: example)
    try:
        assert _init(tmp_path / "deck").exit_code == 0
    finally:
        for path in (example, example / "okrs"):
            path.chmod(0o755)
    copy = tmp_path / "deck" / "content" / "okrs"
    assert copy.stat().st_mode & stat.S_IWUSR
    assert (copy / "2027-Q1.yaml").stat().st_mode & stat.S_IWUSR


def test_the_example_resolves_to_a_complete_project() -> None:
    checked = check_project(example_content().parent)
    assert checked.project is not None, [str(d) for d in checked.reporter.sorted()]
    assert not checked.reporter.errors
    assert builtin_templates().is_dir()


@pytest.mark.slow  # builds a wheel
@pytest.mark.skipif(importlib.util.find_spec("hatchling") is None, reason="needs hatchling")
def test_the_wheel_ships_the_example_and_the_templates(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True, cwd=tmp_path, capture_output=True)
    (wheel,) = tmp_path.glob("pmm_deckgen-*.whl")  # the distribution name; the package is deckgen
    names = set(zipfile.ZipFile(wheel).namelist())

    example = {f"deckgen/_example/content/{name}" for name in _files(example_content())}
    assert example <= names
    templates = {f"deckgen/_templates/{p.relative_to(ROOT / 'templates').as_posix()}"
                 for p in (ROOT / "templates").rglob("*") if p.is_file()}
    assert templates <= names
    assert "deckgen/resources.py" in names
