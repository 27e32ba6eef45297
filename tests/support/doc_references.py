"""What the documentation names, checked against the code, so that docs cannot go stale silently.

Markdown (:func:`stale_references`): only code spans and code blocks are read (prose is free to say
anything). In them, a path is looked for where a reader would look (the repository root, the
``deckgen`` package, the built-in ``templates/``, the example ``content/``), a bare file name
anywhere in the repository, ``deckgen.x.y`` as a module, ``module.name`` in every deckgen module
of that name, ``Class.name`` in every deckgen class of that name, a layout's ``variable.name`` in
some class, and ``deckgen COMMAND --option`` against the command line itself.

Docstrings (:func:`stale_roles`): every Sphinx role (``:mod:`.fonts```, ``:func:`write```) must
name a module that exists and a name that module defines.
"""
from __future__ import annotations

import ast
import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[2]
#: Where a path written in the docs may start: the checkout, the package, the built-in layouts, the example.
BASES = (ROOT, ROOT / "deckgen", ROOT / "templates", ROOT / "content")
#: The folders a bare file name (``design.py``) is looked for in.
SEARCHED = ("deckgen", "templates", "content", "tests", "benchmarks", "scripts", "docs")
#: Files the docs name that are made in a user's project, in an output folder or inside a .pptx.
ELSEWHERE = frozenset({"settings.json", "deck.schema.json", "okrs.schema.json", "charter.schema.json",
                       ".deckgen-journal.json", "okrs/2028-Q1.yaml", "slide1.xml", "docProps/core.xml"})
MADE = ("output/", ".schemas/", "product-marketing-")
#: Words before a dot that are no deckgen module: a VS Code setting (``yaml.schemas``), the standard
#: library (``typing.Protocol``), a rule's ``report`` argument (``report.error``), a pyproject table.
OTHER_OWNERS = frozenset({"yaml", "typing", "report", "tool"})

FILE = re.compile(r"^[\w./-]*[\w-]\.(?:py|md|xml|html|jinja|css|yaml|json|toml)$")
DOTTED = re.compile(r"^deckgen(\.[a-z_]+)+$")
ATTRIBUTE = re.compile(r"^([a-z_][a-z0-9_]*|[A-Z][A-Za-z0-9]*)\.([A-Za-z_][A-Za-z0-9_]*)(?:\(.*\))?$")
#: Files of other formats: outputs, pictures and templates, most of them a user's or another project's.
OTHER_FILE = re.compile(r"\.(?:pptx|potx|pptm|ppsx|potm|pdf|png|jpe?g|svg|otp|whl|zip|xlsx)$")
PLACEHOLDER = re.compile(r"(^|/)[A-Z]+\b|^/")  # slides/NAME.xml, or a preview's URL such as /state.json
COMMAND = re.compile(r"(?:^|[\s/`])deckgen((?:[ \t]+[^\s`;&#]+)+)", re.MULTILINE)
ROLE = re.compile(r":(mod|func|data|class|meth|attr|exc):`~?([^`]+)`")


def code_spans(markdown: str) -> list[str]:
    """The text of every fenced code block and inline code span of ``markdown``."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, re.DOTALL | re.MULTILINE)
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", markdown, flags=re.DOTALL | re.MULTILINE)
    return blocks + re.findall(r"`([^`\n]+)`", prose)


def stale_references(markdown: str) -> list[str]:
    """Every reference in ``markdown``'s code to a file, module, member, command or option that
    does not exist, each as a line saying what is missing."""
    problems: list[str] = []
    for span in code_spans(markdown):
        problems += _stale_commands(span)
        for word in re.split(r"[\s,;:()\[\]{}\"'=→]+", span):
            problems += _stale_word(word.rstrip("."))
    return problems


def stale_roles(source: str, path: Path) -> list[str]:
    """Every Sphinx role in ``source``, the text of the deckgen module at ``path``, that names no
    module, or a name the module it points into does not define."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    problems = []
    for role, target in ROLE.findall(source):
        if role == "mod":
            if _module_file(target, package) is None:
                problems.append(f":mod:`{target}` is no module")
        elif not _defines(*_split_target(target, path, package), source if _is_local(target) else None):
            problems.append(f":{role}:`{target}` names nothing defined there")
    return problems


@cache
def layout_variables() -> frozenset[str]:
    """The names every layout sees (the keys of ``plan/context.py``'s dictionary) and a free slide's ``slide``."""
    tree = ast.parse((ROOT / "deckgen" / "plan" / "context.py").read_text(encoding="utf-8"))
    keys = {key.value for node in ast.walk(tree) if isinstance(node, ast.Dict)
            for key in node.keys if isinstance(key, ast.Constant)}
    return frozenset({*keys, "slide"})


# Markdown words --------------------------------------------------------------------------------------
def _stale_word(word: str) -> list[str]:
    if PLACEHOLDER.search(word) or OTHER_FILE.search(word):
        return []
    if FILE.match(word):
        return _stale_file(word)
    if DOTTED.match(word):
        return [] if _defines(*_split_target(word, ROOT / "deckgen", ())) else [f"no module {word}"]
    if match := ATTRIBUTE.match(word):
        return _stale_attribute(match[1], match[2])
    return []


def _stale_file(word: str) -> list[str]:
    name = word.removeprefix("./")
    if {name, name.split("/")[-1]} & ELSEWHERE or name.startswith(MADE):
        return []
    found = any((base / name).exists() for base in BASES) if "/" in name.strip("/") else name in _file_names()
    return [] if found else [f"no file {word}"]


def _stale_attribute(owner: str, name: str) -> list[str]:
    if owner in layout_variables():  # a layout's variable: some model or plan class holds the name
        found = [members for classes in _classes().values() for members in classes]
        return [] if any(name in members for members in found) else [f"no class has the {name} of {owner}.{name}"]
    if owner in OTHER_OWNERS:
        return []
    kind, found = ("class", _classes().get(owner)) if owner[0].isupper() else ("module", _modules().get(owner))
    if found is None:
        return [f"no {kind} {owner}"]
    return [] if any(name in members for members in found) else [f"{kind} {owner} has no {name}"]


# Command lines ---------------------------------------------------------------------------------------
def _stale_commands(span: str) -> list[str]:
    from deckgen.cli import main

    problems = []
    for match in COMMAND.finditer(span):
        words = match[1].replace("\\|", "|").replace("[", " ").replace("]", " ").split()
        command: click.Command = main
        path = ["deckgen"]
        while words and isinstance(command, click.Group) and re.fullmatch(r"[a-z][a-z-]*", words[0]):
            found = command.commands.get(words[0])
            if found is None:
                problems.append(f"no command {' '.join(path)} {words[0]}")
                break
            command, path = found, [*path, words.pop(0)]
        problems += _stale_options(command, " ".join(path), words)
    return problems


def _stale_options(command: click.Command, path: str, words: list[str]) -> list[str]:
    """Options ``command`` does not have, and values a choice option does not take."""
    options = {opt: param for param in command.params if isinstance(param, click.Option)
               for opt in (*param.opts, *param.secondary_opts)}
    problems = []
    for word, following in pairwise([*words, ""]):
        option = word.split("=")[0]
        if not option.startswith("-") or option in ("-h", "--help"):
            continue
        param = options.get(option)
        if param is None:
            problems.append(f"{path} has no option {option}")
        elif isinstance(param.type, click.Choice) and re.fullmatch(r"[a-z|]+", following):
            problems += [f"{path} {option} has no choice {value}" for value in following.split("|")
                         if value not in param.type.choices]
    return problems


# Modules and what they define ------------------------------------------------------------------------
def _is_local(target: str) -> bool:
    return not target.startswith((".", "deckgen."))


def _split_target(target: str, path: Path, package: tuple[str, ...]) -> tuple[Path | None, list[str]]:
    """The module ``target`` points into and the names after it: ``deckgen.cache`` is deckgen/cache.py
    itself, ``.scene.Scene`` is ``Scene`` in the sibling scene.py, and an unqualified
    ``write_atomic`` or ``Box.emu`` is in the module at ``path``."""
    parts = target.split(".")
    if _is_local(target):
        return path, parts
    for cut in range(len(parts), 0, -1):
        module = _module_file(".".join(parts[:cut]), package)
        if module is not None:
            return module, parts[cut:]
    return None, parts


def _defines(module: Path | None, names: list[str], source: str | None = None) -> bool:
    """Whether ``module`` (its text ``source`` when given) defines the first of ``names``."""
    if module is None:
        return False
    return not names or names[0] in _defined(ast.parse(source or module.read_text(encoding="utf-8")))


def _module_file(dotted: str, package: tuple[str, ...]) -> Path | None:
    """The file of module ``dotted`` (absolute, or relative to ``package`` with leading dots)."""
    level = len(dotted) - len(dotted.lstrip("."))
    parts = [*package[:len(package) - level + 1], *dotted.lstrip(".").split(".")] if level else dotted.split(".")
    for candidate in (ROOT.joinpath(*parts).with_suffix(".py"), ROOT.joinpath(*parts, "__init__.py")):
        if candidate.is_file():
            return candidate
    return None


@cache
def _file_names() -> frozenset[str]:
    nested = (path.name for folder in SEARCHED for path in (ROOT / folder).rglob("*"))
    return frozenset([*nested, *(path.name for path in ROOT.iterdir())])


@cache
def _modules() -> dict[str, list[frozenset[str]]]:
    """Each deckgen module's name (its file's stem, or its package's name) and the names it defines."""
    found: dict[str, list[frozenset[str]]] = {}
    for path in (ROOT / "deckgen").rglob("*.py"):
        stem = path.parent.name if path.name == "__init__.py" else path.stem
        found.setdefault(stem, []).append(_defined(ast.parse(path.read_text(encoding="utf-8"))))
    return found


@cache
def _classes() -> dict[str, list[frozenset[str]]]:
    """Each deckgen class's name and the names defined in its body (fields, methods, ``self.x``)."""
    found: dict[str, list[frozenset[str]]] = {}
    for path in (ROOT / "deckgen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                found.setdefault(node.name, []).append(_defined(node))
    return found


def _defined(tree: ast.AST) -> frozenset[str]:
    """Every name ``tree`` defines at any depth: functions, classes, assignments, imports, attributes set."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return frozenset(names)
