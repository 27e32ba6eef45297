"""Shared pytest setup: make the repository root importable.

With the root on ``sys.path``, tests import ``deckgen`` from the working tree without an
editable install or ``PYTHONPATH``, and the shared helpers as ``tests.support``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
