"""The ``byline_line_breaks`` spaCy component: a new line starts a new sentence.

News text arrives one paragraph a line, headlines and datelines included, and
a headline or a dateline has no full stop.  The small parser then runs the
sentence on into the next paragraph ("..., Mr. Van Voorhis said\\n\\nC2I plans
to ...") and hangs that paragraph on the cue verb.  spaCy's parser keeps
sentence starts that are set before it runs, so this component marks them.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

LINE_BREAKS_NAME = "byline_line_breaks"


@Language.component(LINE_BREAKS_NAME, assigns=["token.is_sent_start"])
def mark_line_starts(doc: Doc) -> Doc:
    """Mark the first token of every line as a sentence start, unless it begins
    with a small letter: "personally\\nin caucuses" is a line wrapped mid-sentence."""
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if before.is_space and "\n" in before.text and not tok.is_space and not tok.text[0].islower():
            tok.is_sent_start = True
    return doc


def add_line_breaks(nlp: Language) -> None:
    """Put the component right before the parser (if the pipeline has one and lacks it)."""
    if "parser" in nlp.pipe_names and LINE_BREAKS_NAME not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS_NAME, before="parser")
