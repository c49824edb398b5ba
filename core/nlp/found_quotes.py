"""The quotes the rules found, and what is settled over all of them at the end.

A FoundQuote is a quote in character offsets before speaker resolution.  Once
quote_rules.py has found them all, overlaps are settled (drop_nested) and a
quote without a cue continues the attributed one before it (link_floating).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.model import QuoteKind

# One paragraph break, whatever the source's convention: "\n\n", or ".\n ." in ggt
PARAGRAPH_BREAK = re.compile(r"\n[\s.]*")


@dataclass
class FoundQuote:
    """A quote in character offsets, before speaker resolution."""

    start: int
    end: int
    kind: QuoteKind
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    speaker_head: int | None = None  # token index of the speaker mention's head
    resolved: str | None = None
    only_alone: bool = False  # no quote of its own inside another report (see drop_nested)


def drop_nested(quotes: list[FoundQuote]) -> list[FoundQuote]:
    """Resolve overlaps: direct quotes first, then longer ones.

    Reported speech nested inside reported speech ("He said supporters told
    him they would ...") is kept: annotators mark both.  Not so speech the
    outer source only imagines or denies ("said the mayor had never said
    ...", "said it would urge the council to ..."): that is part of what the
    outer source says, and nobody said the inner words.  Nor a noun-phrase
    report ("said he knew little of her before she announced her bid"): inside
    a report it names an event the outer source speaks of, not words of its
    own.  Anything crossing a kept quote's boundary, or lying inside a direct
    quote, is dropped.
    """
    reported = (QuoteKind.INDIRECT, QuoteKind.MIXED)
    ranked = sorted(quotes, key=lambda q: (q.kind != QuoteKind.DIRECT, -(q.end - q.start)))
    kept: list[FoundQuote] = []
    for q in ranked:
        clash = False
        for k in kept:
            if not (q.start < k.end and k.start < q.end):
                continue
            nested = k.start <= q.start and q.end <= k.end and (q.start, q.end) != (k.start, k.end)
            # (a part of a report under the same cue is no report of its own)
            if not (nested and q.kind in reported and k.kind in reported) or q.cue == k.cue or q.only_alone:
                clash = True
                break
        if not clash:
            kept.append(q)
    return sorted(kept, key=lambda q: q.start)


def link_floating(text: str, quotes: list[FoundQuote], max_gap: int) -> list[FoundQuote]:
    """A cue-less quote continues the previous attributed quote if it is close enough.

    It shares that quote's speaker mention: the link says who said it (as the
    attribution corpora annotate continuations), and the analyst sees the arrow.
    """
    out: list[FoundQuote] = []
    prev: FoundQuote | None = None
    for q in quotes:
        if q.kind == QuoteKind.FLOATING:
            if prev is None or len(PARAGRAPH_BREAK.findall(text, prev.end, q.start)) > max_gap:
                continue
            q.speaker = prev.speaker
            q.speaker_head = None
            q.resolved = None  # filled by speaker resolution from ``prev``
        out.append(q)
        # a report whose source the text does not give ("Asked whether ...", "reportedly")
        # continues nothing: a quote after it continues the one before it
        if q.speaker is not None or q.kind != QuoteKind.INDIRECT:
            prev = q
    return out
