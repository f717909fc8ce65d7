"""Plain text: decoding bytes without guessing, size limits, and the title and dateline of an article.

Decoding is strict: UTF-8 (with or without a byte-order mark) and UTF-16/32 with
a byte-order mark.  Anything else is refused with a message that says what to
do, because silently decoding with the wrong code page turns every place name
into mojibake that no gazetteer can match.
"""

from __future__ import annotations

import calendar
import codecs
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

from gazetteer.errors import InputError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # 10 MB: the one upload limit, stated by the UI
MAX_TEXT_CHARS = 1_000_000  # about 150,000 words: far more than any news article
MAX_LINE_CHARS = 100_000  # a longer "line" is a dump, not a paragraph
EARLIEST_PUBLISHED = date(2011, 1, 1)  # the Syrian conflict began in March 2011
DATELINE_LINES = 10  # a dateline is near the top
DATELINE_MAX_CHARS = 100  # ... on a short line (a body sentence "In March 1970, ..." is not a dateline)
TITLE_MAX_CHARS = 150

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")


def format_bytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def check_size(n_bytes: int) -> None:
    if n_bytes > MAX_UPLOAD_BYTES:
        raise InputError(f"The file is {format_bytes(n_bytes)}, larger than the {format_bytes(MAX_UPLOAD_BYTES)} "
                         "upload limit. Upload one article at a time, or only its text.")
    if n_bytes == 0:
        raise InputError("The file is empty (0 bytes).")


def decode_text(data: bytes) -> str:
    """Decode text bytes strictly; raise ``InputError`` saying why they are not readable text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"The file starts like {encoding.upper()} text but is damaged at byte "
                                 f"{err.start + len(bom)}; save it again as UTF-8.") from err
    guessed = _utf16_without_bom(data)
    if guessed:
        return guessed
    head = data[:65536]
    if b"\x00" in head:
        # A stray NUL in text (a copy-paste accident) is dropped; many of them mean a binary file.
        if head.count(0) > max(2, len(head) // 1000):
            raise InputError("This is a binary file (for example an image, an archive or a program), not text. "
                             "Upload the article as .txt, .html, .pdf or .docx.")
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        hint = (" It looks like Windows-1252 or Latin-1 text: open it and save it as UTF-8."
                if _looks_single_byte(data) else " Save it as UTF-8 text.")
        raise InputError(f"The file is not valid UTF-8 text: byte 0x{data[err.start]:02X} at position "
                         f"{err.start} (line {line}) cannot be decoded.{hint}") from err


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: ASCII letters leave a NUL in every other byte."""
    head = data[:4096]
    if len(head) < 8 or len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    encoding = "utf-16-le" if odd > 0.6 * half and even == 0 else "utf-16-be" if even > 0.6 * half and odd == 0 else None
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_single_byte(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def clean_text(text: str) -> str:
    """Normalise line ends and Unicode form; refuse binary-looking or over-long text."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    controls = sum(1 for ch in text[:100_000] if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls > max(3, len(text[:100_000]) // 1000):
        raise InputError("The text is full of control characters: this looks like a binary file, not an article.")
    if controls:  # a few stray control characters: drop them rather than refuse the article
        text = "".join(ch for ch in text if ch in _ALLOWED_CONTROLS or unicodedata.category(ch) != "Cc")
    if not text.strip():
        raise InputError("The file has no text (it is empty or only whitespace).")
    check_text_limits(text)
    return text


def check_text_limits(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"The text is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,} characters "
                         "(far more than a news article). Split it into separate articles.")
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise InputError(f"One line of the text is {longest:,} characters long; the limit is {MAX_LINE_CHARS:,} "
                         "characters per line. This looks like a data dump rather than an article.")


def detect_title(text: str) -> str:
    """The first non-empty line when it is short enough to be a headline, else ""."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= TITLE_MAX_CHARS else ""
    return ""


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    ("ymd", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)),
)


def detect_dateline(text: str) -> tuple[date, str] | None:
    """A full date on a short line near the top ("02 December, 2015", "Wed 05 Apr 2017", "2015-12-02").

    Returns the date and the line it was found on, or None.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()][:DATELINE_LINES]
    for line in lines:
        if len(line) > DATELINE_MAX_CHARS:
            continue
        for kind, pattern in _DATE_PATTERNS:
            match = pattern.search(line)
            if not match:
                continue
            g = match.groups()
            if kind == "ymd":
                y, m, d = int(g[0]), int(g[1]), int(g[2])
            elif kind == "dmy":
                d, m, y = int(g[0]), _MONTHS[g[1].lower()], int(g[2])
            else:
                m, d, y = _MONTHS[g[0].lower()], int(g[1]), int(g[2])
            try:
                return date(y, m, d), line
            except ValueError:
                continue
    return None


def validate_published(d: date, *, today: date | None = None, found_in: str = "") -> date:
    """Refuse a publication date in the future or before 2011 (the conflict began in 2011)."""
    today = today or datetime.now(timezone.utc).date()
    where = f" (found in the text: {found_in!r})" if found_in else ""
    if d > today + timedelta(days=1):  # one day of grace: Syria is ahead of UTC
        raise InputError(f"The publication date {d:%d %B %Y}{where} is in the future. "
                         "Correct the publication date.")
    if d < EARLIEST_PUBLISHED:
        raise InputError(f"The publication date {d:%d %B %Y}{where} is before 2011, when the Syrian conflict "
                         "began. Correct the publication date if it is wrong.")
    return d


def plausible(d: date | None, *, today: date | None = None) -> bool:
    """Whether a date from file metadata is worth using (metadata is often the day a file was saved)."""
    today = today or datetime.now(timezone.utc).date()
    return d is not None and EARLIEST_PUBLISHED <= d <= today
