"""The Qt binding must not corrupt None's reference count (PySide6 6.12.0 on CPython 3.11 does)."""
from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QTextCharFormat


def test_void_qt_calls_leave_none_alone(qapp):
    fmt = QTextCharFormat()
    colour = QColor("#336699")
    before = sys.getrefcount(None)
    for _ in range(20000):
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(colour)
        fmt.setForeground(colour)
    # A healthy binding leaves the count where it was (give or take a few
    # references taken elsewhere meanwhile); the broken one drops it by 60,000.
    assert sys.getrefcount(None) - before > -1000
