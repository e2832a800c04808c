"""Rejoin hard-wrapped column lines (placeholder, replaced by the structure work)."""
