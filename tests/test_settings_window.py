"""Settings in the window: the cue lexicon is chosen there, checked on Save, and used by
the window's pre-annotation."""
from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from core.settings import Settings, load_settings
from gui.main_window import MainWindow
from gui.settings_dialog import SettingsDialog
from tests.gui_driver import span_list_texts
from tests.test_window import add_text

MUTTERED = "Ferry delayed\n\nThe harbour master muttered that the ferry would be late.\n"


def save_button(dialog: SettingsDialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_a_bad_lexicon_is_refused_on_save_and_a_good_one_is_kept(qtbot, tmp_path, monkeypatch, mutter_lexicon):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    bad = tmp_path / "bad.json"
    bad.write_text('{"speech_verbs": ["say"], "speach_nouns": []}', encoding="utf-8")
    dialog = SettingsDialog(Settings(analyst="tester"))
    qtbot.addWidget(dialog)
    dialog.lexicon.setText(str(bad))
    save_button(dialog).click()
    assert warnings and 'unknown key "speach_nouns"' in warnings[0]
    assert dialog.result() == 0 and load_settings().lexicon is None  # nothing saved

    good = mutter_lexicon
    dialog.lexicon.setText(str(good))
    save_button(dialog).click()
    assert dialog.result() == 1 and len(warnings) == 1
    assert load_settings().lexicon == str(good) and dialog.settings().lexicon == str(good)


def test_the_window_pre_annotates_with_the_lexicon_of_its_settings(qtbot, store, mutter_lexicon):
    ours = mutter_lexicon
    doc_id = add_text(store, MUTTERED, title="Ferry delayed")
    window = MainWindow(store, Settings(analyst="tester", lexicon=str(ours)))
    qtbot.addWidget(window)
    window.show()
    window.start_preannotation(import_samples=False)
    qtbot.waitUntil(lambda: not window.is_preannotating(), timeout=60000)
    quotes = [s for s in store.spans(doc_id) if s.label == "QUOTE"]
    assert [MUTTERED[q.start:q.end] for q in quotes] == ["that the ferry would be late"]
    window.open_document(doc_id)
    assert span_list_texts(window, "QUOTE") == ["that the ferry would be late  — The harbour master"]
