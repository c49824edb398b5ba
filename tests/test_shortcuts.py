"""Every command's keys reach it: pressed on the real window, the command's action fires."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog

from gui.shortcuts import COMMANDS
from tests.test_keyboard_workflow import make_store, open_window

# Commands whose keys are tested here only for reaching them; their behaviour is tested elsewhere.
PRESSABLE = [command for command in COMMANDS if command.name != "quit"]


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    # Dialogs the commands open must not block the test.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    store, _first, _second = make_store(tmp_path / "byline.db")
    win = open_window(qtbot, store)
    yield win
    store.close()


@pytest.mark.parametrize("command", PRESSABLE, ids=[command.name for command in PRESSABLE])
def test_each_key_triggers_its_command(qtbot, window, command):
    action = window.actions_by_name[command.name]
    assert [sequence.toString() for sequence in action.shortcuts()] == [
        QKeySequence(key).toString() for key in command.keys
    ]
    fired = []
    action.triggered.connect(lambda *_: fired.append(command.name))
    window.activateWindow()
    window.article.setFocus()
    qtbot.keySequence(window.article, QKeySequence(command.keys[0]))
    assert fired == [command.name]


def test_every_label_key_is_bound_in_the_article(window):
    bound = {name: action.shortcut().toString().lower() for name, action in window.label_actions.items()}
    assert bound == {label.name: label.shortcut for label in window.labels if label.shortcut}
