"""Where the article ends, in the window: greyed, and moved by the analyst with undo."""
from __future__ import annotations

from PySide6.QtCore import Qt

from core.nlp.tokenizer import tokenize
from core.store import AnnotationStore, NewDocument
from tests.gui_driver import drag, format_at
from tests.test_keyboard_workflow import open_window

ARTICLE = (
    "Port strike ends after two weeks\n\n"
    "Dockers in Port Halloran voted on Monday to end their strike, the union said.\n\n"
    "Related stories\n"
    "Council approves new bus lanes\n"
    "Drought hits olive growers in the south\n"
)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def ranges(store, doc_id):
    return [(r.start, r.end) for r in store.excluded_ranges(doc_id)]


def test_related_stories_are_greyed_and_the_boundary_moves_with_undo(qtbot, tmp_path):
    store = AnnotationStore(tmp_path / "byline.db", analyst="tester")
    store.add_documents([NewDocument(ARTICLE, "strike", {}, tokenize(ARTICLE))])
    window = open_window(qtbot, store)
    doc_id = window.current_doc_id
    block = ARTICLE.index("Related stories")
    assert ranges(store, doc_id) == [(block, len(ARTICLE) - 1)]  # detected at import
    greyed = format_at(window.article, block + 3)
    assert greyed is not None and greyed.fontItalic() and greyed.foreground().color().name() == "#8a8a8a"
    assert format_at(window.article, ARTICLE.index("Dockers")) is None

    # The analyst decides the union's sentence is not the article either...
    sentence = ARTICLE.index("the union said")
    drag(window.article, sentence, sentence + len("the union said"))
    qtbot.keyClick(window.article, Qt.Key.Key_X, CTRL_SHIFT)
    assert (sentence, sentence + len("the union said")) in ranges(store, doc_id)
    assert format_at(window.article, sentence + 2) is not None
    # ...and takes one headline back in.
    headline = ARTICLE.index("Council approves")
    drag(window.article, headline, headline + len("Council approves new bus lanes"))
    qtbot.keyClick(window.article, Qt.Key.Key_I, CTRL_SHIFT)
    assert format_at(window.article, headline + 2) is None
    assert not any(start <= headline < end for start, end in ranges(store, doc_id))

    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ranges(store, doc_id) == [(block, len(ARTICLE) - 1)]
    assert format_at(window.article, sentence + 2) is None
    assert format_at(window.article, headline + 2) is not None
    store.close()
