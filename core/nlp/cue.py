"""A cue found in the parse: its character range, its content tokens and its speaker."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass
class Cue:
    """A cue verb (or phrase) with its content token range (inclusive) and speaker head."""

    cue: tuple[int, int]  # char range
    first: int  # first content token
    last: int  # last content token
    speaker: Token | None
    verb: int = -1  # token index of the cue verb (-1 for phrases)
    short_ok: bool = False  # a content of one or two words is real ("Now, according to X, ...")
    unsourced: bool = False  # no source in the text ("Asked whether ...", "reportedly"): no speaker
    speaker_chars: tuple[int, int] | None = None  # the mention, where the parse cannot tell it (headlines)
