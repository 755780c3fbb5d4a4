"""`attrition explain ARTICLE`: why each event of one article was extracted, or not.

Runs the extractor on the stored article with tracing on and prints, sentence by sentence, every candidate
the rules opened and the guard that dropped it or the rule that kept it, then the frames built from them:
each field with the sentence it came from (`support`). The answer to "why is this attack missing?".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from attrition.db import sql
from attrition.extract import trace
from attrition.extract.events import Mention, extract_mentions
from attrition.extract.sentences import split_sentences


@dataclass
class Explanation:
    title: str
    sentences: list[str]
    decisions: list[trace.Decision]
    frames: list[Mention]


def explain(text: str, published: dt.date | None, title: str | None) -> Explanation:
    with trace.tracing() as decisions:
        frames = extract_mentions(text, published, title)
    return Explanation(title or "", [s.text for s in split_sentences(text)], decisions, frames)


def find_article(con: duckdb.DuckDBPyConnection, article: str) -> tuple[str, str, dt.date | None, str | None] | None:
    """(article_id, text, published, title) of the newest version of an article, by external or content id."""
    row = con.execute(sql("explain/select_article"), {"a": article}).fetchone()
    return None if row is None else (row[0], row[1], row[2], row[3])


def render(e: Explanation, width: int = 160) -> list[str]:
    """Plain lines: the decisions per sentence, then the frames with their evidence."""
    def sentence(i: int) -> str:
        text = e.title if i < 0 else e.sentences[i] if 0 <= i < len(e.sentences) else ""
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = [f"candidates ({len(e.decisions)}):"]
    last = None
    for d in e.decisions:
        if d.sentence != last:
            lines.append(f"  [{'headline' if d.sentence < 0 else d.sentence}] {sentence(d.sentence)}")
            last = d.sentence
        verdict = f"kept by {d.by}" if d.outcome == "kept" else f"dropped by guard {d.by}"
        lines.append(f"      {d.kind:<16} {d.words!r}: {verdict}")
    lines.append(f"frames ({len(e.frames)}):")
    for m in e.frames:
        place = (m.place.name or m.place.country) if m.place else None
        when = f"{m.date.start}..{m.date.end} ({m.date_how})" if m.date else f"undated ({m.date_how})"
        facts = [f"{m.kind} at {place} ({m.country})", when]
        if m.kind == "attack":
            facts += [f"killed {m.killed.best if m.killed else None}",
                      f"injured {m.injured.best if m.injured else None}",
                      f"type {','.join(m.attack_types) or None}", f"by {m.perpetrator} ({m.attribution})"]
        else:
            facts.append(f"captured by {m.captured_by}")
        lines.append(f"  - {'; '.join(facts)}; rule {m.rule}")
        lines.append(f"      evidence [{m.sentence.index}] {sentence(m.sentence.index)}")
        for item in m.support:
            field, _, rest = item.partition("@")
            index, _, how = rest.partition(":")
            lines.append(f"      {field} from [{index}] ({how}) {sentence(int(index))}")
    return lines
