"""Child process: a bulk import or a pre-annotation run, to be killed half-way.

    python -m tests.child_batch import DB FOLDER [STALL_AT]
    python -m tests.child_batch preannotate DB MODEL [STALL_AT]

It prints ``ready`` when it starts writing and ``wrote N`` each time it writes
the N-th document row (import) or marks the N-th document pre-annotated
(pre-annotation), without waiting. With STALL_AT, it stops right there instead,
inside that document's transaction, prints ``stalled`` and waits to be killed.
It prints ``done`` when the run finishes.
"""
from __future__ import annotations

import re
import sys
import time

from core.store import AnnotationStore

STATEMENTS = {
    "import": re.compile(r'insert\s+into\s+["\[]?documents["\]]?\s*\(', re.IGNORECASE),
    "preannotate": re.compile(r"update\s+documents\s+set\s+preannotated_with\b", re.IGNORECASE),
}


def main(command: str, db: str, target: str, stall_at: int | None) -> None:
    store = AnnotationStore(db, analyst="child")
    pattern = STATEMENTS[command]
    seen: set[str] = set()
    count = 0

    def watch(statement: str) -> None:
        # SQLite reports a statement again for each trigger it runs (the full-text
        # index): the expanded text, values included, tells one document from another.
        nonlocal count
        if pattern.match(statement.lstrip()) and statement not in seen:
            seen.add(statement)
            count += 1
            if count == stall_at:
                print("stalled", flush=True)
                time.sleep(3600)
            print(f"wrote {count}", flush=True)

    if command == "import":
        from core.workflow import import_paths

        print("ready", flush=True)
        store.db.conn.set_trace_callback(watch)
        import_paths(store, [target])
    else:
        from core.nlp.pipeline import PreAnnotator, load_pipeline
        from core.workflow import preannotate_pending

        annotator = PreAnnotator(load_pipeline(target))
        print("ready", flush=True)
        store.db.conn.set_trace_callback(watch)
        preannotate_pending(store, annotator)
    store.db.conn.set_trace_callback(None)
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else None)
