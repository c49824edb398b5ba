"""spaCy DocBin files (``.spacy``): Byline's records in and out, ready for ``spacy train``.

Entities go to ``doc.ents``, the quote layer (QUOTE, SPEAKER, CUE) to the span
group ``doc.spans["quote"]``; what spaCy's Doc has no place for (title,
status, meta, document id, a quote's kind and speaker, the quote links) rides
in ``doc.user_data["byline"]``, so a Byline DocBin re-imports without loss.
Docs are built from the stored tokens, so they are spaCy's English tokens.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from core.errors import BylineError, InputFormatError
from core.formats.record import DocumentRecord, RecordRelation, RecordSpan
from core.model import Layer, Status
from core.nlp.tokenizer import _blank_english

QUOTE_GROUP = "quote"
USER_DATA_KEY = "byline"


def record_to_doc(record: DocumentRecord, vocab: Vocab) -> Doc:
    """A spaCy Doc of the record's text and spans (its tokens as stored)."""
    words = [record.text[t.start : t.end] for t in record.tokens]
    doc = Doc(vocab, words=words, spaces=[t.ws for t in record.tokens])
    if doc.text != record.text:
        raise BylineError(f"the stored tokens of {record.title!r} do not cover its text")
    entities, quotes = [], []
    for span in record.spans:
        spacy_span = doc.char_span(span.start, span.end, label=span.label)
        if spacy_span is None:
            raise BylineError(f"span {span.start}-{span.end} ({span.label}) in {record.title!r} is not on token boundaries")
        (entities if span.layer is Layer.ENTITY else quotes).append(spacy_span)
    doc.ents = entities
    doc.spans[QUOTE_GROUP] = quotes
    key = [(s.start, s.end, s.label) for s in record.spans]
    doc.user_data[USER_DATA_KEY] = {
        "doc_id": record.doc_id,
        "title": record.title,
        "status": record.status.value,
        "meta": record.meta,
        "attrs": [[*key[n], span.attrs] for n, span in enumerate(record.spans) if span.attrs],
        "relations": [[*key[r.head], *key[r.child], r.label] for r in record.relations],
    }
    return doc


def doc_to_record(doc: Doc, labels: dict[str, Layer], source: str) -> DocumentRecord:
    """The record of a Doc: ``doc.ents`` and ``doc.spans["quote"]``, in Byline's span order.

    A DocBin from elsewhere has no ``user_data``: its documents come in new,
    titled by their first line. Labels are checked later, with the offsets.
    """
    extra = doc.user_data.get(USER_DATA_KEY) or {}
    found = [(s.start_char, s.end_char, s.label_) for s in doc.ents]
    if QUOTE_GROUP in doc.spans:
        found += [(s.start_char, s.end_char, s.label_) for s in doc.spans[QUOTE_GROUP]]
    # The store's order: by start, longer first, then label.
    found.sort(key=lambda item: (item[0], -item[1], item[2]))
    attrs = {(a[0], a[1], a[2]): a[3] for a in extra.get("attrs", [])}
    spans = tuple(
        RecordSpan(start, end, label, labels.get(label, Layer.ENTITY), dict(attrs.get((start, end, label), {})))
        for start, end, label in found
    )
    index = {(s.start, s.end, s.label): n for n, s in enumerate(spans)}
    relations = []
    for item in extra.get("relations", []):
        head, child = tuple(item[0:3]), tuple(item[3:6])
        if head not in index or child not in index:
            raise InputFormatError(f"{source}: a quote link in user_data names a span the Doc does not have")
        relations.append(RecordRelation(index[head], index[child], item[6]))
    try:
        status = Status(extra.get("status", Status.NEW.value))
    except ValueError:
        raise InputFormatError(f"{source}: unknown status {extra.get('status')!r}") from None
    meta = dict(extra.get("meta") or {"source": source})
    return DocumentRecord(doc.text, extra.get("title", ""), meta, status, spans, tuple(relations))


# The token attributes Byline's Docs carry (ORTH and SPACY are always stored):
# no tags, parses or lemmas, so storing spaCy's full default set would only
# multiply the size by three.
STORED_ATTRS = ["ENT_IOB", "ENT_TYPE"]
# Documents per file when exporting to a folder of DocBins.
SHARD_SIZE = 1000


def write_docbin(records: Iterable[DocumentRecord], out: Path) -> tuple[int, int]:
    """Write ``out``: one ``.spacy`` file, or a folder of them; returns (documents, spans).

    A DocBin is one serialised object, built in memory (compact token arrays,
    about the size of the file). For corpora too large for that, ``out``
    without the ``.spacy`` suffix is a new folder of files of SHARD_SIZE
    documents each, written as they fill, which ``spacy train`` reads as one
    corpus (``paths.train`` may be a folder).
    """
    if out.suffix.lower() == ".spacy":
        documents, spans, docbin = _fill(records, None)
        _write_bytes(docbin, out)
        return documents, spans
    from core.formats.output import atomic_folder

    documents = spans = 0
    with atomic_folder(out) as folder:
        iterator = iter(records)
        for shard in range(1_000_000):
            count, found, docbin = _fill(iterator, SHARD_SIZE)
            if not count:
                break
            _write_bytes(docbin, folder / f"{shard:05d}.spacy")
            documents += count
            spans += found
            if count < SHARD_SIZE:
                break
    return documents, spans


def _fill(records, limit: int | None) -> tuple[int, int, DocBin]:
    vocab = _blank_english().vocab
    docbin = DocBin(attrs=STORED_ATTRS, store_user_data=True)
    documents = spans = 0
    for record in records:
        docbin.add(record_to_doc(record, vocab))
        documents += 1
        spans += len(record.spans)
        if limit is not None and documents >= limit:
            break
    return documents, spans, docbin


def _write_bytes(docbin: DocBin, out: Path) -> None:
    partial = out.with_name(out.name + ".partial")
    try:
        partial.write_bytes(docbin.to_bytes())
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BylineError(f"cannot write {out}: {exc.strerror or exc}") from exc


def read_docbin(path: Path, labels: dict[str, Layer]) -> Iterator[tuple[str, DocumentRecord]]:
    """(where, record) for every Doc in the file, or in the folder's ``.spacy`` files (sorted)."""
    files = sorted(path.rglob("*.spacy")) if path.is_dir() else [path]
    for file in files:
        try:
            docbin = DocBin().from_bytes(file.read_bytes())
        except OSError as exc:
            raise InputFormatError(f"{file}: cannot read the file ({exc.strerror})") from exc
        except Exception as exc:  # spaCy raises ValueError/KeyError/zlib.error on foreign bytes
            raise InputFormatError(f"{file}: not a spaCy DocBin file ({exc.__class__.__name__})") from exc
        for number, doc in enumerate(docbin.get_docs(_blank_english().vocab), start=1):
            yield f"{file}, doc {number}", doc_to_record(doc, labels, f"{file.name}:{number}")


def docs_for_training(records: Iterable[DocumentRecord]) -> DocBin:
    """A DocBin of the records' entities only (what the NER component learns from)."""
    vocab = _blank_english().vocab
    docbin = DocBin(attrs=STORED_ATTRS, store_user_data=False)
    for record in records:
        doc = record_to_doc(record, vocab)
        doc.spans.clear()
        docbin.add(doc)
    return docbin

