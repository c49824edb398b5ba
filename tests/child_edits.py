"""Child process: a stream of span edits on one document, as an analyst makes them.

    python -m tests.child_edits DB DOC_ID SEED [--stall-after N] [--stop-after N] [--own]

Before each edit it prints ``begin {json}``; after the store has returned (the
moment the window would show the change) it prints ``ack {json}``. With
--stall-after, the edit after that many acks stops inside its transaction (after
the span row is written, before its history row and the commit), prints
``stalled`` and waits to be killed. With --stop-after it exits after that many
edits; with --own it edits only the spans it created itself (a second window
working on the same document at the same time).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import time

from core.errors import InvalidSpanError
from core.store import AnnotationStore

EDITS_INSERT = re.compile(r'insert\s+into\s+["\[]?edits', re.IGNORECASE)
LABELS = ("PERSON", "ORG", "GPE", "DATE", "EVENT", "LOC")


def say(kind: str, payload: dict) -> None:
    print(kind, json.dumps(payload), flush=True)


def main(db: str, doc_id: str, seed: int, stall_after: int | None, stop_after: int | None, own: bool) -> None:
    rng = random.Random(seed)
    store = AnnotationStore(db, analyst=f"child-{seed}")
    length = len(store.get_document(doc_id).text)
    acked = 0
    mine: set[str] = set()

    def stall(statement: str) -> None:
        if EDITS_INSERT.match(statement.lstrip()):
            print("stalled", flush=True)
            time.sleep(3600)

    while stop_after is None or acked < stop_after:
        if stall_after is not None and acked == stall_after:
            store.db.conn.set_trace_callback(stall)
        spans = [span for span in store.spans(doc_id) if not own or span.id in mine]
        choice = rng.random()
        if not spans or choice < 0.4:
            start = rng.randrange(length - 1)
            op = {"op": "create", "start": start, "end": rng.randrange(start + 1, min(length, start + 30) + 1),
                  "label": rng.choice(LABELS)}
        else:
            span = rng.choice(spans)
            if choice < 0.6:
                op = {"op": "relabel", "id": span.id, "label": rng.choice(LABELS)}
            elif choice < 0.8:
                start = rng.randrange(length - 1)
                op = {"op": "resize", "id": span.id, "start": start, "end": rng.randrange(start + 1, length + 1)}
            elif choice < 0.9:
                op = {"op": "accept", "id": span.id}
            else:
                op = {"op": "delete", "id": span.id}
        say("begin", op)
        try:
            if op["op"] == "create":
                op["id"] = store.create_span(doc_id, op["start"], op["end"], op["label"]).id
                mine.add(op["id"])
            elif op["op"] == "relabel":
                store.relabel_span(op["id"], op["label"])
            elif op["op"] == "resize":
                store.resize_span(op["id"], op["start"], op["end"])
            elif op["op"] == "accept":
                store.accept_span(op["id"])
            else:
                store.delete_span(op["id"])
        except InvalidSpanError as exc:  # not expected: every edit above is valid
            say("error", {"message": str(exc)})
            raise
        acked += 1
        say("ack", op)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("doc_id")
    parser.add_argument("seed", type=int)
    parser.add_argument("--stall-after", type=int)
    parser.add_argument("--stop-after", type=int)
    parser.add_argument("--own", action="store_true")
    args = parser.parse_args()
    main(args.db, args.doc_id, args.seed, args.stall_after, args.stop_after, args.own)
    print("done", flush=True)
