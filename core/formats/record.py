"""The pure-data record every exchange format converts to and from.

A format module only translates between its file shape and ``DocumentRecord``;
reading records out of the store and checking records on their way in happen
here, once for all formats.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from core.boundaries import checked_ranges
from core.errors import InputFormatError
from core.model import (
    Document,
    Layer,
    QuoteKind,
    QuoteSuggestion,
    SpanSuggestion,
    Status,
    Token,
)
from core.store_boundaries import overlaps_any
from core.store_records import DocumentFilter, NewDocument, NewRelation, NewSpan
from core.token_alignment import TokenIndex

# The meta field a record's excluded ranges travel in: [[start, end, reason], ...].
EXCLUDED_META = "excluded"


@dataclass(frozen=True)
class RecordSpan:
    """A span of a record; offsets are Python ``str`` indices, end exclusive."""

    start: int
    end: int
    label: str
    layer: Layer
    attrs: dict = field(default_factory=dict, hash=False)
    # "model" (an untouched suggestion) or "analyst"; files that cannot say it read as "analyst"
    origin: str = field(default="analyst", compare=False)


@dataclass(frozen=True)
class RecordRelation:
    """A link between two spans of a record (indices into its ``spans``)."""

    head: int
    child: int
    label: str  # lower case, as the store keeps them: "speaker", "cue"


@dataclass(frozen=True)
class DocumentRecord:
    """One document with its annotations, as it travels between Byline and a file."""

    text: str
    title: str
    meta: dict = field(hash=False)
    status: Status
    spans: tuple[RecordSpan, ...]
    relations: tuple[RecordRelation, ...] = ()
    doc_id: str = ""
    tokens: tuple[Token, ...] = field(default=(), compare=False, hash=False)

    def layer_spans(self, layer: Layer) -> list[RecordSpan]:
        return [span for span in self.spans if span.layer is layer]


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote, for the one-line message."""

    documents: int
    spans: int
    note: str = ""  # e.g. what the format cannot hold
    unit: str = "span"  # what ``spans`` counts: "quote" for the quotes table


def record_of(store, document: Document, speakers: dict[str, str] | None = None) -> DocumentRecord:
    """The record of one stored document: the analysts' current spans and their links.

    ``speakers`` maps speaker names to the canonical speaker the analysts chose
    (AnnotationStore.canonical_speakers); quotes are exported under that name.
    """
    excluded = store.excluded_ranges(document.id)
    # What is not the article is not annotation data: its spans stay out, and so do
    # the links touching them (a quote whose speaker is excluded loses that link).
    spans = [span for span in store.spans(document.id) if not overlaps_any(span.start, span.end, excluded)]
    index_of = {span.id: number for number, span in enumerate(spans)}
    relations = tuple(
        RecordRelation(index_of[relation.head_id], index_of[relation.child_id], relation.label)
        for relation in store.relations(document.id)
        if relation.head_id in index_of and relation.child_id in index_of
    )
    return DocumentRecord(
        text=document.text,
        title=document.title,
        # Only when there are any, so exports of whole articles stay as they were.
        meta={**document.meta, EXCLUDED_META: [[r.start, r.end, r.reason] for r in excluded]}
        if excluded
        else document.meta,
        status=document.status,
        spans=tuple(
            RecordSpan(s.start, s.end, s.label, s.layer, _canonical(s.attrs, speakers), s.origin) for s in spans
        ),
        relations=relations,
        doc_id=document.id,
        tokens=document.tokens,
    )


def _canonical(attrs: dict, speakers: dict[str, str] | None) -> dict:
    attrs = dict(attrs)
    name = attrs.get("resolved_speaker")
    if speakers and name in speakers:
        attrs["resolved_speaker"] = speakers[name]
    return attrs


def iter_store_records(store, chosen: DocumentFilter | None = None) -> Iterator[DocumentRecord]:
    """Records of the documents passing ``chosen``, one at a time (memory stays flat).

    Quotes carry their canonical speaker (automatic groups and the analysts' merges).
    """
    speakers = store.canonical_speakers()
    for document in store.iter_matching_documents(chosen or DocumentFilter()):
        yield record_of(store, document, speakers)


# ------------------------------------------------------------------ import


def checked_span(
    text: str, start, end, label, labels: dict[str, Layer], where: str, given: str | None = None, attrs=None
) -> RecordSpan:
    """A span read from a file, checked against its text and the label set.

    Raises InputFormatError naming ``where`` (file, record, span). Token
    boundaries and overlaps are checked per document by ``to_new_document``.
    """
    if not (_is_int(start) and _is_int(end) and isinstance(label, str)):
        raise InputFormatError(f"{where}: needs whole-number start and end offsets and a label")
    if start > end:
        raise InputFormatError(f"{where}: reversed ({start}-{end}: start is after end)")
    if start == end:
        raise InputFormatError(f"{where}: empty ({start}-{end})")
    if start < 0 or end > len(text):
        raise InputFormatError(f"{where}: {start}-{end} is out of range (the text has {len(text)} characters)")
    if label not in labels:
        raise InputFormatError(f"{where}: unknown label {label!r}; this database's labels are {', '.join(labels)}")
    if given is not None and text[start:end] != given:
        from core.importer import _offset_mismatch  # one wording for every format

        raise InputFormatError(f"{where}: {_offset_mismatch(text, start, end, given)}")
    return RecordSpan(start, end, label, labels[label], dict(attrs or {}))


def quote_attrs(kind, speaker, where: str) -> dict:
    """A QUOTE span's attributes as files carry them (kind, resolved speaker), checked."""
    attrs = {}
    if kind is not None:
        if kind not in {k.value for k in QuoteKind}:
            raise InputFormatError(f"{where}: unknown quote kind {kind!r}")
        attrs["kind"] = kind
    if speaker is not None:
        attrs["resolved_speaker"] = str(speaker)
    return attrs


def to_new_document(record: DocumentRecord, where: str, span_places: list[str] | None = None) -> NewDocument:
    """The document to import: tokenised, its spans on spaCy's token boundaries,
    entities not overlapping and no span listed twice (else InputFormatError).

    ``span_places`` names each span in the file for messages (its line, its
    result), when that is not simply "span N" of the record at ``where``.
    """
    from core.importer import MAX_DOCUMENT_CHARS, title_of
    from core.nlp.tokenizer import tokenize

    text = record.text
    if not text.strip():
        raise InputFormatError(f"{where}: the text is empty")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputFormatError(f"{where}: {len(text):,} characters is too long for one article")
    tokens = tokenize(text)
    index = TokenIndex(tokens)
    seen: set[tuple[int, int, str]] = set()
    for number, span in enumerate(record.spans, start=1):
        place = span_places[number - 1] if span_places else f"{where}, span {number}"
        key = (span.start, span.end, span.label)
        if key in seen:
            raise InputFormatError(f"{place}: the same {span.label} span {span.start}-{span.end} is listed twice")
        seen.add(key)
        if index.token_range(span.start, span.end) is None:
            raise InputFormatError(
                f"{place}: {span.start}-{span.end} ({text[span.start:span.end]!r}) does not start "
                "and end on token boundaries (spaCy's English tokens)"
            )
    entities = sorted((s.start, s.end, n) for n, s in enumerate(record.spans, start=1) if s.layer is Layer.ENTITY)
    for (_s1, end1, first), (start2, _e2, second) in pairwise(entities):
        if start2 < end1:
            raise InputFormatError(
                f"{where}: entity spans {min(first, second)} and {max(first, second)} overlap; "
                "entities of one text cannot overlap (spaCy's doc.ents)"
            )
    for relation in record.relations:
        if not (0 <= relation.head < len(record.spans) and 0 <= relation.child < len(record.spans)):
            raise InputFormatError(f"{where}: relation {relation.label!r} links a span that is not in the document")
    meta = dict(record.meta)
    excluded = None
    if EXCLUDED_META in meta:
        excluded = checked_ranges(meta.pop(EXCLUDED_META), text, where)
    return NewDocument(
        text=text,
        title=record.title or title_of(text),
        meta=meta,
        tokens=tokens,
        spans=tuple(NewSpan(s.start, s.end, s.label, dict(s.attrs)) for s in record.spans),
        relations=tuple(NewRelation(r.head, r.child, r.label) for r in record.relations),
        status=record.status,
        excluded=excluded,
    )


def as_suggestions(document: NewDocument, labels: dict[str, Layer]) -> tuple[list[SpanSuggestion], list[QuoteSuggestion]]:
    """An imported document's spans as a model's suggestions (``import --as-suggestions``):
    entities as they are, each QUOTE with its linked SPEAKER and CUE; a SPEAKER or
    CUE no quote links to stays a plain quote-layer suggestion."""
    spans = list(document.spans or ())
    parts: dict[int, dict[str, int]] = {}
    linked: set[int] = set()
    for relation in document.relations:
        if spans[relation.head].label == "QUOTE" and relation.label in ("speaker", "cue"):
            parts.setdefault(relation.head, {})[relation.label] = relation.child
            linked.add(relation.child)
    plain: list[SpanSuggestion] = []
    quotes: list[QuoteSuggestion] = []
    for number, span in enumerate(spans):
        if span.label == "QUOTE":
            linked_parts = parts.get(number, {})
            speaker, cue = linked_parts.get("speaker"), linked_parts.get("cue")
            quotes.append(
                QuoteSuggestion(
                    span.start,
                    span.end,
                    QuoteKind(span.attrs.get("kind") or QuoteKind.DIRECT.value),
                    (spans[speaker].start, spans[speaker].end) if speaker is not None else None,
                    (spans[cue].start, spans[cue].end) if cue is not None else None,
                    span.attrs.get("resolved_speaker"),
                )
            )
        elif number not in linked:
            plain.append(SpanSuggestion(span.start, span.end, span.label, labels[span.label]))
    return plain, quotes


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
