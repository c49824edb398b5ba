"""Child process: open (create, if new) a database and close it.

    python -m tests.child_open DB

Prints ``ok``, or ``error: <message>`` and exits with 1 when Byline refuses it.
"""
import sys

from core.errors import BylineError
from core.store import AnnotationStore

try:
    AnnotationStore(sys.argv[1]).close()
except BylineError as exc:
    print(f"error: {exc}", flush=True)
    sys.exit(1)
print("ok", flush=True)
