"""Rendering: models → template context → DOCX."""
