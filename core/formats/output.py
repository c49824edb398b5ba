"""Writing export files so that a failed export never leaves half a file behind."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from core.errors import BylineError


@contextmanager
def atomic_text_file(out: Path) -> Iterator[TextIO]:
    """A UTF-8 text handle on ``OUT.partial``, renamed to ``out`` when the block succeeds.

    On any error (a disk error, a span that cannot be exported, an interrupt)
    the partial file is removed and ``out`` is left as it was.
    """
    partial = out.with_name(out.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as handle:
            yield handle
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BylineError(f"cannot write {out}: {exc.strerror or exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_folder(out: Path) -> Iterator[Path]:
    """A fresh folder ``OUT.partial`` to fill, renamed to ``out`` when the block succeeds.

    ``out`` must not exist or be an empty folder: an export never mixes its
    files with others (a stale .ann from an earlier export would be re-imported).
    """
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BylineError(f"{out} already exists and is not an empty folder; choose a new folder for this export")
    if not out.parent.is_dir():
        raise BylineError(f"cannot write {out}: the folder {out.parent} does not exist")
    partial = out.with_name(out.name + ".partial")
    try:
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        yield partial
        if out.exists():
            out.rmdir()
        partial.rename(out)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise BylineError(f"cannot write {out}: {exc.strerror or exc}") from exc
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
