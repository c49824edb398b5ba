"""Byline's entry point: the window by default, subcommands for headless work.

This is the one place that wires ``core`` (logic) and ``gui`` (widgets) together.
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from core.cli import build_parser, resolve_options, run_command
    from core.errors import BylineError
    from core.settings import load_settings

    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    try:
        settings = load_settings()
        db_path, model = resolve_options(args, settings)
    except BylineError as exc:
        print(f"byline: {exc}", file=sys.stderr)
        return 1
    from gui.app import run_gui

    return run_gui(db_path, settings, model)


if __name__ == "__main__":
    sys.exit(main())
