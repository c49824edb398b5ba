"""Pure data that crosses the core/gui boundary.

Everything here is a frozen dataclass holding plain Python values. Offsets are
Python ``str`` indices (code points) into the document text, end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    """Where a document stands in the analyst's workflow."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def title(self) -> str:
        return self.value.replace("_", " ")


class Layer(str, Enum):
    """Annotation layers; spans of different layers may overlap freely."""

    ENTITY = "entity"
    QUOTE = "quote"


class QuoteKind(str, Enum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    FLOATING = "floating"


@dataclass(frozen=True)
class Token:
    """A token of a document: character offsets and whether a space follows.

    ``is_space`` marks spaCy's whitespace tokens (e.g. a paragraph break): they
    count for token indices but never start or end a span.
    """

    start: int
    end: int
    ws: bool
    is_space: bool = False


@dataclass(frozen=True)
class Label:
    name: str
    layer: Layer
    colour: str  # "#rrggbb"
    shortcut: str  # a single key, e.g. "p"
    description: str = ""


@dataclass(frozen=True)
class SpanSuggestion:
    """A span proposed by the model (before the analyst sees it)."""

    start: int
    end: int
    label: str
    layer: Layer = Layer.ENTITY


@dataclass(frozen=True)
class QuoteSuggestion:
    """A quote found by the model: content, speaker mention and cue.

    ``speaker`` and ``cue`` are ``(start, end)`` character ranges or ``None``
    (a floating quote has no cue of its own; its speaker is the mention of the
    quote it continues, which several quotes may share).
    ``resolved_speaker`` is the name of the person the speaker refers to.
    """

    start: int
    end: int
    kind: QuoteKind
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    resolved_speaker: str | None = None


@dataclass(frozen=True)
class Span:
    """A span as the analyst currently has it."""

    id: str
    doc_id: str
    start: int
    end: int
    label: str
    layer: Layer
    origin: str  # "model" (pre-annotation, untouched) or "analyst"
    attrs: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class ExcludedRange:
    """A stretch of a document that is not the article (a "Related stories" block,
    a newsletter prompt...): shown greyed, skipped by pre-annotation, export and
    statistics. ``reason`` says why, e.g. "related stories" or "analyst"."""

    id: str
    doc_id: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the document list."""

    id: str
    title: str
    status: Status
    span_count: int
    position: int


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    text: str
    status: Status
    meta: dict = field(compare=False, hash=False)
    tokens: tuple[Token, ...] = field(compare=False, hash=False)
    preannotated_with: str | None = None
