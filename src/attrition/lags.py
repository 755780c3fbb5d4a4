"""Do losses lead attacks abroad? Lagged correlations that say how sure they are.

For each lag (0 to 6 months) the pairs are (losses in month t, attacks abroad in month t + lag), on the
monthly levels and on month-to-month differences. Monthly counts are autocorrelated (a busy quarter
is busy for three months), so neither the usual p-value nor a pairwise bootstrap holds: the interval is
a moving-block bootstrap of the pairs (blocks keep neighbouring months together) and the p-value a
block permutation (the attacks' blocks are shuffled against the losses, which keeps each series'
own autocorrelation and breaks only the link between them). Seeded, so a rebuild gives the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
from scipy import stats

LAGS = range(0, 7)
RESAMPLES = 2000
SEED = 20140610   # the fall of Mosul: any fixed seed makes the table reproducible
# Below these a correlation is too noisy to read as evidence either way: the usual rule of thumb of 30
# pairs, and months that actually hold an event of each series (a few busy months among many empty
# ones make a large n look robust when it is not).
SMALL_N = 30
FEW_EVENT_MONTHS = 6


@dataclass
class Lag:
    series: str          # "levels" or "differences" (month-to-month changes)
    lag_months: int
    n: int               # month pairs
    loss_months: int     # pairs whose loss month has a loss (levels) or a change (differences)
    attack_months: int   # pairs whose attack month has an attack abroad (or a change)
    pearson: float | None
    pearson_low: float | None
    pearson_high: float | None
    spearman: float | None
    spearman_low: float | None
    spearman_high: float | None
    p_value: float | None   # two-sided, Pearson, block permutation
    block_months: int
    small: bool          # n or the months with events are too few to read


def block_length(n: int) -> int:
    """The usual n^(1/3) rule, at least 2 months (the 3-month rolling windows the report shows)."""
    return max(2, round(n ** (1 / 3)))


def _corr(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return math.nan
    return float(np.corrcoef(x, y)[0, 1])


def _rowwise_corr(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Pearson's r of each row pair (NaN where a row is constant)."""
    xc = xs - xs.mean(axis=1, keepdims=True)
    yc = ys - ys.mean(axis=1, keepdims=True)
    denominator = np.sqrt((xc ** 2).sum(axis=1) * (yc ** 2).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (xc * yc).sum(axis=1) / denominator, np.nan)


def _ranks(values: np.ndarray) -> np.ndarray:
    return stats.rankdata(values, axis=-1)   # average ranks for ties, as Spearman's coefficient wants


def _resampled_ranks(values: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """`_ranks(values[idx])`, row by row, counted rather than sorted: a monthly series holds few distinct
    values, so a value's average rank in a row is the count of smaller values there plus half its ties."""
    distinct, codes = np.unique(values, return_inverse=True)
    rows, k = len(idx), len(distinct)
    drawn = codes[idx]
    counts = np.bincount((np.arange(rows)[:, None] * k + drawn).ravel(), minlength=rows * k).reshape(rows, k)
    average = np.cumsum(counts, axis=1) - counts + (counts + 1) / 2
    return np.take_along_axis(average, drawn, axis=1)


def _bootstrap_indices(n: int, length: int, rng: np.random.Generator) -> np.ndarray:
    """RESAMPLES rows of moving-block bootstrap indices: random starts, blocks of `length`, cut to n."""
    starts = rng.integers(0, n - length + 1, size=(RESAMPLES, math.ceil(n / length)))
    return (starts[:, :, None] + np.arange(length)).reshape(RESAMPLES, -1)[:, :n]


def _interval(x: np.ndarray, y: np.ndarray, length: int, rng: np.random.Generator) -> tuple:
    idx = _bootstrap_indices(len(x), length, rng)
    xs, ys = x[idx], y[idx]

    def percentile(values: np.ndarray) -> tuple[float | None, float | None]:
        kept = values[~np.isnan(values)]
        if len(kept) < RESAMPLES / 2:   # most resamples constant: no interval worth printing
            return None, None
        return float(np.percentile(kept, 2.5)), float(np.percentile(kept, 97.5))

    spearman = _rowwise_corr(_resampled_ranks(x, idx), _resampled_ranks(y, idx))
    return (*percentile(_rowwise_corr(xs, ys)), *percentile(spearman))


def _permutation_p(x: np.ndarray, y: np.ndarray, observed: float, length: int, rng: np.random.Generator) -> float:
    """Share of block permutations of y whose |r| reaches the observed |r| (with the usual +1)."""
    n = len(y)
    n_blocks = math.ceil(n / length)
    # the blocks as rows of a table, the last one padded with -1: a permutation of the rows, flattened and
    # without the padding, is the permutation of y (the same draws, in the same order, as block by block)
    padded = np.arange(n_blocks * length).reshape(n_blocks, length)
    padded[padded >= n] = -1
    # one shuffle per row: the same draws as RESAMPLES calls of rng.permutation(n_blocks), in C
    permutations = rng.permuted(np.tile(np.arange(n_blocks), (RESAMPLES, 1)), axis=1)
    orders = padded[permutations].reshape(RESAMPLES, -1)
    orders = orders[orders >= 0].reshape(RESAMPLES, n)
    r = _rowwise_corr(np.broadcast_to(x, orders.shape), y[orders])
    hits = int(np.count_nonzero(np.abs(np.nan_to_num(r)) >= abs(observed) - 1e-12))
    return (hits + 1) / (RESAMPLES + 1)


def lag_table(losses: list[int], attacks: list[int]) -> list[Lag]:
    """The lag table for two monthly series of equal length, on levels and on differences."""
    rows: list[Lag] = []
    levels = np.asarray(losses, dtype=float), np.asarray(attacks, dtype=float)
    diffs = np.diff(levels[0]), np.diff(levels[1])
    for series, (x_all, y_all) in (("levels", levels), ("differences", diffs)):
        for lag in LAGS:
            n = len(x_all) - lag
            if n < 1:
                rows.append(Lag(series, lag, max(n, 0), 0, 0, *([None] * 7), 0, True))
                continue
            x, y = x_all[:n], y_all[lag:lag + n]
            rng = np.random.default_rng(SEED + lag + (100 if series == "differences" else 0))
            length = min(block_length(n), n)
            pearson = _corr(x, y)
            spearman = _corr(_ranks(x), _ranks(y))
            loss_months, attack_months = int(np.count_nonzero(x)), int(np.count_nonzero(y))
            if math.isnan(pearson):
                low = high = s_low = s_high = p = None
            else:
                low, high, s_low, s_high = _interval(x, y, length, rng)
                p = _permutation_p(x, y, pearson, length, rng)
            small = n < SMALL_N or min(loss_months, attack_months) < FEW_EVENT_MONTHS
            rows.append(Lag(series, lag, n, loss_months, attack_months, _none(pearson), low, high,
                            _none(spearman), s_low, s_high, p, length, small))
    return rows


def _none(value: float) -> float | None:
    return None if math.isnan(value) else value


def as_rows(table: list[Lag]) -> list[dict]:
    return [asdict(row) for row in table]


def verdict(table: list[Lag], months: int) -> str:
    """One plain sentence on what the lag table can say, for the report."""
    levels = [r for r in table if r.series == "levels" and r.pearson is not None]
    if not levels:
        return (f"With {months} months, no correlation can be computed: one of the series never changes, "
                "so the data cannot say whether losses lead attacks abroad.")
    best = max(levels, key=lambda r: abs(r.pearson))
    loss_months, attack_months = levels[0].loss_months, levels[0].attack_months
    where = (f"{months} months ({loss_months} with a territorial loss, {attack_months} with an ISIS attack "
             "abroad)")
    figure = f"r = {best.pearson:+.2f} at lag {best.lag_months}"
    if best.pearson_low is not None:
        figure += f", 95 % CI {best.pearson_low:+.2f} to {best.pearson_high:+.2f}"
    if best.p_value is not None:
        figure += f", p {'< 0.001' if best.p_value < 0.001 else f'= {best.p_value:.3f}'}" if best.p_value < 0.01 \
            else f", p = {best.p_value:.2f}"
    if min(loss_months, attack_months) < FEW_EVENT_MONTHS or months < SMALL_N:
        return (f"With {where}, the data are too thin to tell whether losses lead attacks abroad: the "
                f"strongest correlation is {figure}, and a handful of busy months decides it.")
    significant = [r for r in levels if r.p_value is not None and r.p_value < 0.05 / len(levels)]
    if not significant:
        threshold = (f" (with {len(levels)} lags tested, a p under {0.05 / len(levels):.3f} is needed at one of them)"
                     if best.p_value is not None and best.p_value < 0.05 else "")
        return (f"With {where}, losses do not lead attacks abroad at any lag from 0 to {levels[-1].lag_months} "
                f"months beyond what chance gives: the strongest is {figure}{threshold}.")
    sign = "more" if best.pearson > 0 else "fewer"
    return (f"With {where}, months with more territorial losses were followed by {sign} ISIS attacks abroad: "
            f"{figure} (significant after allowing for the {len(levels)} lags tested). Read it against the "
            "news coverage below: both series rise with the number of articles about ISIS.")
