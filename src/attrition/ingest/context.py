"""What readers need beyond a source: fetch limits, today, and which article URLs are already stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from attrition.ingest.fetch import FetchConfig
from attrition.ingest.records import RawArticle, RawLine, Reject, Seen

Item = RawArticle | RawLine | Reject | Seen


@dataclass
class ReadContext:
    fetch: FetchConfig = field(default_factory=FetchConfig)
    today: dt.date | None = None
    known_url: Callable[[str], bool] = lambda url: False
    # JSON lines come as RawLine, parsed where the articles are prepared (the ingest stage's workers), not here
    lines_unparsed: bool = False
