"""Keep the article's own prose: drop share bars, newsletter pitches, bylines, author bios, photo
credits and lists of other headlines, and stop at the markers after which a page holds no article.

Works on lines (paragraphs). A line survives when it reads as prose: it ends like a sentence and
has enough words. Headline lists, datelines of other stories ("November 12, 2018") and bylines
do not, so they go without needing a pattern each. A short line standing alone between two
headlines or bylines is a teaser in a list of other stories, and goes too. A text in which no line
reads as prose (one paragraph ending in "(Reuters)" or "Reporting by ...", an alert without a full
stop) keeps its long lines rather than be lost whole.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MIN_PROSE_WORDS = 6
MAX_TEASER_WORDS = 25
MIN_LONE_PARAGRAPH_WORDS = 12   # when no line ends like prose, lines this long are the article
MIN_CUT_PARAGRAPH_WORDS = 30    # a line this long holding two full sentences is prose, however it ends
# Runs of spaces, tabs and Unicode spaces, except the single plain spaces that need no replacing.
_SPACES = re.compile(r"(?: [ \t\u00a0\u2000-\u200b]|[\t\u00a0\u2000-\u200b])[ \t\u00a0\u2000-\u200b]*")
# What _SPACES replaces besides runs of plain spaces: a text with none of these and no double space is left as it is.
_ODD_SPACES = ("\t", "\u00a0", *map(chr, range(0x2000, 0x200c)))
# A gallery, a link or an embed announces itself: "Photos: ...", "Read: ...", "Skip Twitter post by ..."
_LABEL_START = re.compile(r"(?:Photos?|Pictures|Gallery|Read|Watch|Video|Related|See also|Click|Skip)\b")
_SENTENCE_END = re.compile(r"[a-z0-9][.!?][\"'”’)]*\s+[A-Z“\"]")
_ENDS_LIKE_PROSE = re.compile(r"""[.!?:;…]["'”’)\]]*\s*$|[.!?]["'”’]?\s*\[[^\]]{0,40}\]\s*$""")
# The last character of a (stripped) line that _ENDS_LIKE_PROSE may match: a stop ends it, a closing quote,
# bracket or parenthesis needs the pattern, anything else cannot.
_STOPS = frozenset(".!?:;…")
_CLOSERS = frozenset("\"'”’)]")
# After these a page holds comments, author pages or other stories, never the article.
_END_OF_ARTICLE = re.compile(
    r"^\s*(more articles by|related (articles|stories|posts|coverage)|comments are closed|one thought on|"
    r"\d+ (thoughts|comments|responses) on|print friendly|share this:|you may also like|most (read|popular)\b|"
    r"recommended for you|read next|leave a (reply|comment))",
    re.I,
)
# Matched on the lower-cased line (no re.I: a case-insensitive alternation is ten times slower).
_BOILERPLATE_ANYWHERE = re.compile(
    r"newsletter|inbox|subscribe\b|sign up\b|sign-up|log ?in to|cookie|privacy policy|terms of (use|service)|"
    r"all rights reserved|click here|follow us|share this|licensed under|creative commons|getty images|"
    r"\bap photo\b|©"
)
# A literal every match of that pattern holds: only the lines of an article that holds one are searched, and
# only for the ones it holds (most articles hold none).
_BOILERPLATE_WORDS = ("newsletter", "inbox", "subscribe", "sign up", "sign-up", "log in to", "login to", "cookie",
                      "privacy policy", "terms of use", "terms of service", "all rights reserved", "click here",
                      "follow us", "share this", "licensed under", "creative commons", "getty images", "ap photo", "©")
_BOILERPLATE_START = re.compile(
    r"(photo|image)( by|:)|advertisement|continue reading|read more\b|copyright|"
    r"(facebook|twitter|email|whatsapp|reddit|linkedin|print)(\s|$)"
)
# "Peter has worked as a news and culture writer ...", "Jane Doe is a correspondent for ...".
_AUTHOR_BIO = re.compile(
    r"^[A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3} (is|was|has been|has worked as) (a|an|the)\b[^.]{0,120}"
    r"\b(writer|editor|journalist|correspondent|author|reporter|columnist|contributor|fellow|professor)\b"
    r"(?! to be\b| (?:who|whose) (?:was|were|had been) (?:killed|kidnapped|beheaded|murdered|executed)\b)"   # a victim
    r"|^[A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3} is the author of\b"
)
_TRAILING_TAG = re.compile(r"\s*\[(continue reading|read more)[^\]]*\]\s*$", re.I)


def clean_text(raw: str, title: str | None = None) -> str:
    """The article's prose, one paragraph per line, separated by blank lines."""
    lines: list[tuple[str, str]] = []   # (line, "prose" | "boilerplate" | "other")
    folded_title = _fold(title) if title else None
    # the last word of the title must appear in a line before it is worth folding for the comparison
    title_tail = folded_title.rsplit(" ", 1)[-1] if folded_title else None
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "  " in text or any(map(text.__contains__, _ODD_SPACES)):   # (few texts: the search is slow)
        text = _SPACES.sub(" ", text)
    lowered = text.lower()
    boilerplate_words = [word for word in _BOILERPLATE_WORDS if word in lowered]
    # each line's lower case is cut from the text's (lower-casing keeps line breaks, and case is decided within
    # a line): lower-casing every line again cost as much as the whole text
    for line, low in zip(text.split("\n"), lowered.split("\n"), strict=True):
        line = line.strip()
        if not line:
            continue
        if _END_OF_ARTICLE.match(line):
            break
        if line.endswith("]"):
            line = _TRAILING_TAG.sub("", line)
            low = line.lower()
        lines.append((line, _kind(line, folded_title, title_tail, boilerplate_words, low.strip())))
    kept = []
    for i, (line, kind) in enumerate(lines):
        if kind != "prose":
            continue
        # a short line between two headlines or bylines is a teaser in a list of other stories
        between_headlines = 0 < i < len(lines) - 1 and lines[i - 1][1] == lines[i + 1][1] == "other"
        answer = i > 0 and lines[i - 1][0].endswith("?")   # "Is this attack unprecedented?": a subhead, then prose
        # ... unless it holds two sentences ("The death toll is now 42, according to Anadolu. The toll rose after a
        # woman died."): a teaser is one headline
        if between_headlines and not answer and not _has_words(line, MAX_TEASER_WORDS + 1) \
                and not _SENTENCE_END.search(line):
            continue
        kept.append(line)
    if not kept:   # nothing reads as prose: a lone paragraph without final punctuation is still the article
        kept = [line for line, kind in lines if kind == "other" and _has_words(line, MIN_LONE_PARAGRAPH_WORDS)]
    return "\n\n".join(kept)


def _kind(line: str, folded_title: str | None, title_tail: str | None = None,
          boilerplate_words: list[str] | tuple[str, ...] = _BOILERPLATE_WORDS, lowered: str | None = None) -> str:
    lowered = line.lower() if lowered is None else lowered   # `line` lower-cased, when the caller has it
    # the headline, or a breadcrumb ending in it, is short: fold only lines that could be one
    if folded_title and len(line) <= 3 * len(folded_title) + 40 and (title_tail is None or title_tail in lowered) \
            and _fold(line).endswith(folded_title):
        return "other"   # the headline (or a breadcrumb ending in it) is stored as the title
    boilerplate_word = any(map(lowered.__contains__, boilerplate_words))   # in C: no Python frame per word
    if boilerplate_word and _BOILERPLATE_ANYWHERE.search(lowered) or _BOILERPLATE_START.match(lowered) or \
            _AUTHOR_BIO.match(line):
        return "boilerplate"
    last = line[-1:]
    ends_like_prose = last in _STOPS or last in _CLOSERS and _ENDS_LIKE_PROSE.search(line[-60:])
    if ends_like_prose and _has_words(line, MIN_PROSE_WORDS):
        return "prose"
    if _has_words(line, MIN_CUT_PARAGRAPH_WORDS) and \
            len(_SENTENCE_END.findall(line)) >= 2 and \
            not _LABEL_START.match(line):
        return "prose"   # a paragraph the source cut off mid-sentence ("... has eased") is still the article's prose
    return "other"


def _has_words(line: str, n: int) -> bool:
    """The line has at least `n` words (counted only up to `n`: a long paragraph is not split word by word)."""
    return len(line.split(None, n)) >= n


def content_hash(text: str) -> str:
    """Identity of an article: the same words in the same order, whatever the spacing, case or quotes."""
    return hashlib.sha256(_fold(text).encode("utf-8")).hexdigest()


# Non-ASCII punctuation separates words ("Mosul’s" folds as "Mosul's"): replaced by spaces before the
# accents are stripped (a character class finds the few there are much faster than a "not a word" class).
_SEPARATORS = re.compile("[\u2000-\u206f\u3000-\u303f\u00a0\u00ab\u00bb\u00b7\u00bf\u00a1\u00b4\u02bc\u02b9"
                         "\uff07\uff0c]")
# Every byte but a-z and 0-9 becomes a space (a byte table is several times faster than a regex).
_ONLY_WORDS = bytes(b if (0x30 <= b <= 0x39 or 0x61 <= b <= 0x7A) else 0x20 for b in range(256))
_SPACE_RUNS = re.compile(b"  +")   # then each run of spaces becomes one (faster than splitting into words)


def _fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", _SEPARATORS.sub(" ", text))
    return _SPACE_RUNS.sub(b" ", text.encode("ascii", "ignore").lower().translate(_ONLY_WORDS)).strip().decode("ascii")
