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

    commands.add_parser("preannotate", parents=[common], help="pre-annotate every document that has no suggestions yet")

    exporting = commands.add_parser("export", parents=[common], help="export annotations (Prodigy's span JSONL or --format)")
    exporting.add_argument("out", type=Path, metavar="OUT")
    cli_exchange.add_export_options(exporting)

    cli_exchange.add_commands(commands, common)
    return parser


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

    pending = len(store.documents_needing_preannotation())
    if not pending:
        print("nothing to pre-annotate: every document has suggestions already")
        return 0
    annotator = PreAnnotator(load_pipeline(model))
    with tqdm(total=pending, unit="doc", desc="pre-annotating", file=sys.stderr) as bar:
        done = preannotate_pending(store, annotator, on_progress=lambda *_: bar.update(1))
    print(f"pre-annotated {done} document(s) with {annotator.name}")
    return 0


_COMMANDS = {
    "import": cli_exchange.run_import,
    "preannotate": _preannotate,
    "export": cli_exchange.run_export,
    "train": cli_exchange.run_train,
    "evaluate": cli_exchange.run_evaluate,
}
