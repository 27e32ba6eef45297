"""The mutated-content campaign: every content file broken every way a real or hostile project
breaks it, each case run through `deckgen check` and `deckgen build` in a forked child with a
time limit, and judged by what deckgen promises.

A case *holds* when both commands exit 0, 1 or 2 without a traceback, within the time limit,
leaking nothing from outside the project, and `build` passes whenever `check` passed. Running in a
child keeps a hang (a FIFO, an endless loop) or a memory blow-up (``/dev/zero``) from taking the
test run down with it: the child is killed and the case counted as failed.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import re
import resource
import shutil
import signal
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from click.testing import CliRunner

from deckgen.cli import main

YAML_FILES = ["deck.yaml", "company.yaml", "big-rocks.yaml", "team.yaml", "intake.yaml", "okrs/2027-Q1.yaml",
              "okrs/2026-Q4.yaml"]
MARKDOWN_FILES = ["charter.md", "strategy.md", "wins.md", "asks.md", "slides/launch-calendar.md"]
FILES = YAML_FILES + MARKDOWN_FILES
PICTURE = "images/positioning-map.png"
LEAK = b"root:x:0:0"
TIMEOUT = float(os.environ.get("DECKGEN_CAMPAIGN_TIMEOUT", "60"))
MEMORY = 3 * 2**30  # a child may use this much address space; /dev/zero read whole would pass it

Mutation = Callable[[Path], None]


@dataclass(frozen=True)
class Outcome:
    """How one case went: ``problem`` is None when it held, else what failed."""

    check: Optional[int]
    build: Optional[int]
    problem: Optional[str]
    output: str = ""


# Running -------------------------------------------------------------------------------------
def run_case(root: Path) -> Outcome:
    """`deckgen check`, then `deckgen build` (pptx and html), on ``root`` in a forked child."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child reports through the pipe)
        os.close(read)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
            report = _commands(root)
        except BaseException as exc:  # anything escaping is the finding
            report = {"check": None, "build": None, "problem": f"harness: {type(exc).__name__}: {exc}"}
        with os.fdopen(write, "w", encoding="utf-8") as pipe:
            pipe.write(json.dumps(report))
        os._exit(0)
    os.close(write)
    signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        with os.fdopen(read, "r", encoding="utf-8") as pipe:
            data = pipe.read()
        os.waitpid(child, 0)
    except TimeoutError:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        return Outcome(None, None, f"hang: no answer within {TIMEOUT:.0f} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if not data:
        return Outcome(None, None, "crash: the child died without a word (memory?)")
    report = json.loads(data)
    return Outcome(report["check"], report["build"], report["problem"], report.get("output", ""))


def _expire(signum: int, frame: object) -> None:
    raise TimeoutError


def _commands(root: Path) -> dict[str, object]:
    runner = CliRunner()
    check = runner.invoke(main, ["check", str(root)])
    problem = _judge("check", check)
    build = None
    if problem is None and check.exit_code == 0:
        result = runner.invoke(main, ["build", str(root), "--output", str(root / "output")])
        build = result.exit_code
        problem = _judge("build", result) or (
            None if result.exit_code == 0 else f"build failed after check passed: {result.output[-400:]}")
        if problem is None and _leaked(root / "output"):
            problem = "leak: text from outside the project is in the outputs"
    output = check.output[-2000:]
    return {"check": check.exit_code, "build": build, "problem": problem, "output": output}


def _judge(command: str, result) -> Optional[str]:  # type: ignore[no-untyped-def]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))[-1200:]
        return f"traceback in {command}: {trace}"
    if "Traceback" in result.output:
        return f"traceback printed by {command}"
    if result.exit_code not in (0, 1, 2):
        return f"{command} exited {result.exit_code}"
    if LEAK.decode() in result.output:
        return f"leak: {command} printed text from outside the project"
    return None


def _leaked(folder: Path) -> bool:
    for path in folder.glob("*"):
        if path.suffix == ".pptx":
            with zipfile.ZipFile(path) as archive:
                if any(LEAK in archive.read(name) for name in archive.namelist()):
                    return True
        elif LEAK in path.read_bytes():
            return True
    return False


# Mutations -----------------------------------------------------------------------------------
def replace_with(path: Path, make: Callable[[Path], None]) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    make(path)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _edit(change: Callable[[str], str]) -> Mutation:
    def apply(path: Path) -> None:
        path.write_text(change(_text(path)), encoding="utf-8")
    return apply


def _values(change: Callable[[str], str]) -> Callable[[str], str]:
    """Apply ``change`` to the value of every plain ``key: value`` line (YAML) or to each line of a
    Markdown body, leaving structure alone."""
    def apply(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            value = match.group(2)
            if value.startswith(("|", ">", "[", "{", "&", "*", "!", "#", "'", '"')) or value in ("", "-"):
                return match.group(0)
            return match.group(1) + change(value)
        return re.sub(r"(?m)^(\s*(?:- )?[A-Za-z_][\w-]*: )(.*)$", one, text)
    return apply


def _body_lines(change: Callable[[str], str]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        head, sep, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
        lines = [change(line) if line.strip() and not line.startswith(("|", "---")) else line
                 for line in body.split("\n")]
        return head + sep + "\n".join(lines)
    return apply


def _first_value(change: Callable[[str], str]) -> Callable[[str], str]:
    """Change only the first title-like value (``title:``, ``team:``, ``name:``...) of a file."""
    def apply(text: str) -> str:
        match = re.search(r"(?m)^(\s*(?:- )?(?:title|team|name|mission|period|company|headline): )([^|>'\"\n].*)$",
                          text)
        if match is None:
            return change(text)
        return text[:match.start(2)] + change(match.group(2)) + text[match.end(2):]
    return apply


def _numbers(replacement: str) -> Callable[[str], str]:
    return lambda text: re.sub(r"(?m)(:\s+)(-?\d+(?:\.\d+)?)(\s*(?:#.*)?)$", rf"\g<1>{replacement}\g<3>", text)


BAD_CHARACTERS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u2028\u2029\ufeff\ufffe\uffff\ufdd0\U0010ffff\u200b\u202e"


def _sprinkle(text: str) -> str:
    pick = random.Random(len(text))
    out = []
    for index, char in enumerate(text):
        out.append(char)
        if index % 11 == 5 and char not in "\n:-":
            out.append(pick.choice(BAD_CHARACTERS[1:]))
    return "".join(out)


def _escapes(text: str) -> str:
    """Every plain value of a YAML file turned into a double-quoted one holding escapes."""
    return _values(lambda value: '"' + value.replace("\\", "\\\\").replace('"', '\\"')
                   + '\\x01\\ud800\\u2028\\N\\uFFFE"')(text)


def _many_items(text: str) -> str:
    """Every list item repeated: a file at the scale no deck shows."""
    return re.sub(r"(?m)^(- .*)$", lambda m: "\n".join([m.group(1)] * 300), text) if "\n- " in text else text * 40


def _markdown_bomb(text: str) -> str:
    table = "|" + "|".join(f"c{n}" for n in range(1000)) + "|\n|" + "---|" * 1000 + "\n|" + "x|" * 1000 + "\n"
    nested = "".join("  " * depth + "- level\n" for depth in range(200))
    quotes = ">" * 500 + " deep\n"
    reference = "![chart][ref]\n\n[ref]: images/positioning-map.png\n"
    return text + "\n\n" + table + "\n" + nested + "\n" + quotes + "\n" + reference + "\n<script>alert(1)</script>\n"


def _link(target: str) -> Mutation:
    return lambda path: replace_with(path, lambda p: p.symlink_to(target))


def _outside(path: Path) -> None:
    """A link to a valid copy of the file outside the project (content must not be read)."""
    copy = _project(path).parent / f"outside-{path.name}"
    shutil.copyfile(path, copy)
    replace_with(path, lambda p: p.symlink_to(copy))


def _project(path: Path) -> Path:
    for parent in path.parents:
        if parent.name == "content":
            return parent.parent
    raise ValueError(path)


def _unreadable(path: Path) -> None:
    path.chmod(0)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(random.Random(7).randrange(256) for _ in range(3000)))


def _huge(path: Path) -> None:
    """Just under the 2 MiB text limit of one file, in lines a content writer could have typed."""
    text = _text(path)
    filler = ("\n# " + "x" * 98) if path.suffix == ".yaml" else ("\n" + "word " * 20)
    path.write_text(text + filler * (1_900_000 // len(filler)), encoding="utf-8")


MUTATIONS: dict[str, Mutation] = {
    "empty": lambda path: path.write_bytes(b""),
    "truncated": _truncate,
    "garbage bytes": _garbage,
    "just under the size limit": _huge,
    "link to /etc/passwd": _link("/etc/passwd"),
    "link outside to a valid copy": _outside,
    "link to /dev/zero": _link("/dev/zero"),
    "link loop": lambda path: replace_with(path, lambda p: p.symlink_to(p.name)),
    "fifo": lambda path: replace_with(path, os.mkfifo),
    "folder": lambda path: replace_with(path, lambda p: p.mkdir()),
    "unreadable": _unreadable,
    "control characters": _edit(_sprinkle),
    "yaml escapes": _edit(_escapes),
    "3000 combining marks": _edit(_first_value(lambda value: value + "\u0301" * 3000)),
    "100k-character word": _edit(_first_value(lambda value: value + " " + "x" * 100_000)),
    "1000-line value": _edit(_first_value(lambda value: "|\n" + "".join(f"    line {n}\n" for n in range(1000)))),
    "1e308 numbers": _edit(_numbers("1e308")),
    "negative numbers": _edit(_numbers("-1")),
    "nan numbers": _edit(_numbers(".nan")),
    "huge integers": _edit(_numbers("9" * 400)),
    "year 0": _edit(lambda text: re.sub(r"\b20(2\d)\b", "0000", text)),
    "year 9999": _edit(lambda text: re.sub(r"\b20(2\d)\b", "9999", text)),
    "values as lists": _edit(_values(lambda value: "[" + value + ", x]")),
    "values as mappings": _edit(_values(lambda value: "{a: " + value + "}")),
    "values emptied": _edit(_values(lambda value: "")),
    "many items": _edit(_many_items),
    "markdown bombs": _edit(_markdown_bomb),
    "right-to-left and emoji": _edit(_values(lambda value: "\u202eשלום 👩🏽‍💻 " + value + "\u202c")),
}


PICTURE_MUTATIONS = ("empty", "truncated", "garbage bytes", "link to /etc/passwd", "link to /dev/zero", "link loop",
                     "fifo", "folder", "unreadable")


def cases(full: bool) -> list[tuple[str, str]]:
    """The campaign's (file, mutation) pairs: every pair when ``full``, else each mutation on two
    files in turn (every file gets its share), so that CI runs every kind in bounded time."""
    if full:
        found = [(file, name) for file in FILES for name in MUTATIONS]
    else:
        found = [(FILES[(index * 5 + turn * 7) % len(FILES)], name)
                 for index, name in enumerate(MUTATIONS) for turn in range(2)]
    return found + [(PICTURE, name) for name in PICTURE_MUTATIONS]


def mutate(root: Path, file: str, mutation: str) -> None:
    MUTATIONS[mutation](root / "content" / file)


def restore_permissions(root: Path) -> None:
    """Make everything removable again after an 'unreadable' case."""
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink():
            with contextlib.suppress(OSError):
                path.chmod(0o755 if path.is_dir() else 0o644)
