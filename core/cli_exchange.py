"""The command line's training-data commands: import/export formats and filters, train, evaluate.

``core.cli`` builds the parser and dispatches; the options and handlers of
these commands live here so that the exchange work stays in one place.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.model import Layer, Status

STATUS_NAMES = [status.value for status in Status]


def add_import_options(parser: argparse.ArgumentParser) -> None:
    from core.formats import READABLE

    parser.add_argument(
        "--format", choices=READABLE, help="the files' format (default: guessed from each file)"
    )
    parser.add_argument(
        "--as-suggestions", action="store_true",
        help="bring annotated files' spans in as the model's suggestions, not as the analysts' spans",
    )


def add_export_options(parser: argparse.ArgumentParser) -> None:
    from core.formats import FORMATS

    parser.add_argument(
        "--format", choices=list(FORMATS), default="prodigy",
        help="prodigy (default), doccano, doccano-rel, label-studio, spacy (a .spacy file), "
        "brat (OUT is a new folder), conll, quotes-csv (a table of the quotes, one row each)",
    )
    add_filter_options(parser)


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--status", action="append", choices=STATUS_NAMES, help="only documents with this status (repeatable)")
    parser.add_argument("--label", action="append", help="only documents with a span of this label (repeatable)")
    parser.add_argument("--annotator", help="only documents this analyst edited")
    parser.add_argument("--since", help="only documents edited on or after this date (YYYY-MM-DD or ISO time, UTC)")
    parser.add_argument("--until", help="only documents edited up to this date (inclusive)")


def add_commands(commands, common: argparse.ArgumentParser) -> None:
    """The ``train`` and ``evaluate`` subcommands."""
    training = commands.add_parser(
        "train", parents=[common],
        help="train a spaCy NER pipeline on the finished documents (writes OUT_DIR/model-best)",
    )
    training.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    training.add_argument("--eval-share", type=float, default=0.2, help="share of documents held out for scoring (0.2)")
    training.add_argument("--status", action="append", choices=STATUS_NAMES, help="train on documents with this status (default: done)")
    training.add_argument("--from-scratch", action="store_true", help="a new NER instead of the current pipeline's")
    training.add_argument("--small", action="store_true", help="with --from-scratch: a small network, trained in seconds")
    training.add_argument("--max-steps", type=int, default=0, help="stop after this many updates (default: no limit)")
    training.add_argument("--max-epochs", type=int, default=30, help="at most this many passes over the data (30)")

    evaluating = commands.add_parser(
        "evaluate", parents=[common],
        help="compare the model's pre-annotations with the analysts' final spans, per label",
    )
    evaluating.add_argument("--status", action="append", choices=STATUS_NAMES, help="documents with this status (default: done)")
    evaluating.add_argument("--layer", choices=[layer.value for layer in Layer], help="only this layer (default: both)")
    evaluating.add_argument("--top", type=int, default=10, help="how many of the most frequent corrections to list (10)")


def run_import(args, store, model: str | None) -> int:
    from core.workflow import import_paths

    summary = import_paths(store, args.paths, fmt=args.format, as_suggestions=args.as_suggestions)
    how = " as suggestions" if args.as_suggestions else ""
    print(
        f"imported {summary.added} document(s){how} from {summary.files} file(s); "
        f"{summary.duplicates} already present; {store.document_count()} in {store.path}"
    )
    return 0


def run_export(args, store, model: str | None) -> int:
    from core.formats import export
    from core.formats.filters import document_filter

    chosen = document_filter(args.status, args.label, args.annotator, args.since, args.until)
    summary = export(store, args.out, args.format, chosen)
    note = f"; {summary.note}" if summary.note else ""
    print(
        f"exported {summary.documents} document(s) with {summary.spans} {summary.unit}(s) to {args.out} ({args.format}{note})"
    )
    return 0


def run_train(args, store, model: str | None) -> int:
    from core.evaluation import format_scores
    from core.model_training import train_from_store
    from core.nlp.training import TrainingOptions

    options = TrainingOptions(
        base=model, fresh=args.from_scratch, tiny=args.small, max_steps=args.max_steps, max_epochs=args.max_epochs
    )
    statuses = tuple(Status(s) for s in args.status) if args.status else (Status.DONE,)
    result = train_from_store(store, args.out_dir, options, args.eval_share, statuses, progress=sys.stderr)
    start = "a new NER" if result.fresh else f"the NER of {result.base}"
    print(f"trained {start} on {result.train_documents} document(s), scored on {result.eval_documents} held out")
    for title, scores in (("before", result.before), ("after", result.after)):
        print(f"\n{title} ({result.base if title == 'before' else result.model_dir}):")
        print("\n".join(format_scores(scores)) if scores else "(no entities predicted or annotated)")
    print(f"\npre-annotate with it: python main.py preannotate --model {result.model_dir}")
    return 0


def run_evaluate(args, store, model: str | None) -> int:
    from core.evaluation import evaluate_store, format_scores

    statuses = tuple(Status(s) for s in args.status) if args.status else (Status.DONE,)
    layers = [Layer(args.layer)] if args.layer else list(Layer)
    for number, layer in enumerate(layers):
        report = evaluate_store(store, layer, statuses)
        if number:
            print()
        print(f"{layer.value} layer: model suggestions vs. analysts' final spans in {report.documents} document(s)")
        if not report.labels:
            print("(nothing to compare: no pre-annotated documents with these statuses have spans of this layer)")
            continue
        print("\n".join(format_scores(report.labels, report.overall)))
        if report.corrections:
            print("most frequent corrections:")
            for correction in report.corrections[: args.top]:
                print(f"  {correction.count:>5}  {correction.kind:<11} {correction.before} -> {correction.after}")
    return 0
