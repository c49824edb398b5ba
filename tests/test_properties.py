"""Property tests (hypothesis): any Unicode text, random edits, and the export round trip.

- Random span edits applied through the store give exactly what a plain
  in-memory model of the same edits gives (invalid edits change nothing).
- export -> import -> export is byte-identical, and every exported span's
  ``text`` is ``text[start:end]``.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.errors import InvalidSpanError
from core.export_prodigy import export_jsonl
from core.labels import default_labels
from core.model import Layer, QuoteKind, Status
from core.store import AnnotationStore, NewDocument
from core.workflow import import_paths

LABELS = {label.name: label.layer for label in default_labels()}
ENTITY_LABELS = sorted(name for name, layer in LABELS.items() if layer is Layer.ENTITY)
ALL_LABELS = sorted(LABELS)
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------- store vs model

offsets = st.integers(min_value=-2, max_value=90)
edit = st.one_of(
    st.tuples(st.just("create"), offsets, offsets, st.sampled_from(ALL_LABELS)),
    st.tuples(st.just("relabel"), st.integers(0, 20), st.sampled_from(ALL_LABELS)),
    st.tuples(st.just("resize"), st.integers(0, 20), offsets, offsets),
    st.tuples(st.just("accept"), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
)


@FEW
@given(text=st.text(min_size=1, max_size=80), edits=st.lists(edit, max_size=25))
def test_span_edits_through_the_store_equal_an_in_memory_model(text, edits):
    model: dict[str, tuple[int, int, str, Layer, str]] = {}  # id -> start, end, label, layer, origin
    applied = 0
    with tempfile.TemporaryDirectory() as folder, AnnotationStore(Path(folder) / "p.db") as store:
        store.add_documents([NewDocument(text=text, title="t", meta={}, tokens=())])
        doc_id = store.list_documents()[0].id
        for step in edits:
            kind = step[0]
            ids = sorted(model)  # the model picks the span, by position in its own order
            target = ids[step[1] % len(ids)] if ids and kind != "create" else None
            if kind != "create" and target is None:
                continue
            try:
                if kind == "create":
                    _, start, end, label = step
                    valid = 0 <= start < end <= len(text)
                    span = store.create_span(doc_id, start, end, label)
                    model[span.id] = (start, end, label, LABELS[label], "analyst")
                elif kind == "relabel":
                    label = step[2]
                    start, end, _old, layer, _origin = model[target]
                    valid = LABELS[label] is layer
                    store.relabel_span(target, label)
                    model[target] = (start, end, label, layer, "analyst")
                elif kind == "resize":
                    _, _, start, end = step
                    valid = 0 <= start < end <= len(text)
                    store.resize_span(target, start, end)
                    _s, _e, label, layer, _origin = model[target]
                    model[target] = (start, end, label, layer, "analyst")
                elif kind == "accept":
                    valid = True
                    store.accept_span(target)
                    model[target] = model[target][:4] + ("analyst",)
                else:
                    valid = True
                    store.delete_span(target)
                    del model[target]
            except InvalidSpanError:
                assert not valid, f"{step} was refused"
            else:
                assert valid, f"{step} was accepted"
                applied += 1
            got = {span.id: (span.start, span.end, span.label, span.layer, span.origin) for span in store.spans(doc_id)}
            assert got == model
        assert store.get_document(doc_id).text == text
        history = [e for e in store.history(doc_id) if e.action in ("create", "relabel", "resize", "accept", "delete")]
        assert len(history) == applied


# ------------------------------------------------------ export round trip

texts = st.text(min_size=1, max_size=60).filter(lambda t: t.replace("\r", "\n").strip())


@st.composite
def annotated_database(draw):
    """Texts and, per text, the annotations to make through the store (as token ranges)."""
    documents = draw(st.lists(texts, min_size=1, max_size=4, unique_by=lambda t: t.replace("\r\n", "\n")
                              .replace("\r", "\n")))
    plans = []
    for _ in documents:
        plans.append(
            {
                "entities": draw(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 3),
                                                    st.sampled_from(ENTITY_LABELS)), max_size=5)),
                "quotes": draw(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5), st.integers(0, 40),
                                                  st.integers(0, 40), st.sampled_from([k.value for k in QuoteKind])),
                                        max_size=2)),
                "status": draw(st.sampled_from(list(Status))),
            }
        )
    return documents, plans


def token_span(tokens, first: int, length: int) -> tuple[int, int]:
    first %= len(tokens)
    last = min(first + length, len(tokens) - 1)
    return tokens[first].start, tokens[last].end


def build(store: AnnotationStore, folder: Path, documents: list[str], plans: list[dict]) -> None:
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps({"text": t, "meta": {"n": n}}, ensure_ascii=False) + "\n"
                              for n, t in enumerate(documents)), encoding="utf-8")
    import_paths(store, [source])
    for summary, plan in zip(store.list_documents(), plans):
        tokens = store.get_document(summary.id).tokens
        taken: list[tuple[int, int]] = []
        for first, length, label in plan["entities"]:
            start, end = token_span(tokens, first, length)
            if all(end <= s or e <= start for s, e in taken):  # entities never overlap
                taken.append((start, end))
                store.create_span(summary.id, start, end, label)
        quotes_made: set[tuple[int, int]] = set()
        for first, length, speaker, cue, kind in plan["quotes"]:
            extent = token_span(tokens, first, length)
            if extent in quotes_made:
                continue
            quotes_made.add(extent)
            quote = store.create_span(summary.id, *extent, "QUOTE", attrs={"kind": kind})
            speaker_extent, cue_extent = token_span(tokens, speaker, 0), token_span(tokens, cue, 0)
            store.set_quote_part(quote.id, "speaker", *speaker_extent)
            if cue_extent != speaker_extent:
                store.set_quote_part(quote.id, "cue", *cue_extent)
        store.set_status(summary.id, plan["status"])


@settings(FEW, max_examples=30)
@given(database=annotated_database())
def test_export_import_export_is_byte_identical(database):
    documents, plans = database
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with AnnotationStore(folder / "first.db") as first:
            build(first, folder, documents, plans)
            export_jsonl(first, folder / "first.jsonl")
        with AnnotationStore(folder / "second.db") as second:
            summary = import_paths(second, [folder / "first.jsonl"])
            assert summary.added == len(documents)
            export_jsonl(second, folder / "second.jsonl")
        first_bytes = (folder / "first.jsonl").read_bytes()
        assert (folder / "second.jsonl").read_bytes() == first_bytes
        for line in first_bytes.decode("utf-8").split("\n")[:-1]:
            record = json.loads(line)
            event(f"spans: {min(len(record['spans']), 3)}+, relations: {bool(record.get('relations'))}")
            for span in record["spans"]:
                assert record["text"][span["start"] : span["end"]] == span["text"]
            assert len(record["spans"]) == len({(s["start"], s["end"], s["label"]) for s in record["spans"]})
