"""Everything that touches spaCy lives in this package; only pure data leaves it."""
