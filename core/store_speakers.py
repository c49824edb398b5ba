"""Speakers across the corpus: quote counts per canonical speaker, merges and splits.

Counting adds up per-document counts (core/store_counts.py); the mapping
from names to canonical speakers (automatic groups plus the analysts'
decisions) is small and goes into a temporary table so that SQL can use it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.clock import now_iso
from core.errors import BylineError
from core.speakers import group_speaker_names
from core.store_counts import in_article

_QUOTE_SPEAKERS = (
    "select json_extract(attrs, '$.resolved_speaker') as name, doc_id, id, start, end from spans "
    "where label = 'QUOTE' and json_extract(attrs, '$.resolved_speaker') is not null and " + in_article("spans")
)


@dataclass(frozen=True)
class SpeakerRow:
    canonical: str
    variants: tuple[str, ...]
    quotes: int
    documents: int


@dataclass(frozen=True)
class SpeakerQuote:
    doc_id: str
    title: str
    span_id: str
    start: int
    end: int
    text: str


class SpeakerOperations:
    """Mixed into AnnotationStore; uses its ``db``, ``_write``, ``_record``, ``analyst``, ``refresh_counts``."""

    def speaker_name_counts(self) -> dict[str, int]:
        """Quotes per resolved speaker name, as the quotes carry them (outside excluded ranges)."""
        self.refresh_counts()
        return dict(
            self.db.execute("select speaker, sum(n) from doc_quote_counts where speaker is not null group by speaker")
        )

    def speaker_decisions(self) -> dict[str, str]:
        return dict(self.db.execute("select name, canonical from speaker_names"))

    def canonical_speakers(self, counts: dict[str, int] | None = None) -> dict[str, str]:
        """Every name that is not its own canonical speaker, mapped to it.

        ``counts`` (quotes per name) saves a scan when the caller has them.
        """
        mapping = group_speaker_names(self.speaker_name_counts() if counts is None else counts)
        for name, canonical in self.speaker_decisions().items():
            if canonical == name:
                mapping.pop(name, None)
            else:
                mapping[name] = canonical
        # Follow chains (A -> B, B -> C) so every name maps to a final canonical.
        for name in list(mapping):
            seen = {name}
            while mapping[name] in mapping and mapping[name] not in seen:
                seen.add(mapping[name])
                mapping[name] = mapping[mapping[name]]
        return mapping

    def _load_speaker_map(self) -> None:
        mapping = list(self.canonical_speakers().items())
        # In a transaction of our own: a bare executemany would leave Python's
        # sqlite3 holding an implicit one open, and every later edit would join
        # it instead of committing.
        with self._write():
            self.db.execute("create temp table if not exists speaker_map (name text primary key, canonical text)")
            self.db.execute("delete from temp.speaker_map")
            self.db.conn.executemany("insert into temp.speaker_map values (?, ?)", mapping)

    def speaker_table(self, limit: int | None = None) -> list[SpeakerRow]:
        """Canonical speakers with their name variants, quote and document counts, most quoted first."""
        self.refresh_counts()
        per_name = {
            name: (quotes, documents)
            for name, quotes, documents in self.db.execute(
                "select speaker, sum(n), count(distinct doc_id) from doc_quote_counts "
                "where speaker is not null group by speaker"
            )
        }
        mapping = self.canonical_speakers({name: quotes for name, (quotes, _docs) in per_name.items()})
        variants_of: dict[str, list[str]] = {}
        for name in per_name:
            variants_of.setdefault(mapping.get(name, name), []).append(name)
        quotes_of = {speaker: sum(per_name[name][0] for name in names) for speaker, names in variants_of.items()}
        ranked = sorted(quotes_of, key=lambda speaker: (-quotes_of[speaker], speaker))
        return [
            SpeakerRow(speaker, tuple(sorted(variants_of[speaker])), quotes_of[speaker],
                       self._documents_quoting(variants_of[speaker], per_name))
            for speaker in (ranked[:limit] if limit else ranked)
        ]

    def _documents_quoting(self, names: list[str], per_name: dict[str, tuple[int, int]]) -> int:
        """Documents with a quote by any of ``names`` (variants may share documents)."""
        if len(names) == 1:
            return per_name[names[0]][1]
        return self.db.execute(
            f"select count(distinct doc_id) from doc_quote_counts where speaker in ({', '.join('?' * len(names))})",
            names,
        ).fetchone()[0]

    def quotes_by_speaker(self, canonical: str) -> list[SpeakerQuote]:
        """Every quote whose speaker is ``canonical`` (under any of its names), in corpus order."""
        self._load_speaker_map()
        rows = self.db.execute(
            f"""
            select q.doc_id, d.title, q.id, q.start, q.end, substr(d.text, q.start + 1, q.end - q.start)
            from ({_QUOTE_SPEAKERS}) q join documents d on d.id = q.doc_id
            left join temp.speaker_map m on m.name = q.name
            where coalesce(m.canonical, q.name) = ?
            order by d.position, q.start
            """,
            [canonical],
        )
        return [SpeakerQuote(*row) for row in rows]

    def merge_speakers(self, names: Iterable[str], canonical: str) -> None:
        """Make ``canonical`` the speaker for all ``names`` (one transaction)."""
        canonical = canonical.strip()
        if not canonical:
            raise BylineError("a speaker needs a name")
        names = set(names) | {canonical}
        stamp = now_iso()
        with self._write():
            for name in names:
                self.db["speaker_names"].upsert(
                    {"name": name, "canonical": canonical, "analyst": self.analyst, "updated_at": stamp}, pk="name"
                )
            self._record("", "speaker-merge", after={"names": sorted(names), "canonical": canonical})

    def split_speaker(self, name: str) -> None:
        """Take ``name`` out of its group: it stands for itself from now on."""
        with self._write():
            self.db["speaker_names"].upsert(
                {"name": name, "canonical": name, "analyst": self.analyst, "updated_at": now_iso()}, pk="name"
            )
            self._record("", "speaker-split", after={"name": name})
