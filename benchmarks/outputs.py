"""Whether a change kept every output byte for byte: build the example, the generated projects
and the tests' edge decks, and save or compare the files.

    python benchmarks/outputs.py save BASELINE      # before the change (on its own branch)
    python benchmarks/outputs.py compare BASELINE   # after: lists every file that differs

A speed-up must not change a single byte. Other work changes what is drawn, so compare against a
baseline saved on the same branch just before the change, not against another branch's.
Everything is built with one fixed timestamp (as ``SOURCE_DATE_EPOCH`` would fix it).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CREATED = datetime(2027, 1, 5, 9, 30, tzinfo=timezone.utc)
Outputs = list[tuple[str, bytes]]


def project_outputs(root: Path) -> Outputs:
    """The deck and the page of the project at ``root``, as ``deckgen build`` makes them."""
    from deckgen.builders import BuildRun
    from deckgen.commands.common import require_project
    from deckgen.plan.environment import make_environment
    from deckgen.resources import builtin_templates

    project, _ = require_project(root)
    env = make_environment(root, builtin_templates())
    run = BuildRun(project, env, CREATED)
    return [out for name in ("pptx", "html") for out in run.outputs(name)]


def cases(work: Path, quick: bool = False) -> Iterator[tuple[str, Callable[[], Outputs]]]:
    """(name, build) of every case: projects first, then the tests' hand-written edge decks."""
    from deckgen.builders.pptx.deck import build_pptx
    from tests.support import deckplans
    from tests.support.large_project import large_project, scaled_project

    yield "example", lambda: project_outputs(REPO)
    yield "large", lambda: project_outputs(large_project(work / "large"))
    for factor in (1, 4) if quick else (1, 4, 10):
        yield f"x{factor}", lambda f=factor: project_outputs(scaled_project(work / f"x{f}", f))
    plans = {
        "every-kind": deckplans.every_kind, "big-team": deckplans.big_team,
        "team-beside-chart": deckplans.team_beside_chart, "many-rocks": deckplans.many_rocks,
        "long-okrs": deckplans.long_okrs, "long-texts": deckplans.long_texts, "cjk": deckplans.cjk,
        "brand": lambda: deckplans.deck(deckplans.bullets_slide(), deckplans.table_slide(),
                                        template=deckplans.brand_template()),
    }
    for name, plan in plans.items():
        yield name, lambda p=plan: [("deck.pptx", build_pptx(p(), CREATED))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--quick", action="store_true", help="skip the 10x project")
    args = parser.parse_args()
    differ: list[str] = []
    with tempfile.TemporaryDirectory(prefix="deckgen-outputs-") as tmp:
        for case, build in cases(Path(tmp), args.quick):
            for name, data in build():
                path = args.folder / case / name
                if args.action == "save":
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                elif not path.is_file() or path.read_bytes() != data:
                    differ.append(f"{case}/{name}")
                    (path.parent / ("new-" + name)).write_bytes(data)
            print(f"{args.action}: {case}", file=sys.stderr)
    for name in differ:
        print(f"DIFFERS: {name} (the new bytes are beside it, named new-*)")
    if args.action == "compare":
        print("all outputs identical" if not differ else f"{len(differ)} outputs differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
