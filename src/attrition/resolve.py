"""The resolve stage: group event mentions from many articles into incidents.

A mention joins an incident when it is of the same kind and country, names a compatible place
(the same place, or only the country; a region such as "Sinai" or "Anbar" only when both windows
are within a month), a compatible attack type (explosive, gun, knife, vehicle and hostage attacks
are told apart when both reports name a type), and its date interval overlaps the incident's, or
for the same named place misses it by a day (SLACK_DAYS: "Wednesday night" is Wednesday in one
report and Thursday in the next, a late-night attack is dated by its local day or by the wire's, so
San Bernardino was five incidents a day apart; two attacks in one city a week apart stay two). Wide
intervals ("in 2015", "the opening of 2015") are too vague to say which event they mean, so they
only join incidents no wider than MAX_JOIN_DAYS; otherwise they stand alone.

Ids are stable: an incident is named after the first mention that opened it, and that name never
changes. When a new mention bridges two incidents they are merged into the older one and the
merge is recorded in `incident_changes`. Only mentions without an incident are resolved, against
the incidents of their kind and country, so a refresh costs what the new mentions cost.

Toll reconciliation (per incident):
- `killed_low` / `killed_high`: the lowest and highest figures reported;
- `killed_best`: the figure of the most recently published report (tolls rise as bodies are
  counted and confirmed, so an early "at least 120" is superseded by a later "129"); reports
  published the same day give their lowest figure, the conservative choice ACLED makes.
The same for injured.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from attrition.db import sql, transaction

MAX_JOIN_DAYS = 100   # a season is still one event's window; a year is not
REGION_JOIN_DAYS = 31  # a region holds many towns: join by region only when the dates are this tight
SLACK_DAYS = 1         # reports of one attack at one named place dated a day apart are the same attack
# Attack types that can describe the same attack in different reports.
TYPE_FAMILY = {"bombing": "explosive", "suicide_bombing": "explosive", "aircraft_bombing": "explosive",
               "shooting": "gun", "stabbing": "knife", "beheading": "knife", "vehicle_ramming": "vehicle",
               "hostage_taking": "hostage"}


@dataclass
class ResolveSummary:
    mentions: int = 0
    created: int = 0
    joined: int = 0
    merged: int = 0


@dataclass
class _Incident:
    incident_id: str
    kind: str
    country: str | None
    places: set[str]
    start: dt.date | None
    end: dt.date | None
    precise: bool
    mentions: list[str] = field(default_factory=list)
    regions: set[str] = field(default_factory=set)
    families: set[str] = field(default_factory=set)


def resolve(con: duckdb.DuckDBPyConnection, run_id: str) -> ResolveSummary:
    summary = ResolveSummary()
    pending = con.execute(sql("load/select_unresolved_mentions")).fetchall()
    summary.mentions = len(pending)
    # incidents by (kind, country): a mention is only ever compared with its own block
    blocks: dict[tuple, _Block] = defaultdict(_Block)
    for loaded in _load_incidents(con, pending):
        blocks[(loaded.kind, loaded.country)].add(loaded)
    links: dict[str, str] = {}
    merges: list[tuple[str, str]] = []
    created: list[str] = []
    for mention_id, kind, country, place, start, end, how, precision, types in pending:
        precise = how != "assumed_recent"
        report = _Report(kind, country, place, precision == "region", start, end, _families(types))
        block = blocks[(kind, country)]
        candidates = [inc for inc in block.near(report) if _compatible(inc, report)]
        if not candidates:
            incident = _Incident(f"I{mention_id[:15]}", kind, country, set(), start, end, precise)
            _add_place(incident, report)
            block.add(incident)
            created.append(incident.incident_id)
        else:
            incident = min(candidates, key=_age)   # the oldest; ties by id
            # date the incident first: a report that dates an incident opened by an assumed date can
            # make it overlap another incident it fits; comparing the old windows would miss the bridge
            _add_place(incident, report)
            _add(incident, start, end, precise)
            for other in candidates:
                if other is not incident and _mergeable(incident, other):
                    for mid in other.mentions:   # this run's mentions of the absorbed incident
                        links[mid] = incident.incident_id
                    _absorb(incident, other)
                    block.remove(other)
                    merges.append((incident.incident_id, other.incident_id))
            block.moved(incident)
            summary.joined += 1
        incident.mentions.append(mention_id)
        links[mention_id] = incident.incident_id
    summary.created = len([c for c in created if c not in {o for _, o in merges}])
    summary.merged = len(merges)
    _store(con, run_id, links, merges, created)
    return summary


class _Block:
    """The incidents of one kind and country, indexed by the weeks their windows cover.

    Only incidents a report can join are indexed (dated, no wider than MAX_JOIN_DAYS), so a report is
    compared with the incidents of its own weeks, not the whole block: resolving costs what the
    new mentions cost, however many incidents the database holds. Candidates come in the order the
    incidents entered the block, which decides the order of merges."""

    def __init__(self) -> None:
        self._weeks: dict[int, dict[str, _Incident]] = defaultdict(dict)
        self._indexed: dict[str, range] = {}
        self._order: dict[str, int] = {}

    def add(self, inc: _Incident) -> None:
        self._order[inc.incident_id] = len(self._order)
        self.moved(inc)

    def remove(self, inc: _Incident) -> None:
        for week in self._indexed.pop(inc.incident_id, range(0)):
            self._weeks[week].pop(inc.incident_id, None)

    def moved(self, inc: _Incident) -> None:
        """Re-index an incident whose window changed."""
        self.remove(inc)
        weeks = _weeks(inc.start, inc.end)
        for week in weeks:
            self._weeks[week][inc.incident_id] = inc
        if weeks:
            self._indexed[inc.incident_id] = weeks

    def near(self, report: _Report) -> list[_Incident]:
        found: dict[str, _Incident] = {}
        slack = dt.timedelta(days=SLACK_DAYS)
        widened = _weeks(report.start, report.end)
        if widened:   # a neighbour a day off may sit in the week before or after
            widened = range(_weeks(report.start - slack, report.start).start,
                            _weeks(report.end, report.end + slack).stop)
        for week in widened:
            found.update(self._weeks.get(week, {}))
        return sorted(found.values(), key=lambda inc: self._order[inc.incident_id])


def _weeks(start: dt.date | None, end: dt.date | None) -> range:
    """The weeks a joinable window covers (none for an undated or too wide one)."""
    if start is None or end is None or (end - start).days > MAX_JOIN_DAYS:
        return range(0)
    return range(start.toordinal() // 7, end.toordinal() // 7 + 1)


@dataclass(frozen=True)
class _Report:
    """What resolving compares of one mention (or of an incident, when merging)."""
    kind: str
    country: str | None
    place: str | None
    is_region: bool
    start: dt.date | None
    end: dt.date | None
    families: frozenset[str]


def _families(types) -> frozenset[str]:
    return frozenset(TYPE_FAMILY.get(t, t) for t in types or [])


def _load_incidents(con: duckdb.DuckDBPyConnection, pending: list[tuple]) -> list[_Incident]:
    """The stored incidents a pending report could join (only joinable windows can: see _weeks)."""
    windows = [(kind, country, start, end) for _, kind, country, _, start, end, *_ in pending
               if country and _weeks(start, end)]
    con.register("report_windows", pa.table(
        list(zip(*windows, strict=True)) if windows else [[], [], [], []],
        schema=pa.schema([("kind", pa.string()), ("country", pa.string()), ("date_start", pa.date32()),
                          ("date_end", pa.date32())])))
    rows = con.execute(sql("load/select_incident_keys")).fetchall()
    con.unregister("report_windows")
    return [_Incident(iid, kind, country, set(places or []), start, end, bool(precise), [],
                      set(regions or []), set(_families(types)))
            for iid, kind, country, places, start, end, precise, regions, types in rows]


def _compatible(inc: _Incident, report: _Report) -> bool:
    if inc.kind != report.kind or inc.country != report.country or report.country is None:
        return False
    start, end = report.start, report.end
    if start is None or end is None or inc.start is None or inc.end is None:
        return False   # an undated report cannot be tied to one event
    if (end < inc.start or inc.end < start) and not _a_day_apart(inc, report):
        return False
    if (end - start).days > MAX_JOIN_DAYS or (inc.end - inc.start).days > MAX_JOIN_DAYS:
        return False
    if report.families and inc.families and not report.families & inc.families:
        return False   # a stabbing and a bombing in one city in one week are two attacks
    if report.place is None:
        return True
    if report.is_region:
        # "an attack in Sinai" may be the one in Sharm el-Sheikh, but only if the dates say so
        if not inc.places and (report.place in inc.regions or not inc.regions):
            return True
        return _tight(report, inc)
    if not inc.places:
        return not inc.regions or _tight(report, inc)
    return report.place in inc.places


def _a_day_apart(inc: _Incident, report: _Report) -> bool:
    """Windows that miss each other by at most SLACK_DAYS, both narrow, at the same named place."""
    slack = dt.timedelta(days=SLACK_DAYS)
    if report.end + slack < inc.start or inc.end + slack < report.start:
        return False
    narrow = (report.end - report.start).days <= 1 and (inc.end - inc.start).days <= 1
    return narrow and not report.is_region and report.place is not None and report.place in inc.places


def _tight(report: _Report, inc: _Incident) -> bool:
    return (report.end - report.start).days <= REGION_JOIN_DAYS and (inc.end - inc.start).days <= REGION_JOIN_DAYS


def _add_place(inc: _Incident, report: _Report) -> None:
    if report.place:
        (inc.regions if report.is_region else inc.places).add(report.place)
    inc.families |= report.families


def _mergeable(a: _Incident, b: _Incident) -> bool:
    """Two incidents are one when each could have absorbed the other's reports."""
    places = [(p, False) for p in b.places] + [(r, True) for r in b.regions] or [(None, False)]
    return all(_compatible(a, _Report(b.kind, b.country, p, is_region, b.start, b.end, frozenset(b.families)))
               for p, is_region in places) and (not a.places or not b.places or bool(a.places & b.places))


def _age(inc: _Incident) -> tuple:
    return (inc.start or dt.date.max, inc.incident_id)


def _add(inc: _Incident, start, end, precise: bool) -> None:
    """Keep the narrowest window the reports support: the intersection where they overlap."""
    if start is None or end is None:
        return
    if inc.start is None or (not inc.precise and precise):
        inc.start, inc.end, inc.precise = start, end, precise
        return
    if precise or not inc.precise:
        lo, hi = max(inc.start, start), min(inc.end, end)
        if lo <= hi:
            inc.start, inc.end = lo, hi


def _absorb(keep: _Incident, other: _Incident) -> None:
    keep.places |= other.places
    keep.regions |= other.regions
    keep.families |= other.families
    keep.mentions += other.mentions
    _add(keep, other.start, other.end, other.precise)


def _store(con: duckdb.DuckDBPyConnection, run_id: str, links: dict[str, str],
           merges: list[tuple[str, str]], created: list[str]) -> None:
    now = dt.datetime.now()
    merged_away = {other for _, other in merges}
    changes = [{"run_id": run_id, "change": "created", "incident_id": iid, "other_incident_id": None,
                "changed_at": now} for iid in created if iid not in merged_away]
    changes += [{"run_id": run_id, "change": "merged", "incident_id": keep, "other_incident_id": other,
                 "changed_at": now} for keep, other in merges]
    with transaction(con):
        con.register("links", pa.table({"mention_id": list(links), "incident_id": list(links.values())},
                                       schema=pa.schema([("mention_id", pa.string()), ("incident_id", pa.string())])))
        con.register("merges", pa.table({"keep": [k for k, _ in merges], "other": [o for _, o in merges]},
                                        schema=pa.schema([("keep", pa.string()), ("other", pa.string())])))
        con.execute(sql("load/update_mention_incidents"))
        if changes:
            con.register("changes", pa.Table.from_pylist(changes, schema=CHANGE_SCHEMA))
            con.execute(sql("load/insert_incident_changes"))
            con.unregister("changes")
        con.execute(sql("load/delete_merged_incidents"))
        con.execute(sql("load/insert_incident_sources"))
        con.execute("set variable run_id = ?", [run_id])
        con.execute(sql("load/delete_touched_incidents"))
        con.execute(sql("load/insert_touched_incidents"))
        for name in ("links", "merges"):
            con.unregister(name)


CHANGE_SCHEMA = pa.schema([
    ("run_id", pa.string()), ("change", pa.string()), ("incident_id", pa.string()),
    ("other_incident_id", pa.string()), ("changed_at", pa.timestamp("us")),
])
