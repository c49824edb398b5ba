"""Change sets: every edit can be reverted and reapplied through the store, rows and ids intact."""
from __future__ import annotations

from core.nlp.tokenizer import tokenize
from core.store import NewDocument

TEXT = 'Ada Quill said the strike would go on. She told reporters: "No."'


def snapshot(store, doc_id):
    spans = sorted((s.id, s.start, s.end, s.label, s.origin, tuple(sorted(s.attrs.items()))) for s in store.spans(doc_id))
    relations = sorted((r.id, r.head_id, r.child_id, r.label) for r in store.relations(doc_id))
    return spans, relations


def test_revert_and_reapply_every_kind_of_edit(store):
    store.add_documents([NewDocument(TEXT, "t", {}, tokenize(TEXT))])
    doc_id = store.list_documents()[0].id
    states = [snapshot(store, doc_id)]
    change_sets = []

    def step(description, operation):
        result, change_set = store.recorded(doc_id, description, operation)
        change_sets.append(change_set)
        states.append(snapshot(store, doc_id))
        return result

    quote = step("add quote", lambda: store.create_span(doc_id, 15, 37, "QUOTE", {"kind": "indirect"}))
    step("speaker", lambda: store.set_quote_part(quote.id, "speaker", 0, 9))
    step("cue", lambda: store.set_quote_part(quote.id, "cue", 10, 14))
    person = step("person", lambda: store.create_span(doc_id, 0, 9, "PERSON"))
    step("relabel", lambda: store.relabel_span(person.id, "ORG"))
    step("resize", lambda: store.resize_span(person.id, 4, 9))
    step("attrs", lambda: store.set_span_attrs(quote.id, resolved_speaker="Ada Quill"))
    step("new speaker", lambda: store.set_quote_part(quote.id, "speaker", 39, 42))
    step("delete quote", lambda: store.delete_span(quote.id))
    assert all(change_set.changes for change_set in change_sets)

    for index in reversed(range(len(change_sets))):
        store.revert(change_sets[index])
        assert snapshot(store, doc_id) == states[index], change_sets[index].description
    for index, change_set in enumerate(change_sets):
        store.reapply(change_set)
        assert snapshot(store, doc_id) == states[index + 1], change_set.description
    actions = [edit.action for edit in store.history(doc_id)]
    assert actions.count("undo") == len(change_sets) and actions.count("redo") == len(change_sets)


def test_accept_all_confirms_only_suggestions_in_one_change_set(store):
    from core.model import Layer, SpanSuggestion

    store.add_documents([NewDocument(TEXT, "t", {}, tokenize(TEXT))])
    doc_id = store.list_documents()[0].id
    store.save_preannotation(doc_id, "m", [SpanSuggestion(0, 9, "PERSON", Layer.ENTITY),
                                           SpanSuggestion(39, 42, "PERSON", Layer.ENTITY)])
    store.create_span(doc_id, 15, 21, "EVENT")
    count, change_set = store.recorded(doc_id, "accept all", lambda: store.accept_all(doc_id))
    assert count == 2 and len(change_set.changes) == 2
    assert {s.origin for s in store.spans(doc_id)} == {"analyst"}
    store.revert(change_set)
    assert sorted(s.origin for s in store.spans(doc_id)) == ["analyst", "model", "model"]


def test_a_failed_edit_records_nothing(store):
    import pytest

    from core.errors import InvalidSpanError

    store.add_documents([NewDocument(TEXT, "t", {}, tokenize(TEXT))])
    doc_id = store.list_documents()[0].id
    with pytest.raises(InvalidSpanError):
        store.recorded(doc_id, "bad", lambda: (store.create_span(doc_id, 0, 3, "PERSON"),
                                                store.create_span(doc_id, 5, 999, "PERSON")))
    assert store.spans(doc_id) == []  # the first create was rolled back with the second
