"""The command line: argument parsing and the headless subcommands.

``main.py`` builds the parser here; with no subcommand it opens the window,
otherwise it calls ``run_command``. Every command prints a one-line summary and
returns an exit code; errors become one clear line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core import cli_exchange
from core.errors import BylineError
from core.settings import Settings, default_database_path, load_settings
from core.store import AnnotationStore


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="byline",
        description="Byline: correct pre-annotated entities and quotes in news articles. "
        "Without a command, opens the window.",
    )
    # Accepted before and after the command; SUPPRESS keeps a subcommand from
    # overwriting a value given before it with its own default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="the database file")
    common.add_argument("--model", default=argparse.SUPPRESS, help="spaCy pipeline: a package name or a folder")
    parser.add_argument("--db", type=Path, help="the database file (default: in your user data folder)")
    parser.add_argument("--model", help="spaCy pipeline: a package name or a folder (default: en_core_web_sm)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    importing = commands.add_parser(
        "import", parents=[common], help="import .txt files, folders of them, and JSONL files with a \"text\" field"
    )
    importing.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    cli_exchange.add_import_options(importing)

    preannotating = commands.add_parser(
        "preannotate", parents=[common], help="pre-annotate every document that has no suggestions yet")
    _add_lexicon_option(preannotating)
    preannotating.add_argument(
        "--again", action="store_true",
        help="also pre-annotate again the documents no analyst has touched yet (after changing --model or "
        "--lexicon): their suggestions are replaced; any document an analyst changed keeps everything")

    exporting = commands.add_parser("export", parents=[common], help="export annotations (Prodigy's span JSONL or --format)")
    exporting.add_argument("out", type=Path, metavar="OUT")
    cli_exchange.add_export_options(exporting)

    cli_exchange.add_commands(commands, common)

    stats = commands.add_parser("stats", parents=[common], help="print the corpus statistics; --plots writes the charts")
    stats.add_argument("--plots", type=Path, metavar="DIR", help="write the charts as PNG and SVG into DIR")

    quotes = commands.add_parser(
        "evaluate-quotes", parents=[common], help="pre-annotate gold quote annotations and score the quotes found"
    )
    quotes.add_argument("gold", type=Path, nargs="+", metavar="GOLD.jsonl", help="ggt or PolNeAR gold files")
    _add_lexicon_option(quotes)
    return parser


def _add_lexicon_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--lexicon", type=Path, metavar="FILE",
        help="cue lexicon for the quote finder, a JSON file shaped like resources/cue_verbs.json "
        "(default: the one in Settings, else resources/cue_verbs.json)")


def resolve_options(args: argparse.Namespace, settings: Settings) -> tuple[Path, str | None]:
    """The database path and model name: command line first, then settings, then defaults."""
    db_path = args.db if args.db is not None else default_database_path()
    model = args.model or settings.model
    return db_path, model


def run_command(args: argparse.Namespace) -> int:
    """Run a headless subcommand; returns the process exit code."""
    try:
        settings = load_settings()
        db_path, model = resolve_options(args, settings)
        if hasattr(args, "lexicon"):
            args.lexicon = args.lexicon or settings.lexicon  # command line first, then settings
        if args.command in _WITHOUT_DATABASE:
            return _WITHOUT_DATABASE[args.command](args, model)
        with AnnotationStore(db_path, analyst=settings.analyst) as store:
            return _COMMANDS[args.command](args, store, model)
    except BylineError as exc:
        print(f"byline {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"byline {args.command}: interrupted; finished work is saved", file=sys.stderr)
        return 130


def _preannotate(args, store: AnnotationStore, model: str | None) -> int:
    from tqdm import tqdm

    from core.nlp.pipeline import PreAnnotator, load_pipeline
    from core.workflow import preannotate_pending

    if args.lexicon:
        from core.nlp.quote_lexicon import load_lexicon

        load_lexicon(args.lexicon)  # a bad file is reported even when there is nothing to do
    annotator = None
    if args.again:
        # loaded first: a pipeline that cannot be loaded must not leave documents without suggestions
        annotator = PreAnnotator(load_pipeline(model), lexicon=args.lexicon)
        again = store.reset_preannotation(store.untouched_preannotated())
        print(f"{again} untouched document(s) will be pre-annotated again", file=sys.stderr)
    pending = len(store.documents_needing_preannotation())
    if not pending:
        print("nothing to pre-annotate: every document has suggestions already")
        return 0
    annotator = annotator or PreAnnotator(load_pipeline(model), lexicon=args.lexicon)
    with tqdm(total=pending, unit="doc", desc="pre-annotating", file=sys.stderr) as bar:
        done = preannotate_pending(store, annotator, on_progress=lambda *_: bar.update(1))
    print(f"pre-annotated {done} document(s) with {annotator.name}")
    return 0


def _stats(args, store: AnnotationStore, model: str | None) -> int:
    from core.statistics import corpus_statistics, format_statistics

    stats = corpus_statistics(store)
    print(format_statistics(stats))
    if args.plots:
        from core.charts import all_charts, save_charts

        written = save_charts(all_charts(stats, {label.name: label.colour for label in store.labels()}), args.plots)
        print(f"wrote {len(written)} chart files (PNG and SVG) to {args.plots}")
    return 0


def _evaluate_quotes(args, model: str | None) -> int:
    from core.nlp.pipeline import load_pipeline
    from core.nlp.quote_finder import add_quote_finder
    from core.quote_metrics import evaluate_quotes

    nlp = load_pipeline(model)
    add_quote_finder(nlp, args.lexicon)  # a bad lexicon fails before any gold file is read
    for number, path in enumerate(args.gold):
        if not path.is_file():
            raise BylineError(f"{path}: no such file")
        try:
            report = evaluate_quotes(path, nlp, lexicon=args.lexicon)
        except (OSError, ValueError, KeyError) as exc:
            raise BylineError(f"{path}: cannot read it as ggt or PolNeAR gold annotations ({exc})") from exc
        print(("\n" if number else "") + report.format())
    return 0


_WITHOUT_DATABASE = {"evaluate-quotes": _evaluate_quotes}

_COMMANDS = {
    "stats": _stats,
    "import": cli_exchange.run_import,
    "preannotate": _preannotate,
    "export": cli_exchange.run_export,
    "train": cli_exchange.run_train,
    "evaluate": cli_exchange.run_evaluate,
}
