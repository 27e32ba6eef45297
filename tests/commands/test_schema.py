"""`deckgen schema`: the schemas accept what `deckgen check` accepts, as an editor reads the YAML.

Files are read the way the YAML language server reads them: YAML 1.2 with real numbers and
booleans, and dates as strings (ruamel's safe loader makes them date objects; the editor does not).
"""
from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from deckgen.cli import main
from deckgen.commands.common import check_project
from deckgen.commands.schema import FILES, ContentFile, all_schemas, schema_of
from deckgen.resources import example_content

KIND = {kind.pattern: kind for kind in FILES}


def as_editor_reads(text: str) -> Any:
    return _dates_as_text(YAML(typ="safe", pure=True).load(text))


def _dates_as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def front_matter(text: str) -> str:
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return ""
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    return "\n".join(lines[1:end])


def problems(kind: ContentFile, path: Path) -> list[str]:
    """The schema's complaints about one content file."""
    text = path.read_text(encoding="utf-8")
    data = as_editor_reads(front_matter(text) if kind.front_matter else text)
    validator = jsonschema.Draft7Validator(
        schema_of(kind), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data or {})]


def example_files() -> list[tuple[str, str]]:
    root = example_content()
    return [(kind.pattern, path.relative_to(root).as_posix())
            for kind in FILES for path in sorted(root.glob(kind.pattern))]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(example_content(), tmp_path / "deck" / "content")
    return tmp_path / "deck"


def edit(project: Path, name: str, old: str, new: str) -> Path:
    path = project / "content" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"'{old}' is not once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_every_kind_of_content_file_has_a_schema() -> None:
    patterns = {pattern for pattern, _ in example_files()}
    assert patterns == set(KIND), "the example should hold every kind of content file"


@pytest.mark.parametrize("pattern, name", example_files())
def test_every_example_file_validates(pattern: str, name: str) -> None:
    assert problems(KIND[pattern], example_content() / name) == []


@pytest.mark.parametrize("kind", FILES, ids=lambda kind: kind.name)
def test_schemas_are_draft_07_with_a_title_and_no_unknown_keys(kind: ContentFile) -> None:
    schema = schema_of(kind)
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["title"].startswith(kind.pattern) and schema["description"]
    for node in _nodes(schema):
        assert "prefixItems" not in node and "$defs" not in node
        assert "$ref" not in node or len(node) == 1, f"draft-07 ignores siblings of $ref: {node}"
        if "properties" in node:
            assert node["additionalProperties"] is False


def _nodes(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [found for item in node for found in _nodes(item)]
    if isinstance(node, dict):
        return [node] + [found for value in node.values() for found in _nodes(value)]
    return []


# Each edit: (file, old text, new text). deckgen check and the schema must agree on all of them.
ACCEPTED = [
    ("deck.yaml", "confidentiality: Confidential — internal use", "confidentiality: true"),
    ("deck.yaml", "company: Northwind Analytics", "company: 1990"),
    ("company.yaml", "measure: CAC payback from 22 to 18 months", "measure: 1e3"),
    ("team.yaml", "one_off_budget: [10, 15]", 'one_off_budget: ["10%", 15.5]'),
    ("team.yaml", "enterprise-narrative: 40", 'enterprise-narrative: "40%"'),
    ("okrs/2027-Q1.yaml", "        baseline: 20\n        target: 80",
     "        baseline: 20.5\n        target: 8e1"),
    ("okrs/2027-Q1.yaml", "id: copilot-ga", "id: 7"),
    ("okrs/2026-Q4.yaml", "done: false\n        score: 0.5", "done: False\n        score: 1"),
    ("intake.yaml", "hours: 14", "hours: 13.5"),
    ("charter.md", "valid_through: 2027-12", "valid_through: 2028-06"),
    ("slides/launch-calendar.md", "after: strategy", "after:"),
]
REJECTED = [
    ("deck.yaml", "team: Product Marketing", "team: Product Marketing\ntemaplate: x.potx"),
    ("deck.yaml", "year: 2027", "year: next"),
    ("deck.yaml", "  primary: \"#1B3A5C\"", "  primary: navy"),
    ("team.yaml", "enterprise-narrative: 40", "enterprise-narrative: lots"),
    ("team.yaml", "one_off_budget: [10, 15]", "one_off_budget: [10, 15, 20]"),
    ("okrs/2027-Q1.yaml", "confidence: 0.9", "confidence: 90"),
    ("okrs/2027-Q1.yaml", "state: planned", "state: underway"),
    ("okrs/2026-Q4.yaml", "        done: false\n", "        done: maybe\n"),
    ("okrs/2026-Q4.yaml", "        baseline: 0\n        target: 25", "        baseline: 0\n        target: 25%"),
    ("okrs/2027-Q1.yaml", "    rock: copilot-launch\n", "    rock: Copilot Launch\n"),
    ("intake.yaml", "- date: 2026-10-02", "- date: early October"),
    ("big-rocks.yaml", "    supports: [enterprise-growth]\n", "    supports: []\n"),
    ("company.yaml", "  - id: enterprise-growth\n    title: Win the enterprise segment\n",
     "  - id: enterprise-growth\n"),
    ("charter.md", "valid_through: 2027-12", "valid_through: December"),
    ("wins.md", "period: 2026-Q4", "period: 2026-Q4\nquarter: 2026-Q4"),
    ("strategy.md", "pillars:", "pilars:"),
]


def _kind_of(name: str) -> ContentFile:
    return next(kind for kind in FILES if Path(name).match(kind.pattern) and
                name.count("/") == kind.pattern.count("/"))


@pytest.mark.parametrize("name, old, new", ACCEPTED, ids=lambda v: str(v)[:30])
def test_what_check_accepts_the_schema_accepts(project: Path, name: str, old: str, new: str) -> None:
    path = edit(project, name, old, new)
    assert problems(_kind_of(name), path) == []
    assert not check_project(project).reporter.errors, check_project(project).reporter.sorted()


@pytest.mark.parametrize("name, old, new", REJECTED, ids=lambda v: str(v)[:30])
def test_what_check_rejects_the_schema_rejects(project: Path, name: str, old: str, new: str) -> None:
    path = edit(project, name, old, new)
    assert problems(_kind_of(name), path)
    assert [d for d in check_project(project).reporter.errors if d.position.path.endswith(name)]


def test_printed_document_maps_each_file_pattern_to_its_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert list(printed) == [kind.pattern for kind in FILES]
    assert printed == all_schemas()


def test_output_folder_gets_one_file_per_content_file(tmp_path: Path) -> None:
    folder = tmp_path / ".schemas"
    result = CliRunner().invoke(main, ["schema", "--output", str(folder)])
    assert result.exit_code == 0, result.output

    assert sorted(p.name for p in folder.iterdir()) == sorted(k.file_name for k in FILES)
    for kind in FILES:
        assert json.loads((folder / kind.file_name).read_text(encoding="utf-8")) == schema_of(kind)
    settings = json.loads(result.output[result.output.index("{"):result.output.rindex("}") + 1])
    assert settings["yaml.schemas"][f"{folder.as_posix()}/okrs.schema.json"] == "content/okrs/*.yaml"
    assert not any(glob.endswith(".md") for glob in settings["yaml.schemas"].values())


def test_rewriting_the_output_folder_replaces_stale_schemas(tmp_path: Path) -> None:
    folder = tmp_path / "schemas"
    folder.mkdir()
    (folder / "deck.schema.json").write_text("{}", encoding="utf-8")
    assert CliRunner().invoke(main, ["schema", "-o", str(folder)]).exit_code == 0
    assert json.loads((folder / "deck.schema.json").read_text(encoding="utf-8"))["title"] == "deck.yaml"
