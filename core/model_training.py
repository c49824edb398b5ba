"""From corrections to a better model: choosing and splitting the training documents.

The documents are the analysts' finished ones; a share of them, chosen by
document id (a hash of the text, so the split is the same on every machine and
every run), is held out for scoring. The spaCy work is in ``core.nlp.training``.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from core.errors import TrainingError
from core.formats.record import DocumentRecord, iter_store_records
from core.model import Layer, Status
from core.store_records import DocumentFilter


def split_by_id(records: Sequence[DocumentRecord], eval_share: float) -> tuple[list, list]:
    """(train, held out): the ``eval_share`` of records with the smallest ids is held out.

    At least one document on each side; fewer than two documents cannot be split.
    """
    if not 0 < eval_share < 1:
        raise TrainingError(f"the evaluation share must be between 0 and 1, not {eval_share}")
    ordered = sorted(records, key=lambda record: record.doc_id)
    if len(ordered) < 2:
        raise TrainingError(
            f"training needs at least 2 finished documents (one to learn from, one to score on); "
            f"the database has {len(ordered)}; mark corrected documents done (Ctrl+Enter) first"
        )
    held = min(len(ordered) - 1, max(1, math.ceil(len(ordered) * eval_share)))
    return ordered[held:], ordered[:held]


def training_records(store, statuses: tuple[Status, ...] = (Status.DONE,)) -> list[DocumentRecord]:
    """The records to train on: documents with these statuses, entities only."""
    records = []
    for record in iter_store_records(store, DocumentFilter(statuses=statuses)):
        entities = tuple(span for span in record.spans if span.layer is Layer.ENTITY)
        records.append(
            DocumentRecord(record.text, record.title, record.meta, record.status, entities, (), record.doc_id, record.tokens)
        )
    return records


def train_from_store(store, out_dir: Path, options, eval_share: float = 0.2,
                     statuses: tuple[Status, ...] = (Status.DONE,), progress: TextIO | None = None):
    """Train a NER pipeline on the store's finished documents; returns a ``TrainingResult``."""
    from core.nlp.training import train_ner

    if out_dir.exists() and not out_dir.is_dir():
        raise TrainingError(f"{out_dir} is a file; training writes a folder")
    train, held_out = split_by_id(training_records(store, statuses), eval_share)
    return train_ner(train, held_out, out_dir, options, progress)
