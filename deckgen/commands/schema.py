"""`deckgen schema`: a JSON Schema per content file, so that editors check and complete content as it is typed.

The schemas are generated from the models in ``model/content.py``, the same ones `deckgen check`
validates with, so the two cannot drift apart. They are JSON Schema draft-07, the draft the YAML
language server (VS Code's YAML extension, JetBrains, Neovim) implements.

They describe values as an editor sees them, which differs from how deckgen reads them. deckgen's
loader hands every scalar to the model as the text typed; the YAML language server reads YAML 1.2,
where ``title: 2027`` is a number and ``done: true`` a boolean. So a text field also accepts a
number or a boolean (the format keeps them as the text typed), an id also accepts a whole number
(``id: 7`` is the id ``7``), and a date is a string in ISO form. Everything else is as the format
page says: numbers are YAML numbers, percentages are ``22`` or ``"22%"``, unknown keys are errors.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from ..builders.output import write_atomic
from ..errors import DeckgenError
from ..load.project import CONTENT
from ..model.content import (AsksFront, BigRocksFile, CharterFront, CompanyFile, DeckFile,
                             IntakeFile, OkrFile, SlideFront, StrategyFront, TeamFile, WinsFront)
from ..model.fields import ID_PATTERN

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
FORMAT = "deckgen content format, version 1"


@dataclass(frozen=True)
class ContentFile:
    """One kind of content file: where it lives under content/, its model, and what it is for."""

    pattern: str
    model: type[BaseModel]
    about: str

    @property
    def front_matter(self) -> bool:
        return self.pattern.endswith(".md")

    @property
    def name(self) -> str:
        """The file's or folder's name without its ending: ``okrs/*.yaml`` is ``okrs``."""
        return self.pattern.split("/")[0].split(".")[0]

    @property
    def file_name(self) -> str:
        return f"{self.name}.schema.json"


FILES = (
    ContentFile("deck.yaml", DeckFile,
                "The edition of the deck: team, year, quarter ahead, theme and slide order."),
    ContentFile("company.yaml", CompanyFile,
                "The company priorities the team ladders up to, most important first."),
    ContentFile("big-rocks.yaml", BigRocksFile,
                "The team's annual objectives (\"big rocks\"), most important first."),
    ContentFile("team.yaml", TeamFile,
                "The team's structure: people, stakeholders and where the time goes."),
    ContentFile("intake.yaml", IntakeFile,
                "Inbound requests and how each was triaged."),
    ContentFile("okrs/*.yaml", OkrFile,
                "The OKRs of one quarter, in a file named after it (okrs/2027-Q1.yaml)."),
    ContentFile("charter.md", CharterFront,
                "The front matter of the team charter: its mission and its edges."),
    ContentFile("strategy.md", StrategyFront,
                "The front matter of the team strategy: the pillars it stands on."),
    ContentFile("wins.md", WinsFront,
                "The front matter of the wins: the quarter they come from."),
    ContentFile("asks.md", AsksFront,
                "The front matter of the asks (it has no keys)."),
    ContentFile("slides/*.md", SlideFront,
                "The front matter of a free-form slide: its title and where it goes."),
)


class _EditorView(GenerateJsonSchema):
    """Draft-07 schemas of content as a YAML editor reads it (see the module's docstring)."""

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
        result = super().generate(schema, mode)
        if "$defs" in result:
            result["definitions"] = result.pop("$defs")
        drafted: JsonSchemaValue = _draft_07(result)
        return drafted

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # the key is its own title; a "Reports To" beside `reports_to` says nothing

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        result = super().default_schema(schema)
        if "default" in result and result["default"] is None:
            del result["default"]  # an optional key is left out, not written `null` by completion
        return result

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        result = super().str_schema(schema)
        if schema.get("pattern") == ID_PATTERN:
            result.update(type=["string", "integer"], minimum=0)
        elif "pattern" not in schema:
            result["type"] = ["string", "number", "boolean"]
        return result


def _draft_07(node: Any) -> Any:
    """Rewrite the 2020-12 forms pydantic emits into their draft-07 equivalents, recursively.

    A fixed tuple's ``prefixItems`` becomes ``items`` as a list; a ``$ref`` with siblings (a
    description, a default) is wrapped in ``allOf``, since draft-07 ignores a ``$ref``'s siblings.
    """
    if isinstance(node, list):
        return [_draft_07(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _draft_07(value) for key, value in node.items()}
    if "prefixItems" in result:
        result["items"] = result.pop("prefixItems")
    if "$ref" in result and len(result) > 1:
        result = {"allOf": [{"$ref": result.pop("$ref")}], **result}
    return result


def schema_of(kind: ContentFile) -> dict[str, Any]:
    """The JSON Schema of one kind of content file, ready to write."""
    body = kind.model.model_json_schema(
        by_alias=True, ref_template="#/definitions/{model}", schema_generator=_EditorView)
    title = f"{kind.pattern} front matter" if kind.front_matter else kind.pattern
    about = f"{kind.about} ({FORMAT}; generated by `deckgen schema`)"
    body.update(title=title, description=about)
    return {"$schema": DRAFT_07, "title": title, "description": about, **body}


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every content file's schema, by its pattern under content/ (``okrs/*.yaml``)."""
    return {kind.pattern: schema_of(kind) for kind in FILES}


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def run_schema(output: Optional[Path]) -> list[str]:
    """Without ``output``, the one JSON document to print; with it, write one file per schema."""
    if output is None:
        return [_dump(all_schemas()).rstrip("\n")]
    try:
        for kind in FILES:
            write_atomic(output / kind.file_name, _dump(schema_of(kind)).encode("utf-8"))
    except OSError as error:
        raise DeckgenError(f"cannot write to '{output}': {error.strerror or error}") from error
    return [f"wrote {len(FILES)} schemas to {output.as_posix()}/", "",
            "For VS Code's YAML extension, add this to .vscode/settings.json:",
            _dump({"yaml.schemas": vscode_mapping(output)}).rstrip("\n"),
            "(The schemas of Markdown front matter are for tools that check it; the YAML extension "
            "does not.)"]


def vscode_mapping(output: Path) -> dict[str, str]:
    """The ``yaml.schemas`` setting for the YAML files (editors do not check Markdown front matter)."""
    return {(output / kind.file_name).as_posix(): f"{CONTENT}/{kind.pattern}"
            for kind in FILES if not kind.front_matter}
