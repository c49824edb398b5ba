"""Headless operations shared by the command line and the window."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from core.importer import read_paths
from core.resources import SAMPLES_DIR
from core.store import AnnotationStore


@dataclass(frozen=True)
class ImportSummary:
    files: int
    added: int
    duplicates: int


def import_paths(store: AnnotationStore, paths: Iterable[str | Path]) -> ImportSummary:
    """Import files and folders; each file is one transaction (all of it or none).

    Every file is read and checked before anything is written, so a bad file
    stops the import before it has changed the database.
    """
    files = added = duplicates = 0
    labels = {label.name: label.layer for label in store.labels()}
    for _path, documents in list(read_paths(paths, labels)):
        # With the spans an annotated JSONL line brings (Prodigy's span format).
        result = store.add_documents_with_spans(documents)
        files += 1
        added += result.added
        duplicates += result.duplicates
    return ImportSummary(files, added, duplicates)


def import_samples_if_empty(store: AnnotationStore) -> int:
    """A new database gets the bundled sample articles, so a new user sees a working project."""
    if store.document_count():
        return 0
    return import_paths(store, [SAMPLES_DIR]).added


def preannotate_pending(
    store: AnnotationStore,
    annotator,
    on_progress: Callable[[int, int, str], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> int:
    """Pre-annotate every document that has no suggestions yet; returns how many.

    Each document is saved in its own transaction as soon as it is done, so an
    interrupted run loses at most the document in flight and resumes where it stopped.
    ``annotator`` is a ``core.nlp.pipeline.PreAnnotator``.
    """
    pending = store.documents_needing_preannotation()
    total = len(pending)
    texts = (store.get_document(doc_id).text for doc_id in pending)
    done = 0
    for doc_id, result in zip(pending, annotator.annotate_many(texts)):
        store.save_preannotation(doc_id, annotator.name, result.spans, result.quotes)
        done += 1
        if on_progress:
            on_progress(done, total, doc_id)
        if should_stop():
            break
    return done
