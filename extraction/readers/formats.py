"""HTML, PDF and DOCX: the article's text and whatever metadata the file carries.

Each reader takes bytes (never a path from a user) and returns a ``Document``.
Parser failures are converted to ``InputError`` at this boundary with a message
a journalist can act on; the parsers' own messages are kept as the cause.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime

from gazetteer.errors import InputError

MAX_PDF_PAGES = 500
MAX_TRAFILATURA_BYTES = 3 * 1024 * 1024
MAX_DOCX_ENTRIES = 2_000
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024  # sum of the sizes the ZIP directory declares
MAX_DOCX_RATIO = 100  # deflate rarely beats 20:1 on real documents; bombs reach 1000:1
_RATIO_MIN_BYTES = 1024 * 1024  # small parts may compress well without being a bomb

# Elements whose content is never article text (and must never reach it).
_NON_TEXT_TAGS = ("script", "style", "iframe", "noscript", "template", "object", "embed", "svg", "head",
                  "form", "button", "select", "textarea", "canvas", "math")


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader found in a file; empty strings and None when the file does not say."""

    text: str
    title: str = ""
    published: date | None = None
    source: str = ""
    url: str = ""


def read_html(data: bytes) -> Document:
    """Main text of a web page via trafilatura (with its metadata), else every visible text block."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = None
    if len(data) > MAX_TRAFILATURA_BYTES:  # trafilatura takes about 1 s per MB; no article page is this big
        text = _visible_text(data)
        if not text.strip():
            raise InputError(_no_text_reason(data))
        return Document(text=text)
    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                          include_images=False, include_links=False, include_tables=True)
    except (ValueError, TypeError, AttributeError, LookupError) as err:  # trafilatura's failure modes on junk
        logging.getLogger(__name__).info("trafilatura failed, using the plain fallback: %s", err)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        text = _visible_text(data)
    if not text.strip():
        raise InputError(_no_text_reason(data))
    return Document(
        text=text,
        title=(getattr(doc, "title", None) or "").strip() if doc is not None else "",
        published=_iso_date(getattr(doc, "date", None)) if doc is not None else None,
        source=(getattr(doc, "sitename", None) or "").strip() if doc is not None else "",
        url=(getattr(doc, "url", None) or "").strip() if doc is not None else "",
    )


_TAG = re.compile(rb"<[^>]*>")
_OPENING = re.compile(rb"<(?:div|span|p|section|table|td|tr|ul|li|b|i|font)\b", re.IGNORECASE)
_MAX_SENSIBLE_DEPTH = 5_000  # no real page nests this deep; HTML parsers stop going deeper (libxml2: 256-ish)


def _no_text_reason(data: bytes) -> str:
    """Why a page gave no text: nothing but markup, or text hidden too deep in nested elements to parse."""
    words = len(re.findall(rb"[A-Za-z]{3,}", _TAG.sub(b" ", data[:5_000_000])))
    if words > 5 and len(_OPENING.findall(data[:5_000_000])) > _MAX_SENSIBLE_DEPTH:
        return ("The web page nests its elements too deeply to be read safely (thousands of levels), so its "
                f"text (about {words:,} words) cannot be reached. Copy the article's text and paste it instead.")
    return "The web page has no readable article text (only markup, scripts or images)."


def _visible_text(data: bytes) -> str:
    """Text of every block outside scripts, styles, iframes and the like (for pages trafilatura rejects)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError) as err:
        raise InputError("The file is not readable HTML.") from err
    # Collect first: removing elements while iterating the tree skips their siblings.
    doomed = list(root.iter(*_NON_TEXT_TAGS, lxml.etree.Comment, lxml.etree.ProcessingInstruction))
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    lines = (" ".join(block.split()) for block in root.itertext())
    return "\n".join(line for line in lines if line)


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_pdf(data: bytes) -> Document:
    """Text of every page via pypdf; encrypted, damaged and image-only PDFs get their own messages."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed files make pypdf chatty
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise InputError(f"The PDF has {len(reader.pages)} pages; the limit is {MAX_PDF_PAGES}. "
                             "Upload the pages with the article only.")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        title = str(meta.title or "").strip() if meta else ""
        created = _meta_date(meta) if meta else None
    except InputError:
        raise
    except LimitReachedError as err:
        raise InputError("The PDF holds more data than it is safe to unpack (pypdf's limit: "
                         f"{err}); it may be a decompression bomb or a page of very many drawing operations. "
                         "It was not read; copy its text into a .txt file instead.") from err
    except (FileNotDecryptedError, DependencyError) as err:
        raise InputError("The PDF is password-protected. Remove the password (or copy the text) and try again.") from err
    # pypdf raises many kinds of errors on damaged files (its own, plus ValueError, KeyError,
    # struct/zlib errors, RecursionError ...); all mean the same thing to the user.
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError, OSError,
            AssertionError) as err:
        raise InputError(f"The PDF is damaged or not a real PDF file and cannot be read ({type(err).__name__}).") from err
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise InputError("The PDF has no text layer: it is probably scanned pages or images, and this tool "
                         "does not read text from images (no OCR). Use a PDF with selectable text, or paste the text.")
    return Document(text=text, title=title, published=created)


def _decrypt(reader: object) -> None:
    from pypdf import PasswordType

    # Many PDFs are "encrypted" with an empty user password only to restrict printing; those open.
    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:  # type: ignore[attr-defined]
        raise InputError("The PDF is password-protected. Remove the password (or copy the text) and try again.")


def _meta_date(meta: object) -> date | None:
    try:
        value = meta.creation_date  # type: ignore[attr-defined]
    except (ValueError, TypeError, KeyError):
        return None
    return value.date() if isinstance(value, datetime) else None


def read_docx(data: bytes) -> Document:
    """Paragraphs and table cells of a Word document, in order; refuses zip bombs before extracting."""
    import docx
    import lxml.etree
    from docx.opc.exceptions import PackageNotFoundError

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise InputError("The .docx file is damaged or not a Word document (it is not a ZIP archive). "
                         "Open it in Word and save it again as .docx.") from err
    with archive:
        check_zip(archive)
        if "word/document.xml" not in archive.namelist():
            raise InputError("The file is a ZIP archive but not a Word (.docx) document.")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document))
        props = document.core_properties
        title = (props.title or "").strip()
        created = props.created.date() if isinstance(props.created, datetime) else None
    except lxml.etree.XMLSyntaxError as err:
        said = str(err).lower()
        if "amplification" in said:
            raise InputError("The Word document defines XML entities that expand enormously (an \"XML bomb\"); "
                             "it was not read.") from err
        if "entity" in said:
            raise InputError("The Word document refers to XML entities defined elsewhere (external entities), which "
                             "are never fetched or expanded; open it in Word, save it again as .docx and retry.") from err
        if "depth" in said or "huge" in said or "nested" in said:
            raise InputError("The Word document nests tables or elements too deeply to be read safely "
                             f"({err}); copy its text into a new document or a .txt file.") from err
        raise InputError(f"The Word document is damaged (its XML is broken: {err}) and cannot be read.") from err
    # Like pypdf, python-docx fails on damaged packages in many ways; all mean "damaged" to the user.
    except (PackageNotFoundError, KeyError, ValueError, TypeError, AttributeError, IndexError, zipfile.BadZipFile,
            zlib.error, EOFError, lxml.etree.LxmlError) as err:
        raise InputError(f"The Word document is damaged and cannot be read ({type(err).__name__}).") from err
    text = "\n".join(block for block in blocks if block.strip())
    if not text.strip():
        raise InputError("The Word document has no text (it may hold only images).")
    return Document(text=text, title=title, published=created)


def check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb from the sizes its directory declares, before anything is decompressed.

    Python's zipfile never inflates an entry past its declared size, so the
    declared sizes bound the work done afterwards.
    """
    entries = archive.infolist()
    if len(entries) > MAX_DOCX_ENTRIES:
        raise InputError(f"The .docx file holds {len(entries):,} parts; a Word document has a few dozen. "
                         "It was not opened.")
    total = sum(info.file_size for info in entries)
    if total > MAX_DOCX_UNCOMPRESSED:
        raise InputError(f"The .docx file would expand to {total / 1024**2:,.0f} MB (limit "
                         f"{MAX_DOCX_UNCOMPRESSED // 1024**2} MB): it looks like a zip bomb and was not opened.")
    for info in entries:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_MIN_BYTES and ratio > MAX_DOCX_RATIO:
            raise InputError(f"The .docx file has a part that expands {ratio:,.0f} times: it looks like a zip bomb "
                             "and was not opened.")


def _docx_blocks(document: object):
    from docx.table import Table

    for block in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Table):
            for row in block.rows:
                yield " | ".join(cell.text.strip() for cell in row.cells)
        else:
            yield block.text
