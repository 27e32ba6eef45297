"""The Jinja environment both outputs render through.

Templates are found along a search path, the user's ``PROJECT/templates`` first, then the built-in
layouts, so a user overrides a layout by file name. Every built-in layout is also reachable as
``builtin/NAME``, so a user's ``slides/okrs.xml`` can ``{% extends "builtin/slides/okrs.xml" %}`` and
replace one block (extending its own name would find itself). Autoescape
is on for every template whatever its name, and content only ever arrives as data, never as
template source.

Compiled templates are kept between runs in the user's cache folder (compiling the layouts is
most of a deck's planning time). Jinja checks each cached template against a checksum of its
source, so an edited layout is compiled again; the folder is named after the Jinja version and
the settings below, so code compiled by another version or under other settings is never read.
Without a writable cache folder, templates are compiled as if there were no cache.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any, Mapping, Optional

import jinja2
from jinja2 import (BytecodeCache, ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader,
                    PrefixLoader, StrictUndefined)
from jinja2.bccache import Bucket

from . import formatting

BUILTIN_PREFIX = "builtin"

#: Everything the environment is configured with but its loader and filters.
SETTINGS: dict[str, Any] = {
    "autoescape": True,
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


def make_environment(project_root: Path, builtin: Path) -> Environment:
    user = project_root / "templates"
    loaders = [FileSystemLoader(str(user))] if user.is_dir() else []
    loaders.append(FileSystemLoader(str(builtin)))
    loaders.append(PrefixLoader({BUILTIN_PREFIX: FileSystemLoader(str(builtin))}))
    env = Environment(loader=ChoiceLoader(loaders), **SETTINGS)
    env.filters.update(formatting.FILTERS)
    env.bytecode_cache = bytecode_cache(env)
    return env


def render(env: Environment, name: str, context: dict[str, Any]) -> str:
    return env.get_template(name).render(**context)


def cache_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """The user's cache folder for deckgen's compiled templates: ``$XDG_CACHE_HOME/deckgen/jinja``,
    ``~/.cache/deckgen/jinja`` when that is unset (or, as the XDG spec says to ignore, relative)."""
    base = environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "deckgen" / "jinja"


def bytecode_cache(env: Environment) -> Optional[BytecodeCache]:
    """The cache of ``env``'s compiled templates, or None when its folder cannot be made."""
    try:
        folder = cache_folder() / _fingerprint(env)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to find ``~/.cache`` in
        return None
    return _OptionalCache(str(folder))


def _fingerprint(env: Environment) -> str:
    """What a compiled template depends on besides its source: Jinja, Python, the settings, and
    the names of the filters and tests (an unknown one is an error at compile time)."""
    key = (jinja2.__version__, sys.implementation.cache_tag, sorted(SETTINGS.items()),
           sorted(env.filters), sorted(env.tests), sorted(env.extensions))
    return hashlib.sha256(repr(key).encode()).hexdigest()[:16]


class _OptionalCache(FileSystemBytecodeCache):
    """Jinja's file cache, where a cache file that cannot be read or written means compiling
    the template, never an error (a read-only or full disk, a folder removed meanwhile)."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass
