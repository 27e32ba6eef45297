"""A large deck project, generated from the example: 12 big rocks, 60 people, 25 objectives of
5 key results each. The example's own rocks and people stay (other files name them); the rest is
added, so the project still checks without errors (a few warnings: more rocks than advised).

Used by the build command's tests and by the benchmarks (``benchmarks/``); :func:`scaled_project`
makes the benchmarks' 1x, 4x, 10x and 20x projects: the whole example grown N times, so the
quarter behind, the wins, the requests, the asks and the free-form slides grow too.
"""
from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "content"
KEPT_ROCKS = ["enterprise-narrative", "copilot-launch", "competitive-winrate", "expansion-plays"]
PRIORITIES = ["enterprise-growth", "ai-platform", "net-retention", "efficient-growth"]
STAKEHOLDERS = [("CMO", "aligned"), ("Head of Sales", "pending"), ("Head of Product", "concerns")]


def large_project(root: Path, rocks: int = 12, people: int = 60, objectives: int = 25,
                  key_results: int = 5) -> Path:
    """Write the large project into ``root`` (which must not exist); returns ``root``."""
    shutil.copytree(EXAMPLE, root / "content")
    content = root / "content"
    rock_ids = KEPT_ROCKS + [f"rock-{i + 1}" for i in range(rocks - len(KEPT_ROCKS))]
    _append_rocks(content / "big-rocks.yaml", rock_ids[len(KEPT_ROCKS):])
    _append_people(content / "team.yaml", people - 7, rock_ids)
    (content / "okrs" / "2027-Q1.yaml").write_text(_okrs(objectives, key_results, rock_ids), encoding="utf-8")
    return root


def scaled_project(root: Path, factor: int) -> Path:
    """The example grown ``factor`` times. Per unit, as the example has them: 4 big rocks, about
    5 people (never fewer than the example's 7), 5 objectives of 5 key results in the quarter
    ahead and as many scored in the quarter behind, 6 wins, 17 requests, 4 asks and a launch
    calendar. 10x is about 240 slides, 20x about 480."""
    large_project(root, rocks=4 * factor, people=max(7, round(4.8 * factor)),
                  objectives=5 * factor, key_results=5)
    content = root / "content"
    rock_ids = KEPT_ROCKS + [f"rock-{i + 1}" for i in range(4 * factor - len(KEPT_ROCKS))]
    extra = factor - 1  # units beyond the example's own
    (content / "okrs" / "2026-Q4.yaml").write_text(_results(5 * factor, 5, rock_ids), encoding="utf-8")
    _append_lines(content / "wins.md", [_win(n) for n in range(6 * extra)])
    _append_lines(content / "asks.md", [_ask(n) for n in range(4 * extra)])
    _append_requests(content / "intake.yaml", 17 * extra, rock_ids)
    for n in range(extra):
        _launch_calendar(content / "slides" / f"launch-calendar-{n + 2}.md", n + 2)
    return root


def _append_rocks(path: Path, ids: list[str]) -> None:
    lines = []
    for n, rock in enumerate(ids):
        lines += [
            f"  - id: {rock}",
            f"    title: Big rock {n + 5} that the large project adds to the plan",
            "    why: It shows that a long list of big rocks still fits the deck, slide after slide.",
            f"    supports: [{PRIORITIES[n % len(PRIORITIES)]}]",
            "    outcomes:",
            "      - A measurable outcome that is true by the end of the year",
            "      - A second outcome with a number in it, from 10% to 20%",
            "    owner: Priya Raman",
            "    alignment:",
        ]
        for who, status in STAKEHOLDERS:
            lines += [f"      - stakeholder: {who}", f"        status: {status}", "        on: 2026-12-10"]
    with path.open("a", encoding="utf-8") as out:
        out.write("\n" + "\n".join(lines) + "\n")


def _append_people(path: Path, count: int, rock_ids: list[str]) -> None:
    managers = [f"Manager {i + 1}" for i in range(6)]
    lines = []
    for n in range(count):
        name = managers[n] if n < len(managers) else f"Person {n - len(managers) + 1}"
        boss = "Maya Okafor" if n < len(managers) else managers[n % len(managers)]
        lines += [
            f"  - name: {name}",
            f"    role: {'Product Marketing Manager' if n >= len(managers) else 'Group Manager, PMM'}",
            f"    reports_to: {boss}",
            "    focus:",
            "      - Positioning for one product line",
            "    allocation:",
            f"      {rock_ids[n % len(rock_ids)]}: 60",
            f"      {rock_ids[(n + 1) % len(rock_ids)]}: 30",
            "      one-offs: 10",
        ]
    _insert_before_key(path, "stakeholders:", lines)


def _insert_before_key(path: Path, key: str, lines: list[str]) -> None:
    """Add ``lines`` at the end of the list that precedes the top-level ``key``."""
    text = path.read_text(encoding="utf-8")
    at = text.index("\n" + key) + 1 if ("\n" + key) in text else len(text)
    path.write_text(text[:at] + "\n".join(lines) + "\n\n" + text[at:], encoding="utf-8")


def _okrs(objectives: int, key_results: int, rock_ids: list[str]) -> str:
    lines = ["quarter: 2027-Q1", "state: planned", "objectives:"]
    for o in range(objectives):
        lines += [
            f"  - id: objective-{o + 1}",
            f"    title: Objective {o + 1}, stated as an outcome the company can see",
            f"    rock: {rock_ids[o % len(rock_ids)]}",
            "    owner: Priya Raman",
            "    key_results:",
        ]
        for k in range(key_results):
            lines += [
                f"      - title: Key result {o + 1}.{k + 1} moves a number that matters to the business",
                "        owner: Tom Becker",
                f"        baseline: {10 + k}",
                f"        target: {20 + 2 * k}",
                '        unit: "%"',
                "        confidence: 0.6",
            ]
    return "\n".join(lines) + "\n"


def _results(objectives: int, key_results: int, rock_ids: list[str]) -> str:
    """The closed quarter behind, scored: most key results met, one in five missed with a note
    saying why, every objective with a retro, as the example's 2026-Q4 is."""
    lines = ["quarter: 2026-Q4", "state: closed", "objectives:"]
    for o in range(objectives):
        lines += [
            f"  - id: result-{o + 1}",
            f"    title: Past objective {o + 1}, an outcome the company could see",
            f"    rock: {rock_ids[o % len(rock_ids)]}",
            "    owner: Priya Raman",
            "    retro: Buyers ranked governance above speed; start approvals in week one next time.",
            "    key_results:",
        ]
        for k in range(key_results):
            missed = (o + k) % 5 == 0
            lines += [
                f"      - title: Past key result {o + 1}.{k + 1} moved a number that matters",
                "        owner: Tom Becker",
                f"        baseline: {10 + k}",
                f"        target: {20 + 2 * k}",
                f"        current: {12 + k if missed else 20 + 2 * k}",
                '        unit: "%"',
            ]
            if missed:
                lines.append("        note: Legal review held it back four weeks; carried into the next quarter.")
    return "\n".join(lines) + "\n"


def _win(n: int) -> str:
    return (f"- **Win {n + 7}: pipeline influenced up {10 + n % 30}%** after the campaign "
            "went live, with sellers using the new pitch in first calls.")


def _ask(n: int) -> str:
    return (f"- **Head of Sales:** ask {n + 5}, protect an hour at the regional kickoff "
            "for pitch certification, and make it a goal for every AE.")


def _append_lines(path: Path, lines: list[str]) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write("".join(line + "\n" for line in lines))


def _append_requests(path: Path, count: int, rock_ids: list[str]) -> None:
    outcomes = rock_ids + ["one-off", "declined"]
    lines = []
    for n in range(count):
        outcome = outcomes[n % len(outcomes)]
        lines += [
            f"  - date: 2026-{10 + n % 3}-{1 + n % 28:02d}",
            f"    from: {['Head of Sales', 'Product', 'Events team', 'Partner team'][n % 4]}",
            f"    ask: Request {n + 18}, a custom deck for a customer's security review",
            f"    outcome: {outcome}",
            f"    hours: {0 if outcome == 'declined' else 4 + n % 12}",
        ]
    _append_lines(path, lines)


def _launch_calendar(path: Path, n: int) -> None:
    path.write_text(
        f"---\ntitle: Launch calendar {n}, four launches in the first half of 2027\nafter: strategy\n---\n\n"
        "| Launch | Tier | Date | Lead |\n|---|---|---|---|\n"
        f"| Product line {n} GA | Tier 1 | 2027-03-10 | Tom Becker |\n"
        f"| Audit export {n} | Tier 2 | 2027-02-16 | Priya Raman |\n"
        f"| Integration {n} | Tier 2 | 2027-05-12 | Tom Becker |\n"
        f"| Team plans {n} | Tier 3 | 2027-06-08 | Samuel Osei |\n\n"
        "Tier 1 gets the full kit and exec review; Tier 2 a sales brief; Tier 3 release notes only.\n",
        encoding="utf-8")
