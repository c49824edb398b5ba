"""Headless operations shared by the command line and the window."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import InputFormatError
from core.importer import expand_paths
from core.resources import SAMPLES_DIR
from core.store import AnnotationStore, NewDocument


@dataclass(frozen=True)
class ImportSummary:
    files: int
    added: int
    duplicates: int


def import_paths(
    store: AnnotationStore,
    paths: Iterable[str | Path],
    fmt: str | None = None,
    as_suggestions: bool = False,
) -> ImportSummary:
    """Import files and folders; each file is one transaction (all of it or none).

    ``fmt`` is a name from ``core.formats.FORMATS``; None guesses it per file
    (plain .txt and JSONL files are the default). Annotated files bring their
    spans as the analyst's, or with ``as_suggestions`` as a model's suggestions
    (the model being the file). Every file is read and checked before anything
    is written, so a bad file stops the import before it has changed the database.
    """
    files = added = duplicates = 0
    labels = {label.name: label.layer for label in store.labels()}
    for path, documents in list(_read_all(paths, fmt, labels)):
        if as_suggestions:
            from core.formats.record import as_suggestions as suggestions_of

            result = store.add_documents_as_suggestions(
                ((document, None if document.spans is None else suggestions_of(document, labels)) for document in documents),
                model=f"imported:{path.name}",
            )
        else:
            # With the spans an annotated file brings (Prodigy's span format and the others).
            result = store.add_documents_with_spans(documents)
        # Count the new documents now, while they are few, not all at the first Statistics view.
        store.refresh_counts()
        files += 1
        added += result.added
        duplicates += result.duplicates
    return ImportSummary(files, added, duplicates)


def _read_all(paths: Iterable[str | Path], fmt: str | None, labels) -> Iterator[tuple[Path, list[NewDocument]]]:
    """Each file (or brat folder) with its documents; a folder of plain files is searched as before."""
    from core.formats import PLAIN, guess_format, read_documents

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputFormatError(f"{path}: no such file or folder")
        name = fmt or guess_format(path)
        if name != PLAIN or not path.is_dir():
            yield path, read_documents(path, name, labels)
            continue
        for file in expand_paths([path]):
            yield file, read_documents(file, fmt or guess_format(file), labels)


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
        store.refresh_counts()  # about a millisecond a document, against spaCy's hundred
        done += 1
        if on_progress:
            on_progress(done, total, doc_id)
        if should_stop():
            break
    return done
