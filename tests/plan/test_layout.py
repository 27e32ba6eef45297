"""A project's own layouts: overriding one by name, extending one block, and clear errors when broken."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.diagnostics import ContentError
from deckgen.plan.layout import LayoutError
from deckgen.plan.slides import Text
from tests.support.plans import planned, slide, texts

BUILTIN_BASE = Path(__file__).resolve().parents[2] / "templates" / "slides" / "base.xml"


def layout(root: Path, name: str, text: str) -> None:
    path = root / "templates" / "slides" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def broken(root: Path) -> LayoutError:
    with pytest.raises(LayoutError) as caught:
        planned(root)
    return caught.value


def test_a_layout_of_the_same_name_replaces_the_built_in_one(example_project: Path) -> None:
    layout(example_project, "okrs.xml", """\
{% extends "slides/base.xml" %}
{% block title %}{{ okrs.objectives|length }} bets for {{ quarter }}{% endblock %}
{% block body %}
    <text>
{% for objective in okrs.objectives %}
      <p kind="bullet">{{ objective.title }}</p>
{% endfor %}
    </text>
{% endblock %}
{% block notes %}<p>Our own notes.</p>{% endblock %}
""")
    project, plan = planned(example_project)
    okrs = slide(plan, "okrs")
    assert okrs.title == "4 bets for 2027-Q1"
    assert okrs.elements == [Text(okrs.elements[0].paragraphs)]
    assert [p.text for p in okrs.elements[0].paragraphs] == [o.title for o in project.okrs.objectives]
    assert okrs.notes == "Our own notes."
    assert slide(plan, "results").title.startswith("2026-Q4 closed at")  # the others stay built in


def test_extending_base_fills_only_the_blocks_a_layout_gives(example_project: Path) -> None:
    layout(example_project, "okrs.xml", """\
{% extends "slides/base.xml" %}
{% block title %}{{ super() }}Placeholder{% endblock %}
""")
    _, plan = planned(example_project)
    assert (slide(plan, "okrs").title, slide(plan, "okrs").elements, slide(plan, "okrs").notes) == (
        "Placeholder", [], "")


def test_a_user_layout_extends_the_built_in_one_of_the_same_name_and_replaces_one_block(
        example_project: Path) -> None:
    _, before = planned(example_project)
    layout(example_project, "results.xml", """\
{#- the built-in results slide, with our own talking points -#}
{% extends "builtin/slides/results.xml" %}
{% block notes %}<p>Only this.</p>{% endblock %}
""")
    _, plan = planned(example_project)
    results, original = slide(plan, "results"), slide(before, "results")
    assert results.notes == "Only this."
    assert (results.title, results.elements) == (original.title, original.elements)


def test_a_user_base_restyles_every_built_in_layout(example_project: Path) -> None:
    base = BUILTIN_BASE.read_text(encoding="utf-8")
    layout(example_project, "base.xml", base.replace("<notes>\n", "<notes>\n<p>Keep it to two minutes.</p>\n"))
    _, plan = planned(example_project)
    assert all(s.notes.startswith("Keep it to two minutes.\n") for s in plan.slides)


def test_a_broken_user_layout_names_its_file_and_line(example_project: Path) -> None:
    layout(example_project, "okrs.xml", """\
{% extends "slides/base.xml" %}
{% block title %}OKRs{% endblock %}
{% block body %}
    <text>
      <p>{{ quarter }}
    </text>
{% endblock %}
""")
    problem = broken(example_project)
    assert str(problem) == ("templates/slides/okrs.xml:6: error: the slide markup is not well-formed XML: "
                            "Opening and ending tag mismatch: p line 5 and text")
    assert isinstance(problem, ContentError) and len(problem.reporter.errors) == 1


@pytest.mark.parametrize("body, line, message", [
    ("\n\n    <txt>{{ quarter }}</txt>\n", 6, "<txt> cannot go inside <body>"),
    ('    <chart kind="pie"/>\n', 4, "<chart kind>: 'pie' is not one of: bar, column, stacked-bar, doughnut"),
    ("\n    <text>{{ no_such_thing.title }}</text>\n", 5, "UndefinedError: 'no_such_thing' is undefined"),
    ("    <text>{% if quarter %}</text>\n", 5, "Encountered unknown tag 'endblock'"),
    ("    <text>{{ okrs.objectives[0].title|no_such_filter }}</text>\n", 4, "No filter named 'no_such_filter'"),
])
def test_layout_mistakes(example_project: Path, body: str, line: int, message: str) -> None:
    layout(example_project, "okrs.xml", "{% extends \"slides/base.xml\" %}\n{% block title %}OKRs{% endblock %}\n"
                                        "{% block body %}\n" + body + "{% endblock %}\n")
    problem = broken(example_project)
    assert str(problem.position) == f"templates/slides/okrs.xml:{line}"
    assert message in problem.message
    assert "\n" not in str(problem)


def test_an_empty_title_block_points_at_the_title_in_base(example_project: Path) -> None:
    layout(example_project, "asks.xml", '{% extends "slides/base.xml" %}\n')
    problem = broken(example_project)
    base_line = BUILTIN_BASE.read_text(encoding="utf-8").split("\n").index(
        "  <title>{% block title %}{% endblock %}</title>") + 1
    assert problem.position.line == base_line and problem.position.path.endswith("templates/slides/base.xml")
    assert "the slide has no title" in problem.message


def test_a_missing_parent_layout(example_project: Path) -> None:
    layout(example_project, "wins.xml", '{% extends "slides/nope.xml" %}\n')
    problem = broken(example_project)
    assert str(problem.position) == "templates/slides/wins.xml:1" and "slides/nope.xml" in problem.message


def test_content_in_a_layout_error_is_still_only_text(example_project: Path, edit) -> None:
    """A content value that looks like markup cannot make a valid layout fail."""
    edit("okrs/2027-Q1.yaml", "title: Put the enterprise pitch in every first call",
         "title: '</p></text></body><body><text>'")
    _, plan = planned(example_project)
    assert "</p></text></body><body><text>" in texts(slide(plan, "okrs"))
