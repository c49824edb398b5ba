"""Evaluation of quote suggestions against gold annotations (pure Python).

The metric follows the one used for the Gender Gap Tracker evaluation (see
``/work/shared/data/quotes/README.md``):

* each gold quote, in document order, takes the best still unmatched
  prediction whose overlap score ``shared chars / gold chars`` reaches the
  threshold (0.3 and 0.8 are reported);
* because that score forgives over-long predictions, a symmetric variant
  matches on intersection-over-union >= 0.5;
* speaker-mention accuracy: among quotes matched at 0.3 that have a gold
  speaker mention, the share whose predicted mention overlaps it;
* resolved-speaker accuracy: among quotes matched at 0.3 that have a gold
  ``reference``, the share whose predicted resolved name contains the last
  word of the reference (case-insensitive);
* recall per kind (direct / indirect / mixed / floating), at threshold 0.3.

Gold spans may be discontinuous (PolNeAR), so they are tuples of pieces.
Nothing here imports spaCy; :func:`evaluate_quotes` (behind ``main.py
evaluate-quotes``) imports core.nlp lazily because it has to run a pipeline.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

from core.model import QuoteSuggestion

Pieces = tuple[tuple[int, int], ...]

KINDS = ("direct", "indirect", "mixed", "floating")
THRESHOLDS = (0.3, 0.8)
IOU_THRESHOLD = 0.5


@dataclass(frozen=True)
class GoldQuote:
    """One gold quote: content pieces, optional speaker/cue pieces, kind, reference."""

    content: Pieces
    kind: str
    speaker: Pieces | None = None
    cue: Pieces | None = None
    reference: str | None = None

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


@dataclass(frozen=True)
class GoldDocument:
    """A gold text with its quotes, sorted by start."""

    id: str
    text: str
    quotes: tuple[GoldQuote, ...]


# --------------------------------------------------------------------------- #
# Character arithmetic on (start, end) pieces
# --------------------------------------------------------------------------- #

def _merge(pieces: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping pieces (annotations may touch or overlap)."""
    merged: list[list[int]] = []
    for s, e in sorted(pieces):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _shared(pieces: list[tuple[int, int]], start: int, end: int) -> int:
    """Characters of the merged ``pieces`` inside [start, end)."""
    return sum(max(0, min(e, end) - max(s, start)) for s, e in pieces)


def _overlaps(a: Iterable[tuple[int, int]], b: tuple[int, int]) -> bool:
    return any(s < b[1] and b[0] < e for s, e in a)


# --------------------------------------------------------------------------- #
# Matching
# --------------------------------------------------------------------------- #

def match_quotes(
    gold: Sequence[GoldQuote],
    pred: Sequence[QuoteSuggestion],
    threshold: float,
    symmetric: bool = False,
) -> dict[int, int]:
    """Greedy one-to-one matching, gold quotes in order; returns {gold index: pred index}.

    Score is shared/gold characters, or intersection/union when ``symmetric``.
    A pair matches when its score is >= ``threshold``; among the candidates the
    best-scoring unmatched prediction wins (ties: the earlier prediction).
    """
    used: set[int] = set()
    matches: dict[int, int] = {}
    for gi, g in enumerate(gold):
        pieces = _merge(g.content)
        g_len = sum(e - s for s, e in pieces)
        if not g_len:
            continue
        best, best_score = None, 0.0
        for pi, p in enumerate(pred):
            if pi in used:
                continue
            shared = _shared(pieces, p.start, p.end)
            if not shared:
                continue
            denom = g_len + (p.end - p.start) - shared if symmetric else g_len
            score = shared / denom
            if score >= threshold and score > best_score:
                best, best_score = pi, score
        if best is not None:
            used.add(best)
            matches[gi] = best
    return matches


def _last_word(name: str) -> str:
    words = re.findall(r"[\w'’\-]+", name)
    return words[-1].lower() if words else ""


def resolved_matches(reference: str | None, resolved: str | None) -> bool:
    """True if the resolved name contains the last word of the reference."""
    if not reference or not resolved:
        return False
    return _last_word(reference) in resolved.lower()


# --------------------------------------------------------------------------- #
# Counts and the report
# --------------------------------------------------------------------------- #

@dataclass
class PRF:
    """Matched / gold / predicted counts, with precision, recall and F1 as fractions."""

    matched: int = 0
    n_gold: int = 0
    n_pred: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.matched += other.matched
        self.n_gold += other.n_gold
        self.n_pred += other.n_pred


@dataclass
class Ratio:
    """A hit count over a total (an accuracy or a recall)."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def add(self, other: "Ratio") -> None:
        self.hits += other.hits
        self.total += other.total


@dataclass
class QuoteScores:
    """Aggregated counts; all rates are derived properties (micro-averaged)."""

    at: dict[float, PRF] = field(default_factory=lambda: {t: PRF() for t in THRESHOLDS})
    iou: PRF = field(default_factory=PRF)
    speaker: Ratio = field(default_factory=Ratio)
    resolved: Ratio = field(default_factory=Ratio)
    kind_recall: dict[str, Ratio] = field(default_factory=lambda: {k: Ratio() for k in KINDS})
    n_docs: int = 0

    def add(self, other: "QuoteScores") -> None:
        for t in self.at:
            self.at[t].add(other.at[t])
        self.iou.add(other.iou)
        self.speaker.add(other.speaker)
        self.resolved.add(other.resolved)
        for k in self.kind_recall:
            self.kind_recall[k].add(other.kind_recall[k])
        self.n_docs += other.n_docs

    def format(self, title: str = "") -> str:
        """A readable table (percentages)."""
        lines = []
        if title:
            lines.append(title)
        g = self.iou.n_gold
        lines.append(f"documents: {self.n_docs}   gold quotes: {g}   predicted: {self.iou.n_pred}")
        lines.append(f"{'metric':<28}{'P':>7}{'R':>7}{'F1':>7}")
        for t, prf in self.at.items():
            lines.append(f"{'overlap >= ' + str(t):<28}{prf.precision*100:7.1f}{prf.recall*100:7.1f}{prf.f1*100:7.1f}")
        lines.append(f"{'IoU >= ' + str(IOU_THRESHOLD):<28}{self.iou.precision*100:7.1f}"
                     f"{self.iou.recall*100:7.1f}{self.iou.f1*100:7.1f}")
        rows = [("speaker-mention accuracy", self.speaker), ("resolved-speaker accuracy", self.resolved)]
        rows += [("recall " + k, r) for k, r in self.kind_recall.items()]
        for name, r in rows:
            # "n/a" where the gold has nothing to measure (PolNeAR: no reference, no floating)
            value = f"{r.value*100:7.1f}" if r.total else f"{'n/a':>7}"
            lines.append(f"{name:<28}{value}   ({r.hits}/{r.total})")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, float]:
        """Flat dict of the headline numbers (percentages), handy for scripts."""
        d = {}
        for t, prf in self.at.items():
            d[f"p@{t}"], d[f"r@{t}"], d[f"f1@{t}"] = prf.precision * 100, prf.recall * 100, prf.f1 * 100
        d["f1@iou"] = self.iou.f1 * 100
        d["speaker"] = self.speaker.value * 100
        d["resolved"] = self.resolved.value * 100
        for k, r in self.kind_recall.items():
            d[f"recall_{k}"] = r.value * 100
        return d


def score_quotes(gold: Sequence[GoldQuote], pred: Sequence[QuoteSuggestion]) -> QuoteScores:
    """Score the predicted quotes of one text against its gold quotes."""
    scores = QuoteScores(n_docs=1)
    for t in THRESHOLDS:
        m = match_quotes(gold, pred, t)
        scores.at[t] = PRF(len(m), len(gold), len(pred))
    m_iou = match_quotes(gold, pred, IOU_THRESHOLD, symmetric=True)
    scores.iou = PRF(len(m_iou), len(gold), len(pred))

    m = match_quotes(gold, pred, THRESHOLDS[0])
    for gi, g in enumerate(gold):
        hit = gi in m
        scores.kind_recall[g.kind].total += 1
        scores.kind_recall[g.kind].hits += hit
        if not hit:
            continue
        p = pred[m[gi]]
        if g.speaker:
            scores.speaker.total += 1
            scores.speaker.hits += bool(p.speaker and _overlaps(g.speaker, p.speaker))
        if g.reference:
            scores.resolved.total += 1
            scores.resolved.hits += resolved_matches(g.reference, p.resolved_speaker)
    return scores


# --------------------------------------------------------------------------- #
# Loaders
# --------------------------------------------------------------------------- #

def _jsonl(path: str | Path):
    """The objects of a JSONL file, one per non-empty line."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _piece(span) -> Pieces | None:
    return ((span[0], span[1]),) if span else None


def load_ggt(path: str | Path) -> list[GoldDocument]:
    """Load the Gender Gap Tracker JSONL; a quote with a null speaker is 'floating'."""
    docs = []
    for a in _jsonl(path):
        quotes = []
        for q in a["quotes"]:
            if not q.get("quote"):  # a few annotations lack a content span
                continue
            kind = "floating" if q["speaker"] is None else q["kind"]
            quotes.append(GoldQuote(_piece(q["quote"]), kind, _piece(q["speaker"]),
                                    _piece(q["verb"]), q.get("reference") or None))
        quotes.sort(key=lambda g: g.start)
        docs.append(GoldDocument(str(a["id"]), a["text"], tuple(quotes)))
    return docs


# PolNeAR attributions include beliefs, evidence ("shows", "found"), plans,
# evaluations ("criticized X", "praised X") and bare punctuation cues.  A quote
# finder targets reported speech: something said, told or written.  We keep an
# attribution when its cue contains a verb of saying (any inflection of the
# stems below, which mirror resources/cue_verbs.json), "according to", "put it",
# or "call for"/"call on" (a demand).  Left out: colon and dash cues ("Trump: ..."),
# mostly headlines and bullet points (but a direct quote signed with a dash,
# `"..." ― Name`, is a quote); evaluative verbs whose content is a target
# rather than a message (criticize, praise, blast, condemn, accuse; "call" and
# "describe" unless the words are quoted: 'called it "false"'); and non-speech
# cues (show, find, believe, want, plan, ...).
_SPEECH_STEMS = (
    "say", "said", "tell", "told", "add", "note", "writ", "wrote", "announc", "warn", "claim",
    "argu", "explain", "insist", "state", "declar", "stress", "emphasi", "assert", "urg",
    "caution", "mention", "reiterat", "repeat", "remark", "comment", "recall", "respond",
    "repl", "testif", "admit", "acknowledg", "confirm", "deni", "deny", "suggest", "tweet", "report",
    "predict", "promis", "vow", "pledg", "ask", "demand", "alleg", "complain",
    "conced", "disclos", "reveal", "contend", "maintain", "observ", "echo", "assur", "confess",
    "quip", "jok", "retort", "counter", "advis", "recommend", "propos", "indicat", "reaffirm",
    "point", "boast", "proclaim", "implor", "scold", "chant", "express", "affirm", "brag",
    "clarif", "concur", "elaborat", "grumbl", "lament", "mused", "muses", "opin", "recount",
    "remind", "scoff", "shout", "sniff", "specif", "stutter", "whisper", "wondered", "wonders",
    "yell", "conclud", "exhort", "request",
)
# Verbs that report speech only with the words quoted: '"...," he continued'.
_QUOTING_STEMS = ("continu", "sing", "sang", "read")
_SIGNATURE_CUES = {"―", "--", "—", "-"}
_NAMING_STEMS = ("call", "describ", "dub", "label", "term", "brand")
_NON_SPEECH = {":", "―", "--", "—", "-", "in", "about"}
# Words that merely begin like a speech stem: "addressed" is not "added"
_LOOKALIKES = ("address", "allegian", "counterattack", "replac", "replay", "specific")


def is_speech_cue(cue_text: str, kind: str = "indirect") -> bool:
    """Whether a PolNeAR cue text denotes a speech act (see comment above).

    Naming verbs ("called it", "described as") count when the content is quoted
    (``kind`` direct or mixed): then they report the source's own words.
    """
    c = cue_text.strip().lower()
    if c in _SIGNATURE_CUES and kind == "direct":
        return True
    if not c or c in _NON_SPEECH:
        return False
    if "according to" in c or "put it" in c or re.search(r"\bcall(?:s|ed|ing)? (?:for|on)\b", c):
        return True
    words = re.findall(r"[a-z]+", c)
    if kind in ("direct", "mixed") and any(
        w.startswith(stem) for w in words for stem in _NAMING_STEMS + _QUOTING_STEMS
    ):
        return True
    words = [w for w in words if not w.startswith(_LOOKALIKES)]
    # a stem ending in "e" drops it before "-ing": "noting", "stating"
    words += [w[:-3] + "e" for w in words if w.endswith("ing")]
    return any(w.startswith(stem) for w in words for stem in _SPEECH_STEMS)


def _pieces(lst) -> Pieces | None:
    return tuple((s, e) for s, e in lst) if lst else None


def load_polnear(path: str | Path, speech_only: bool = True) -> list[GoldDocument]:
    """Load PolNeAR JSONL; with ``speech_only`` keep attributions with a speech cue.

    PolNeAR has no canonical speaker, so ``reference`` is None (resolved-speaker
    accuracy is then not measured).  An attribution without a source is kept as
    its gold kind (PolNeAR does not mark floating quotes).
    """
    docs = []
    for a in _jsonl(path):
        quotes = []
        for x in a["attributions"]:
            if not x.get("content"):
                continue
            x = _unswapped(x)
            if speech_only and not is_speech_cue(x.get("cue_text", ""), x.get("kind", "indirect")):
                continue
            quotes.append(GoldQuote(_pieces(x["content"]), x["kind"], _pieces(x.get("source")),
                                    _pieces(x.get("cue")), None))
        quotes.sort(key=lambda g: g.start)
        docs.append(GoldDocument(str(a["id"]), a["text"], tuple(quotes)))
    return docs


def _unswapped(x: dict) -> dict:
    """An attribution whose source is "said" and whose cue is a name had the two
    swapped by its annotator (about fifteen in PolNeAR): swap them back."""
    cue, source = x.get("cue_text", ""), x.get("source_text", "")
    if source and cue and not is_speech_cue(cue, x.get("kind", "indirect")) \
            and is_speech_cue(source) and len(source.split()) <= 2 and source[:1].islower() \
            and cue[:1].isupper():
        x = dict(x, source=x.get("cue"), cue=x.get("source"), source_text=cue, cue_text=source)
    return x


def split_at_attribution(doc: GoldDocument) -> GoldDocument:
    """PolNeAR's gold in the ggt convention: one quote per stretch between attributions.

    PolNeAR annotates `"A," she said. "B."` as one attribution with two content
    pieces around its own source and cue; ggt (and Byline) make that two quotes,
    the second continuing the first.  Pieces separated by the attribution's own
    source or cue become separate quotes (same source and cue); pieces separated
    by anything else (a line break, a space) stay one quote spanning them.
    """
    quotes: list[GoldQuote] = []
    for g in doc.quotes:
        pieces = _merge(g.content)
        attribution = list(g.speaker or ()) + list(g.cue or ())
        groups = [[pieces[0]]]
        for (_, gap_start), (gap_end, end) in zip(pieces, pieces[1:]):
            if any(gap_start <= s and e <= gap_end for s, e in attribution):
                groups.append([(gap_end, end)])
            else:
                groups[-1].append((gap_end, end))
        quotes += [replace(g, content=((group[0][0], group[-1][1]),)) for group in groups]
    quotes.sort(key=lambda g: g.start)
    return replace(doc, quotes=tuple(quotes))


def gold_format(path: str | Path) -> str:
    """ "ggt" or "polnear", from the first record of a gold file."""
    with open(path, encoding="utf-8") as fh:
        first = json.loads(next(line for line in fh if line.strip()))
    return "ggt" if "quotes" in first else "polnear"


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Load a gold file, detecting the format (ggt: 'quotes', PolNeAR: 'attributions')."""
    return load_ggt(path) if gold_format(path) == "ggt" else load_polnear(path)


# --------------------------------------------------------------------------- #
# Running a pipeline over a gold file
# --------------------------------------------------------------------------- #

@dataclass
class QuoteEvalReport:
    """Result of :func:`evaluate_quotes`: totals plus per-document scores and predictions."""

    gold_path: str
    total: QuoteScores
    per_doc: dict[str, QuoteScores]
    predictions: dict[str, list[QuoteSuggestion]]
    # Against the gold split at its attributions (split_at_attribution), when
    # the gold has discontinuous quotes (PolNeAR); None otherwise.
    aligned: QuoteScores | None = None

    def format(self) -> str:
        """The readable table of the totals (and of the aligned scores, if any)."""
        text = self.total.format(f"Quote evaluation on {self.gold_path}")
        if self.aligned is not None:
            text += "\n\n" + self.aligned.format(
                "The same, with quotes split at their own attribution "
                "(\"A,\" she said. \"B.\" = two quotes, as in ggt and Byline)"
            )
        return text


def evaluate_quotes(gold_path: str | Path, nlp, docs: list[GoldDocument] | None = None,
                    lexicon: str | Path | None = None) -> QuoteEvalReport:
    """Run ``nlp`` (quote finder added if absent, with the cue ``lexicon`` file if
    given) over the gold texts and score them."""
    from core.nlp.quote_finder import add_quote_finder, quotes_from_doc  # spaCy only here

    add_quote_finder(nlp, lexicon)
    gold_docs = docs if docs is not None else load_gold(gold_path)
    discontinuous = any(len(q.content) > 1 for gd in gold_docs for q in gd.quotes)
    total = QuoteScores()
    aligned = QuoteScores() if discontinuous else None
    per_doc: dict[str, QuoteScores] = {}
    predictions: dict[str, list[QuoteSuggestion]] = {}
    for gd, doc in zip(gold_docs, nlp.pipe(g.text for g in gold_docs)):
        pred = quotes_from_doc(doc)
        s = score_quotes(gd.quotes, pred)
        per_doc[gd.id] = s
        predictions[gd.id] = pred
        total.add(s)
        if aligned is not None:
            aligned.add(score_quotes(split_at_attribution(gd).quotes, pred))
    return QuoteEvalReport(str(gold_path), total, per_doc, predictions, aligned)
