"""Running the child processes of the crash and concurrency tests.

Each child is a real Python process on a real database file (``python -m
tests.child_...``) that reports what it does on stdout, one line at a time;
the tests read those lines and kill it with SIGKILL at chosen points.
"""
from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Generous: a child that hangs fails the test instead of hanging the suite.
LINE_TIMEOUT = 60


class Child:
    """A running ``python -m <module> args...`` whose stdout lines arrive on a queue."""

    def __init__(self, module: str, *args: str | Path, env: dict | None = None, preexec_fn=None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", module, *map(str, args)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
            preexec_fn=preexec_fn,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def next_line(self) -> str | None:
        """The next line the child printed, or None once it has exited."""
        try:
            return self.lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            self.kill()
            raise AssertionError(f"child printed nothing for {LINE_TIMEOUT} s") from None

    def wait_for(self, prefix: str) -> str:
        """Read lines until one starts with ``prefix``; returns it."""
        while True:
            line = self.next_line()
            if line is None:
                raise AssertionError(f"child exited before printing {prefix!r}: {self.stderr()}")
            if line.startswith(prefix):
                return line

    def send(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        """SIGKILL: no handler, no cleanup, no flushing; as a crash or a power button."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=LINE_TIMEOUT)

    def finish(self) -> int:
        """Wait for a normal exit; returns the exit code."""
        code = self.proc.wait(timeout=120)
        self._reader.join(timeout=LINE_TIMEOUT)
        return code

    def remaining_lines(self) -> list[str]:
        lines = []
        while True:
            line = self.next_line()
            if line is None:
                return lines
            lines.append(line)

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return ""
        return self.proc.stderr.read()


def integrity(path: Path) -> tuple[str, list]:
    """``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` on a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    return ", ".join(row[0] for row in check), foreign
