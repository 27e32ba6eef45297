"""Stage 2, model: typed content, checked and cross-referenced, with scores computed once."""
from .build import build_project
from .project import Project
from .quarters import Quarter
from .scoring import Status

__all__ = ["Project", "Quarter", "Status", "build_project"]
