"""Stage 1, load: files to raw data with source positions."""
from .project import RawProject, load_project, read_asset
from .source import Document, Source

__all__ = ["Document", "RawProject", "Source", "load_project", "read_asset"]
