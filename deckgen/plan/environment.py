"""The Jinja environment both outputs render through, and the sandbox it runs in.

Templates are found along a search path, the user's ``PROJECT/templates`` first, then the built-in
layouts, so a user overrides a layout by file name. Every built-in layout is also reachable as
``builtin/NAME``, so a user's ``slides/okrs.xml`` can ``{% extends "builtin/slides/okrs.xml" %}`` and
replace one block (extending its own name would find itself). Autoescape
is on for every template whatever its name, and content only ever arrives as data, never as
template source.

A project's layouts are untrusted: opening a deck project someone sent you must never run code or
read files outside it. So layouts render in Jinja's immutable sandbox with only the globals and
filters the docs list (no ``cycler``, ``joiner`` or ``lipsum`` whose functions lead to Python's
internals, no ``format``), no attribute of a path (``project.root.read_text()``), templates read
only from inside the project's or deckgen's own templates folder (a link leading elsewhere is an
error, never followed), and bounded work: every loop step, call and operation counts against one
budget per render, ranges and values have a size cap, and so has the output. Exceeding any of
them is a :class:`LayoutLimit`, reported at the layout's line like any other layout mistake.

Compiled templates are kept between runs in the user's cache folder (compiling the layouts is
most of a deck's planning time). Jinja checks each cached template against a checksum of its
source, so an edited layout is compiled again; the folder is named after the Jinja version and
the settings below, so code compiled by another version or under other settings is never read.
Without a writable cache folder, templates are compiled as if there were no cache.
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
import types
from pathlib import Path, PurePath
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional

import jinja2
from jinja2 import (BytecodeCache, ChoiceLoader, Environment, FileSystemLoader,
                    PrefixLoader, StrictUndefined, Template, TemplateNotFound, Undefined, nodes)
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

from .. import cache
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

#: Bumped whenever the rewriting of templates below changes, so that no cached code compiled
#: under the old rules is ever read.
SANDBOX_VERSION = 1
MAX_STEPS = 1_000_000  # loop steps, calls and operations in one render (the page takes ~2,000)
MAX_SECONDS = 10.0  # and the time they may take (a macro call is costly: 1,000,000 take seconds)
MAX_RANGE = 100_000  # items in one range()
MAX_VALUE = 10_000_000  # characters (or items) in a value a layout computes
MAX_OUTPUT = 128_000_000  # characters one render writes (pictures arrive as data: addresses)
MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_BITS = 4096  # a whole number a layout computes (10**1000 is far beyond any figure a deck shows)

#: Jinja's own filters a layout may use: the documented ones, and the plain ones around them.
#: Left out: ``format`` (a width is a memory bomb), ``center``/``indent`` (the same), ``pprint``,
#: ``xmlattr``, ``urlize``, ``filesizeformat``, ``tojson`` and the ``attr`` family's cousins.
JINJA_FILTERS = ("abs", "attr", "batch", "capitalize", "count", "d", "default", "dictsort", "e", "escape",
                 "first", "float", "forceescape", "groupby", "int", "items", "join", "last", "length",
                 "list", "lower", "map", "max", "min", "reject", "rejectattr", "replace", "reverse", "round",
                 "safe", "select", "selectattr", "slice", "sort", "string", "striptags", "sum", "title",
                 "trim", "truncate", "unique", "upper", "wordcount", "wordwrap")

STEP = "deckgen step"  # a filter name no template can write: the rewriting below inserts it


class LayoutLimit(SecurityError):
    """A layout asked for more than a deck can use (a huge range, value or output, endless work).

    ``filename`` is the layout rendered when no line of a layout is to blame (its whole output).
    """

    filename: Optional[str] = None


class UnsafeTemplate(jinja2.TemplateError):
    """A template file that must not be read: a link leading out of its folder, not a regular file,
    or too big. ``shown`` is the path the user wrote (``templates/page/x.html``)."""

    def __init__(self, message: str, filename: str) -> None:
        super().__init__(message)
        self.reason, self.filename = message, filename


def make_environment(project_root: Path, builtin: Path) -> Environment:
    """The sandboxed environment of a project's layouts: its ``templates/`` first, then deckgen's."""
    user = project_root / "templates"
    loaders: list[jinja2.BaseLoader] = []
    if user.is_dir():
        loaders.append(ConfinedLoader(user, project_root))
    loaders.append(ConfinedLoader(builtin, builtin))
    loaders.append(PrefixLoader({BUILTIN_PREFIX: ConfinedLoader(builtin, builtin)}))
    env = DeckEnvironment(loader=ChoiceLoader(loaders), **SETTINGS)
    env.add_filters(formatting.FILTERS)
    env.bytecode_cache = bytecode_cache(env)
    return env


def render(env: Environment, name: str, context: dict[str, Any]) -> str:
    return env.get_template(name).render(**context)


class ConfinedLoader(FileSystemLoader):
    """Templates from one folder, read only when they really are inside ``boundary``.

    Jinja's own loader follows links wherever they lead and opens whatever is there; this one
    resolves the path first and refuses a link out of the boundary, a FIFO or device (which would
    block or never end) and a file too big to be a layout.
    """

    def __init__(self, folder: Path, boundary: Path) -> None:
        super().__init__(str(folder))
        self.folder, self.boundary = folder, boundary.resolve()

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        if not os.path.lexists(path):
            raise TemplateNotFound(template)
        try:
            real = path.resolve(strict=True)
            if not real.is_relative_to(self.boundary):
                raise UnsafeTemplate("this layout is a link to a file outside the project; a layout "
                                     "is read only from the project's own templates/ folder", str(path))
            info = real.stat()
            if stat.S_ISDIR(info.st_mode):
                raise TemplateNotFound(template)
            if not stat.S_ISREG(info.st_mode):
                raise UnsafeTemplate("this layout is not a regular file (a FIFO or a device?)", str(path))
            if info.st_size > MAX_TEMPLATE_BYTES:
                raise UnsafeTemplate(f"this layout is {info.st_size / 2**20:.1f} MiB; a layout is at most "
                                     f"{MAX_TEMPLATE_BYTES // 2**20} MiB", str(path))
            contents = real.read_bytes().decode("utf-8")
        except RuntimeError:  # what Python 3.11 raises for a loop of links
            raise UnsafeTemplate("this layout is a link in a loop of links", str(path)) from None
        except OSError as exc:
            raise UnsafeTemplate(f"cannot read this layout: {exc.strerror or exc}", str(path)) from None
        except UnicodeDecodeError:
            raise UnsafeTemplate("this layout is not UTF-8 text; save it as UTF-8", str(path)) from None
        mtime = info.st_mtime

        def uptodate() -> bool:
            try:
                return os.stat(real).st_mtime == mtime
            except OSError:
                return False

        return contents, os.path.normpath(path), uptodate


class _BudgetParser(Parser):
    """Jinja's parser, making every ``for`` loop count its steps and every ``~`` check its size,
    through the ``STEP`` filter, as it builds them (no second walk over the whole tree): the
    sandbox sees calls and attributes, but not a loop with an empty body."""

    def parse_for(self) -> nodes.For:
        node = super().parse_for()
        node.iter = _stepped(node.iter)
        return node

    def parse_concat(self) -> nodes.Expr:
        node = super().parse_concat()
        return _stepped(node) if isinstance(node, nodes.Concat) else node


def _stepped(node: nodes.Node) -> nodes.Filter:
    return nodes.Filter(node, STEP, [], [], None, None, lineno=node.lineno)


class _BoundedTemplate(Template):
    """A template whose every render starts a fresh budget of work."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        self.environment.start()  # type: ignore[attr-defined]  # always a DeckEnvironment
        try:
            return super().render(*args, **kwargs)
        except LayoutLimit as limit:
            limit.filename = limit.filename or self.filename
            raise

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        self.environment.start()  # type: ignore[attr-defined]  # always a DeckEnvironment
        yield from super().generate(*args, **kwargs)


class DeckEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, narrowed to what deckgen documents and bounded in work and size."""

    template_class = _BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._judged: dict[tuple[type, str], bool] = {}
        self.start()
        self.globals.clear()
        self.globals.update({"range": self.bounded_range, "dict": dict, "namespace": Namespace})
        jinja_filters = {name: self.filters[name] for name in JINJA_FILTERS}
        self.filters.clear()
        self.add_filters(jinja_filters)
        self.filters[STEP] = self._step_filter

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        """Make ``filters`` available to layouts, each counted and bounded like Jinja's own."""
        self.filters.update({name: self._counted(function) for name, function in filters.items()})

    def _parse(self, source: str, name: Optional[str], filename: Optional[str]) -> nodes.Template:
        return _BudgetParser(self, source, name, filename).parse()

    # What a layout may reach --------------------------------------------------------------------
    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """No attribute of a path (it reads and writes files), a class or a module; no
        ``str.format`` (a width in its format is a memory bomb). The rest as the sandbox says.

        Every rule here and in Jinja's sandbox looks only at the object's type and the name, so
        each pair is judged once (a deck's layouts read tens of thousands of attributes)."""
        key = (type(obj), attr)
        safe = self._judged.get(key)
        if safe is None:
            safe = self._judged[key] = self._judge_attribute(obj, attr, value)
        return safe

    def _judge_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, (PurePath, type, types.ModuleType)):
            return False
        if isinstance(obj, str) and attr in ("format", "format_map"):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """An undefined name says so, rather than that its attributes are unsafe."""
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> None:
        return None  # ``str.format`` is refused in is_safe_attribute instead of being sandboxed

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.step()
        _check_arguments(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(__obj, types.BuiltinMethodType):  # str.replace and the like: layout-made values
            __self.bounded(result)
        return result

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        self.step()
        if operator_name == "%" and isinstance(left, str):
            raise LayoutLimit("'%' formatting of text is not available in layouts; use '~' to join text")
        if operator_name == "**" and isinstance(right, (int, float)) and (
                abs(right) > 64 or isinstance(left, int) and left.bit_length() * abs(right) > MAX_BITS):
            raise LayoutLimit(f"the power {right} is too big for a layout")
        if operator_name == "*":
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_BITS:
                raise LayoutLimit("this product is too big a number for a layout")
            for sized, times in ((left, right), (right, left)):
                if hasattr(sized, "__len__") and isinstance(times, int) and len(sized) * times > MAX_VALUE:
                    raise LayoutLimit(f"repeating a value {times} times makes it too big for a layout")
        return self.bounded(self.binop_table[operator_name](left, right))

    # Bounds --------------------------------------------------------------------------------------
    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS or (self.steps % 1024 == 0 and time.monotonic() > self.deadline):
            raise LayoutLimit(f"the layout does more work than a deck needs (over {MAX_STEPS:,} steps or "
                              f"{MAX_SECONDS:.0f} seconds: a loop that never ends, or loops inside loops?)")

    def start(self) -> None:
        """A fresh budget, for one render."""
        self.steps, self.deadline = 0, time.monotonic() + MAX_SECONDS

    @staticmethod
    def bounded(value: Any) -> Any:
        if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_VALUE:
            raise LayoutLimit(f"the layout makes a value of more than {MAX_VALUE:,} characters or items")
        return value

    def bounded_range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise LayoutLimit(f"range of {len(numbers):,} numbers; a layout's range has at most {MAX_RANGE:,}")
        return numbers

    def _step_filter(self, value: Any) -> Any:
        """A loop's items, each counted, or a joined text, checked for size."""
        if isinstance(value, str):
            return self.bounded(value)
        return self._stepped(value)

    def _stepped(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            self.step()
            yield item

    def _counted(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """A Jinja filter that counts as a step, refuses arguments that would blow up its result
        (``replace``, ``join``) and checks the size of what it returns."""
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.step()
            _check_arguments(function, args, kwargs)
            return self.bounded(function(*args, **kwargs))

        for marker in ("jinja_pass_arg",):  # keep Jinja's marker of what the filter is passed
            if hasattr(function, marker):
                setattr(counted, marker, getattr(function, marker))
        counted.__name__ = getattr(function, "__name__", "filter")
        return counted

    def concat(self, chunks: Iterable[str]) -> str:
        """Output joined (a render's, a macro's, a ``{% set %}`` block's), refused once it passes
        ``MAX_OUTPUT`` characters."""
        out: list[str] = []
        append, step, size = out.append, self.step, 0  # a render joins some 15,000 chunks
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise LayoutLimit(f"the layout writes more than {MAX_OUTPUT:,} characters")
            step()
            append(chunk)
        return "".join(out)


def _check_arguments(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse the arguments of a replace or a join whose result would pass ``MAX_VALUE``, and any
    number too big to be a width, a count or a length of something a layout makes."""
    owner = getattr(function, "__self__", None) if isinstance(function, types.BuiltinMethodType) else None
    values = [*([owner] if isinstance(owner, str) else []), *args, *kwargs.values()]
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE:
            raise LayoutLimit(f"the number {value} is too big for a layout")
    name = getattr(function, "__name__", "")
    if "replace" in name:
        strings = [len(v) for v in values if isinstance(v, str)]
        if len(strings) >= 3 and max(strings[0], 1) * max(strings[2], 1) > MAX_VALUE:
            raise LayoutLimit("this replace could make a value too big for a layout")
    if "join" in name:
        sized = [v for v in values if hasattr(v, "__len__")]
        if len(sized) >= 2 and len(sized[0]) * len(sized[1]) > MAX_VALUE:
            raise LayoutLimit("this join could make a value too big for a layout")


def bytecode_cache(env: Environment) -> Optional[BytecodeCache]:
    """The cache of ``env``'s compiled templates, or None when its folder cannot be made."""
    kind = f"jinja/{_fingerprint(env)}"
    try:
        cache.folder(kind).mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to find ``~/.cache`` in
        return None
    return _CompiledLayouts(kind)


def _fingerprint(env: Environment) -> str:
    """What a compiled template depends on besides its source: Jinja, Python, the settings, the
    names of the filters and tests (an unknown one is an error at compile time), and the sandbox's
    rewriting of loops and joins."""
    key = (jinja2.__version__, sys.implementation.cache_tag, sorted(SETTINGS.items()),
           sorted(env.filters), sorted(env.tests), sorted(env.extensions), type(env).__qualname__,
           SANDBOX_VERSION)
    return hashlib.sha256(repr(key).encode()).hexdigest()[:16]


class _CompiledLayouts(BytecodeCache):
    """Compiled templates kept as entries of the cache folder (:mod:`deckgen.cache`): written
    atomically and checked against their digest, so a file that cannot be read or written, or a
    damaged one, means compiling the template, never an error or a wrong slide. Jinja checks the
    rest: its format's version and the template source's checksum."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = cache.read(self.kind, bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket: Bucket) -> None:
        cache.write(self.kind, bucket.key, bucket.bytecode_to_string())
