"""Where deckgen's own files are: the example project and the built-in layouts.

They live at the top of the repository (``content/``, ``templates/``) so that they read as a deck
project. The wheel ships them inside the package (pyproject's force-include maps them to
``deckgen/_example/content`` and ``deckgen/_templates``); an editable install or a source checkout
has them beside the package. Every caller asks here instead of guessing either layout.
"""
from __future__ import annotations

from pathlib import Path

from .errors import DeckgenError

PACKAGE = Path(__file__).resolve().parent
#: The name deckgen is installed under (pyproject's [project] name; "deckgen" on the package index is
#: another project). The import name and the command stay deckgen.
DISTRIBUTION = "pmm-deckgen"
CHECKOUT = PACKAGE.parent


def installed_version() -> str:
    """deckgen's version as installed, or '(source checkout)' when it runs from a checkout alone."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "(source checkout)"


class MissingResource(DeckgenError, RuntimeError):
    """deckgen's own files are not where an installation puts them: the install is broken."""


def example_content() -> Path:
    """The folder of the example project's content (``deck.yaml``, ``okrs/``, ...)."""
    return _find("example content", PACKAGE / "_example" / "content", CHECKOUT / "content")


def builtin_templates() -> Path:
    """The folder of the built-in Jinja layouts, which a project's ``templates/`` overrides."""
    return _find("built-in templates", PACKAGE / "_templates", CHECKOUT / "templates")


def _find(what: str, installed: Path, checkout: Path) -> Path:
    """The installed copy, else the checkout's; a checkout is recognised by its pyproject.toml.

    Without that test, an unrelated ``site-packages/templates`` folder left by another
    distribution would pass for ours.
    """
    if installed.is_dir():
        return installed
    if checkout.is_dir() and (CHECKOUT / "pyproject.toml").is_file():
        return checkout
    raise MissingResource(
        f"cannot find deckgen's {what} (looked in {installed} and {checkout}); "
        "this installation is incomplete: reinstall deckgen")
