"""Child process: another Byline holding the database's write lock.

    python -m tests.child_lock DB

Opens the database as a second Byline would, starts a write transaction and
adds a history row (action ``other-window``), prints ``locked``, then waits for
a line on stdin: ``commit`` commits after a short pause, ``exit`` leaves
without committing. Prints ``released`` once the lock is gone.
"""
from __future__ import annotations

import sys
import time
import uuid

from core.store import AnnotationStore


def main(db: str) -> None:
    store = AnnotationStore(db, analyst="other-window")
    doc_id = store.db.execute("select id from documents order by position limit 1").fetchone()[0]
    store.db.conn.execute("BEGIN IMMEDIATE")
    store.db.conn.execute(
        "insert into edits (id, doc_id, action, analyst, at) values (?, ?, 'other-window', 'other', '')",
        [str(uuid.uuid4()), doc_id],
    )
    print("locked", flush=True)
    command = sys.stdin.readline().strip()
    if command == "commit":
        time.sleep(0.3)  # the other side is already waiting for the lock by now
        store.db.conn.execute("COMMIT")
    else:
        store.db.conn.execute("ROLLBACK")
    print("released", flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1])
