"""The Jinja environment both outputs render through.

Templates are found along a search path, the user's ``PROJECT/templates`` first, then the built-in
layouts, so a user overrides a layout by file name. Every built-in layout is also reachable as
``builtin/NAME``, so a user's ``slides/okrs.xml`` can ``{% extends "builtin/slides/okrs.xml" %}`` and
replace one block (extending its own name would find itself). Autoescape
is on for every template whatever its name, and content only ever arrives as data, never as
template source.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined

from . import formatting

BUILTIN_PREFIX = "builtin"


def make_environment(project_root: Path, builtin: Path) -> Environment:
    user = project_root / "templates"
    loaders = [FileSystemLoader(str(user))] if user.is_dir() else []
    loaders.append(FileSystemLoader(str(builtin)))
    loaders.append(PrefixLoader({BUILTIN_PREFIX: FileSystemLoader(str(builtin))}))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(formatting.FILTERS)
    return env


def render(env: Environment, name: str, context: dict[str, Any]) -> str:
    return env.get_template(name).render(**context)
