"""Input adapters: turn an uploaded or given file (bytes), or pasted text, into an ``Article``.

The format is decided by content first (PDF, ZIP and old Office signatures,
images) and by the file name's extension second; the name is only ever looked
at, never used as a path.  Every refusal is an ``InputError`` whose message says
what is wrong and what to do.  Explicit arguments (title, published, source,
url) win over what the file says; a dateline in the text wins over file
metadata, which often records when the file was saved rather than published.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePath

from extraction.readers.formats import Document, read_docx, read_html, read_pdf
from extraction.readers.language import detect_language, language_warning
from extraction.readers.text import (
    MAX_LINE_CHARS,
    MAX_TEXT_CHARS,
    MAX_UPLOAD_BYTES,
    check_size,
    clean_text,
    decode_text,
    detect_dateline,
    detect_title,
    format_bytes,
    plausible,
    validate_published,
)
from extraction.dates import dateline_found, wire_dateline
from extraction.records import Article
from gazetteer.errors import InputError

__all__ = [
    "MAX_LINE_CHARS", "MAX_TEXT_CHARS", "MAX_UPLOAD_BYTES", "SUPPORTED_EXTENSIONS", "detect_language",
    "language_warning", "read_bytes", "read_path", "read_text", "upload_limit_text", "validate_published",
]

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ""})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".pdf", ".docx")

# Signatures of files people upload by mistake, with what to tell them.
_REFUSED_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "This is an old Word/Excel 97-2003 file (.doc/.xls). Save it as .docx "
                                          "or copy its text."),
    (b"\x89PNG", "This is a PNG image, not an article. Upload the article's text, web page, PDF or Word file."),
    (b"\xff\xd8\xff", "This is a JPEG image, not an article. Upload the article's text, web page, PDF or Word file."),
    (b"GIF8", "This is a GIF image, not an article. Upload the article's text, web page, PDF or Word file."),
    (b"{\\rtf", "This is an RTF file. Save it as .docx or .txt and upload that."),
    (b"\x1f\x8b", "This is a compressed (gzip) file. Unpack it and upload the article inside."),
    (b"7z\xbc\xaf", "This is a 7-Zip archive. Unpack it and upload the article inside."),
)


def upload_limit_text() -> str:
    """The sentence the UI shows next to the upload widget."""
    return (f"One article per file: .txt, .html, .pdf (with selectable text) or .docx, up to "
            f"{format_bytes(MAX_UPLOAD_BYTES)}.")


def read_bytes(data: bytes, *, filename: str, published: date | None = None, title: str = "",
               source: str = "", url: str = "") -> Article:
    """Read an uploaded file's bytes; ``filename`` only helps to choose the format."""
    check_size(len(data))
    document = _read_document(data, _extension(filename))
    return _article(document, published=published, title=title, source=source, url=url)


def read_path(path: str | Path, *, published: date | None = None, title: str = "", source: str = "",
              url: str = "") -> Article:
    """Read a file named on the command line (the size is checked before reading)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(f"Cannot read {path}: {err.strerror or err}.") from err
    check_size(size)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"Cannot read {path}: {err.strerror or err}.") from err
    return read_bytes(data, filename=path.name, published=published, title=title, source=source, url=url)


def read_text(text: str, *, published: date | None = None, title: str = "", source: str = "",
              url: str = "") -> Article:
    """Read pasted text (the same checks and detection as a .txt file)."""
    if len(text) > MAX_TEXT_CHARS * 2:  # cheap early refusal before normalising a huge paste
        raise InputError(f"The text is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,} characters "
                         "(far more than a news article). Split it into separate articles.")
    return _article(Document(text=text), published=published, title=title, source=source, url=url)


def _extension(filename: str) -> str:
    # PurePath only splits the string; the name never touches the filesystem.
    return PurePath(filename.replace("\\", "/")).suffix.lower() if filename else ""


def _read_document(data: bytes, ext: str) -> Document:
    head = data[:1024]
    for signature, message in _REFUSED_SIGNATURES:
        if head.startswith(signature):
            raise InputError(message)
    if b"%PDF-" in head:
        return read_pdf(data)
    if head.startswith(b"PK\x03\x04") or ext == ".docx":
        return read_docx(data)
    if ext == ".pdf":
        raise InputError("The file is named .pdf but is not a PDF (it has no PDF header): it is damaged "
                         "or of another type.")
    if ext in HTML_EXTENSIONS or (ext in TEXT_EXTENSIONS and _looks_like_html(head)):
        decode_text(data)  # refuse binary junk and broken encodings with the text messages
        return read_html(data)
    if ext in TEXT_EXTENSIONS:
        return Document(text=decode_text(data))
    raise InputError(f"Files of type {ext} are not supported. Use one of: {', '.join(SUPPORTED_EXTENSIONS)}, "
                     "or paste the text.")


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _article(document: Document, *, published: date | None, title: str, source: str, url: str) -> Article:
    text = clean_text(document.text)
    published, how = _published(text, document, published)
    return Article(
        text=text,
        title=(title or document.title or detect_title(text)).strip(),
        published=published,
        source=(source or document.source).strip(),
        url=(url or document.url).strip(),
        published_from=how,
    )


def _published(text: str, document: Document, given: date | None) -> tuple[date | None, str]:
    """The publication date and how it was had, in order of trust: given by the user; printed at the
    top of the page (the dateline the extractor also reads); on a short line near the top; the file's
    metadata (often when it was saved, so last); a wire dateline's day and month with the metadata's
    year.  None, with the reason, when nothing gives a whole date."""
    if given is not None:
        return validate_published(given), "given"
    found = dateline_found(text) or detect_dateline(text)
    if found:
        return validate_published(found[0], found_in=found[1]), f"the page's dateline: {found[1]!r}"
    wire = wire_dateline(text)
    if plausible(document.published):
        if wire and (document.published.month, document.published.day) != wire[:2]:
            try:
                dated = validate_published(date(document.published.year, wire[0], wire[1]), found_in=wire[2])
            except (ValueError, InputError):
                dated = None
            if dated is not None:
                return dated, f"the wire dateline {wire[2]!r} with the year of the file's metadata"
        return document.published, "the file's metadata"
    if wire:
        return None, f"a wire dateline {wire[2]!r} gives no year"
    return None, ""
