"""Editing content files without losing anything: round-trip YAML and atomic multi-file writes."""
