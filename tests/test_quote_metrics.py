"""The quote metric on tiny hand-built examples whose numbers are worked out by hand."""
from __future__ import annotations

import json

import pytest

from core.model import QuoteKind, QuoteSuggestion
from core.quote_metrics import (
    GoldDocument,
    GoldQuote,
    QuoteScores,
    evaluate_quotes,
    is_speech_cue,
    load_ggt,
    load_gold,
    load_polnear,
    match_quotes,
    resolved_matches,
    score_quotes,
    split_at_attribution,
)


def g(s, e, kind="direct", speaker=None, reference=None):
    return GoldQuote(((s, e),), kind, ((speaker[0], speaker[1]),) if speaker else None, None, reference)


def p(s, e, speaker=None, resolved=None, kind=QuoteKind.DIRECT):
    return QuoteSuggestion(s, e, kind, speaker, None, resolved)


GOLD = [
    g(0, 100, "direct", speaker=(101, 105), reference="John Smith"),
    g(200, 250, "indirect", speaker=(190, 195), reference="Jane Doe"),
    g(300, 310, "floating", reference="Jane Doe"),
]
PRED = [
    p(0, 40, speaker=None, resolved="Smith"),  # 40% of gold 1: matches at 0.3 only, IoU 0.4
    p(195, 260, speaker=(190, 194), resolved="Jane Doe"),  # covers gold 2: IoU 50/65
    p(500, 520),  # spurious
]


def test_prf_at_thresholds():
    s = score_quotes(GOLD, PRED)
    assert (s.at[0.3].matched, s.at[0.3].n_gold, s.at[0.3].n_pred) == (2, 3, 3)
    assert s.at[0.3].precision == pytest.approx(2 / 3)
    assert s.at[0.3].recall == pytest.approx(2 / 3)
    assert s.at[0.3].f1 == pytest.approx(2 / 3)
    assert s.at[0.8].f1 == pytest.approx(1 / 3)
    assert s.iou.matched == 1 and s.iou.f1 == pytest.approx(1 / 3)


def test_speaker_and_resolved_accuracy():
    s = score_quotes(GOLD, PRED)
    # gold 1 has a speaker but the prediction has none; gold 2's overlaps
    assert (s.speaker.hits, s.speaker.total) == (1, 2)
    # "Smith" contains the last word of "John Smith"; gold 3 is unmatched
    assert (s.resolved.hits, s.resolved.total) == (2, 2)


def test_kind_recall():
    s = score_quotes(GOLD, PRED)
    assert s.kind_recall["direct"].value == 1.0
    assert s.kind_recall["indirect"].value == 1.0
    assert (s.kind_recall["floating"].hits, s.kind_recall["floating"].total) == (0, 1)
    assert s.kind_recall["mixed"].total == 0


def test_greedy_matching_takes_best_unmatched():
    gold = [g(0, 100), g(0, 40)]
    pred = [p(0, 50), p(0, 90)]
    # gold 1: scores 0.5 and 0.9 -> pred 1; gold 2 then takes pred 0 (40/40)
    assert match_quotes(gold, pred, 0.3) == {0: 1, 1: 0}
    # one prediction cannot serve two gold quotes
    assert match_quotes([g(0, 10), g(0, 10)], [p(0, 10)], 0.3) == {0: 0}


def test_threshold_is_inclusive_and_overlong_predictions_are_forgiven():
    assert match_quotes([g(0, 10)], [p(7, 20)], 0.3) == {0: 0}  # exactly 3/10
    assert match_quotes([g(0, 10)], [p(8, 20)], 0.3) == {}
    assert match_quotes([g(10, 20)], [p(0, 100)], 0.8) == {0: 0}  # score 1.0
    assert match_quotes([g(10, 20)], [p(0, 100)], 0.5, symmetric=True) == {}  # IoU 0.1


def test_discontinuous_gold_counts_only_its_pieces():
    gold = [GoldQuote(((0, 10), (20, 30)), "direct")]
    # prediction covers 10..20 only: no shared characters
    assert match_quotes(gold, [p(10, 20)], 0.3) == {}
    # the hull 0..30 shares all 20 gold characters; IoU 20/30
    assert match_quotes(gold, [p(0, 30)], 0.8) == {0: 0}
    assert match_quotes(gold, [p(0, 30)], 0.5, symmetric=True) == {0: 0}


def test_resolved_matches_last_word():
    assert resolved_matches("Dmitry Peskov", "Dmitry Peskov")
    assert resolved_matches("Dmitry Peskov", "Peskov")
    assert not resolved_matches("Dmitry Peskov", "Dmitry")
    assert not resolved_matches("Dmitry Peskov", None)


def test_scores_add_up_micro():
    total = QuoteScores()
    total.add(score_quotes(GOLD, PRED))
    total.add(score_quotes([g(0, 10)], [p(0, 10)]))
    assert total.n_docs == 2
    assert total.at[0.3].matched == 3 and total.at[0.3].n_gold == 4 and total.at[0.3].n_pred == 4
    table = total.format("t")
    assert "overlap >= 0.3" in table and "75.0" in table


def test_empty_inputs():
    s = score_quotes([], [])
    assert s.at[0.3].f1 == 0.0 and s.speaker.value == 0.0


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_load_ggt_marks_speakerless_as_floating(tmp_path):
    text = "Ann Lee said it was late. \u201cWe go home.\u201d"
    row = {"id": "a1", "text": text, "quotes": [
        {"quote": [12, 24], "speaker": [0, 7], "verb": [8, 12], "reference": "Ann Lee", "kind": "indirect"},
        {"quote": [26, 40], "speaker": None, "verb": None, "reference": "Ann Lee", "kind": "direct"},
        {"quote": None, "speaker": None, "verb": [0, 3], "reference": "Ann Lee", "kind": "direct"},
    ]}
    docs = load_ggt(_write(tmp_path / "g.jsonl", [row]))
    assert len(docs) == 1 and len(docs[0].quotes) == 2  # the span-less annotation is skipped
    assert [q.kind for q in docs[0].quotes] == ["indirect", "floating"]
    assert docs[0].quotes[0].speaker == ((0, 7),)
    assert load_gold(tmp_path / "g.jsonl")[0].quotes == docs[0].quotes


def test_load_polnear_keeps_speech_attributions(tmp_path):
    text = "Polls show a tie. Bo said that taxes rise. Bo: no comment. According to Al, it rains."
    attr = [
        {"type": "Attribution", "source": [[0, 5]], "cue": [[6, 10]], "content": [[11, 16]],
         "cue_text": "show", "kind": "indirect", "has_source": True},
        {"type": "Attribution", "source": [[18, 20]], "cue": [[21, 25]], "content": [[26, 41]],
         "cue_text": "said", "kind": "indirect", "has_source": True},
        {"type": "Attribution", "source": [[43, 45]], "cue": [[45, 46]], "content": [[47, 57]],
         "cue_text": ":", "kind": "indirect", "has_source": True},
        {"type": "Attribution", "source": [[72, 74]], "cue": [[59, 71]], "content": [[76, 84], [84, 85]],
         "cue_text": "According to", "kind": "indirect", "has_source": True},
    ]
    path = _write(tmp_path / "p.jsonl", [{"id": "p1", "text": text, "attributions": attr}])
    docs = load_polnear(path)
    assert [q.cue for q in docs[0].quotes] == [((21, 25),), ((59, 71),)]
    assert docs[0].quotes[1].content == ((76, 84), (84, 85))
    assert all(q.reference is None for q in docs[0].quotes)
    assert len(load_polnear(path, speech_only=False)[0].quotes) == 4
    assert load_gold(path)[0].quotes == docs[0].quotes


@pytest.mark.parametrize("cue,speech", [
    ("said", True), ("has said", True), ("told", True), ("according to", True), ("urged", True),
    ("pointed out", True), (":", False), ("\u2015", False), ("shows", False), ("found", False), ("believes", False), ("wants", False),
    ("yelled", True), ("mused", True), ("wondered", True), ("wonderful", False), ("music", False),
    # a stem that ends in "e" loses it before "-ing"
    ("noting", True), ("stating", True), ("citing", False), ("voting", False),
    # words that only begin like a speech verb
    ("addressed", False), ("added", True), ("replaced", False), ("replied", True), ("specifically", False),
])
def test_speech_cue_filter(cue, speech):
    assert is_speech_cue(cue) is speech


def test_a_source_and_cue_swapped_by_the_annotator_are_swapped_back(tmp_path):
    text = '"We will win," said Hester. Trump said taxes rise.'
    attr = [
        # annotated with "Hester" as the cue and "said" as the source
        {"type": "Attribution", "source": [[15, 19]], "cue": [[20, 26]], "content": [[0, 14]],
         "source_text": "said", "cue_text": "Hester", "kind": "direct", "has_source": True},
        {"type": "Attribution", "source": [[28, 33]], "cue": [[34, 38]], "content": [[39, 49]],
         "source_text": "Trump", "cue_text": "said", "kind": "indirect", "has_source": True},
    ]
    (doc,) = load_polnear(_write(tmp_path / "p.jsonl", [{"id": "p1", "text": text, "attributions": attr}]))
    assert [(q.speaker, q.cue) for q in doc.quotes] == [(((20, 26),), ((15, 19),)), (((28, 33),), ((34, 38),))]


def test_naming_cues_count_only_for_quoted_words():
    assert not is_speech_cue("called")
    assert is_speech_cue("called", kind="direct")
    assert is_speech_cue("described", kind="mixed")
    assert not is_speech_cue("criticized", kind="direct")
    assert is_speech_cue("continued", kind="direct") and not is_speech_cue("continued")
    assert is_speech_cue("\u2015", kind="direct"), "a direct quote signed with a dash"


def test_split_at_attribution_follows_the_ggt_convention():
    text = '"The pier is safe," she said. "We checked it twice." Then the meeting\nwent on, "no doubt."'

    def at(piece):
        return (text.index(piece), text.index(piece) + len(piece))

    split_by_attribution = GoldQuote(
        (at('"The pier is safe,"'), at('"We checked it twice."')), "direct", (at("she"),), (at("said"),)
    )
    split_by_a_line = GoldQuote((at("Then the meeting"), at('went on, "no doubt."')), "mixed")
    doc = split_at_attribution(GoldDocument("d", text, (split_by_attribution, split_by_a_line)))
    assert [text[q.start:q.end] for q in doc.quotes] == [
        '"The pier is safe,"', '"We checked it twice."', 'Then the meeting\nwent on, "no doubt."'
    ]
    assert doc.quotes[1].speaker == (at("she"),) and len(doc.quotes[2].content) == 1


@pytest.mark.slow
def test_evaluate_quotes_runs_the_pipeline(tmp_path):
    from tests.quote_articles import shared_pipeline

    text = "Mayor Elena Ruiz opened the pier. Ruiz said that the ferry would return in May."
    s = text.index("that the ferry")
    e = text.index(".", s)
    row = {"id": "x", "text": text, "quotes": [
        {"quote": [s, e], "speaker": [34, 38], "verb": [39, 43], "reference": "Elena Ruiz", "kind": "indirect"},
    ]}
    report = evaluate_quotes(_write(tmp_path / "g.jsonl", [row]), shared_pipeline())
    assert report.total.at[0.8].f1 == 1.0
    assert report.total.iou.f1 == 1.0
    assert report.total.speaker.value == 1.0
    assert report.total.resolved.value == 1.0
    assert report.predictions["x"][0].resolved_speaker == "Elena Ruiz"
    out = report.format()
    assert "resolved-speaker accuracy" in out and "100.0" in out


@pytest.mark.parametrize("name,articles", [("heldout_quotes.jsonl", 12), ("heldout_news_quotes.jsonl", 10)])
def test_the_held_out_articles_are_consistent_gold(name, articles):
    """tests/data/heldout_*.jsonl: articles written for measuring, never for tuning."""
    import json
    from pathlib import Path

    path = Path(__file__).parent / "data" / name
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        text = row["text"]
        for q in row["quotes"]:
            for part in ("quote", "speaker", "verb"):
                if q[part] is not None:
                    assert text[q[part][0]:q[part][1]] == q[f"{part}_text" if part != "quote" else "quote_text"]
            assert q["kind"] in ("direct", "indirect", "mixed") and q["reference"]
    docs = load_gold(path)
    assert len(docs) == len(rows) == articles
    for doc in docs:  # one quote never overlaps another
        assert all(a.end <= b.start for a, b in zip(doc.quotes, doc.quotes[1:]))
    assert sum(len(d.quotes) for d in docs) == sum(len(r["quotes"]) for r in rows)
