"""Write the bad-input corpus to tests/bad_inputs/ (small files, committed) and build the big ones.

    python scripts/make_bad_inputs.py            # write the small files that are missing
    python scripts/make_bad_inputs.py --force    # rewrite them all

The expected outcome of every file is in tests/bad_inputs/expected.csv.  Files
too big to commit (50 MB text, 5-million-character line, zip bombs) are made at
test time by ``GENERATED_AT_TEST_TIME`` so the repository stays small.
"""

from __future__ import annotations

import argparse
import io
import zipfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "bad_inputs"

ENGLISH = (
    "Government forces shelled the town of Khan Shaykhun in the southern Idlib countryside on Tuesday, "
    "killing at least four civilians, the Syrian Observatory for Human Rights said.\n"
    "Rebels said they had repelled an attack on their positions near the town.\n"
)
ARABIC = (
    "قصفت قوات النظام السوري مدينة خان شيخون في ريف إدلب الجنوبي يوم الثلاثاء، ما أدى إلى مقتل أربعة مدنيين "
    "على الأقل، بحسب المرصد السوري لحقوق الإنسان.\nوقالت فصائل المعارضة إنها صدت هجوما على مواقعها قرب المدينة.\n"
)
FRENCH = (
    "Les forces gouvernementales ont bombardé la ville de Khan Cheikhoun, dans la province d'Idleb, mardi, "
    "tuant au moins quatre civils, selon l'Observatoire syrien des droits de l'homme.\n"
    "Les rebelles ont affirmé avoir repoussé une attaque contre leurs positions près de la ville.\n"
)
NO_PLACES = (
    "Markets were calm on Monday as traders waited for the central bank's decision on interest rates.\n"
    "Analysts said that the outlook for the coming quarter was uncertain and that prices could rise.\n"
)


def _pdf(content_stream: bytes | None, *, title: str = "", extra_objects: dict[int, bytes] | None = None,
         resources: bytes = b"<< /Font << /F1 4 0 R >> >>") -> bytes:
    """A minimal, valid PDF with one page (xref offsets computed, so pypdf reads it strictly)."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources
           + (b" /Contents 5 0 R" if content_stream is not None else b"") + b" >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    if content_stream is not None:
        objects[5] = b"<< /Length %d >>\nstream\n" % len(content_stream) + content_stream + b"\nendstream"
    if title:
        objects[6] = b"<< /Title (" + title.encode("latin-1") + b") /CreationDate (D:20160504120000Z) >>"
    objects.update(extra_objects or {})
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n")
    info = b" /Info 6 0 R" if title else b""
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, info, xref))
    return out.getvalue()


def text_pdf(text: str = ENGLISH, *, title: str = "Shelling in Idlib") -> bytes:
    lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in text.splitlines()]
    body = b"BT /F1 10 Tf 40 750 Td 12 TL " + b" ".join(b"(" + line.encode("latin-1") + b") '" for line in lines) + b" ET"
    return _pdf(body, title=title)


def image_only_pdf() -> bytes:
    image = b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    return _pdf(b"q 400 0 0 400 100 200 cm /Im1 Do Q", extra_objects={7: image},
                resources=b"<< /XObject << /Im1 7 0 R >> >>")


def encrypted_pdf(*, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_pdf())).pages:
        writer.add_page(page)
    # RC4 works with pypdf's built-in crypto (AES would need the cryptography package).
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(paragraphs: list[str], *, title: str = "") -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.core_properties.title = title
    document.core_properties.created = datetime(2016, 5, 4, tzinfo=timezone.utc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_bomb(*, megabytes: int) -> bytes:
    """A .docx-shaped ZIP whose document part inflates from a few KB to ``megabytes`` of zeros."""
    real = zipfile.ZipFile(io.BytesIO(docx(["Nothing to see."])))
    files = {name: real.read(name) for name in real.namelist()}
    files["word/media/padding.bin"] = b"\x00" * (megabytes * 1024 * 1024)
    return zip_of(files)


_LOL = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 2 else i - 1)) * 10}">' for i in range(2, 10))


def docx_with_document_xml(xml: str) -> bytes:
    """A real .docx whose word/document.xml is replaced (broken XML, entity bombs)."""
    real = zipfile.ZipFile(io.BytesIO(docx(["placeholder"])))
    files = {name: real.read(name) for name in real.namelist()}
    files["word/document.xml"] = xml.encode()
    return zip_of(files)


def pdf_flate_bomb() -> bytes:
    """A page whose compressed content stream inflates to 200 MB."""
    import zlib

    bomb = zlib.compress(b"BT /F1 10 Tf (" + b"A" * 200_000_000 + b") Tj ET", 9)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream"
    return _pdf(None, extra_objects={5: stream}, resources=b"<< /Font << /F1 4 0 R >> >> /Contents 5 0 R")


SMALL: dict[str, Callable[[], bytes]] = {
    "empty.txt": lambda: b"",
    "whitespace_only.txt": lambda: b"   \n\t\n  \r\n   \n",
    "bom_then_whitespace.txt": lambda: b"\xef\xbb\xbf  \n\n",
    "png_named_txt.txt": lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "random_binary.txt": lambda: bytes((i * 97 + 13) % 256 for i in range(4096)),
    "elf_program.txt": lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 200 + b"/lib64/ld-linux-x86-64.so.2",
    "latin1_not_utf8.txt": lambda: ("Forces shelled Deir ez-Zor and Ma\u00e2rrat al-Nu\u00e9man on Tuesday.\n"
                                    * 3).encode("latin-1"),
    "utf8_cut_mid_character.txt": lambda: ENGLISH.encode() + "Dar\u02bfa".encode()[:-1][:4] + b"\xe2\x80",
    "utf16_le_bom.txt": lambda: ENGLISH.encode("utf-16"),  # Python writes the little-endian BOM
    "utf16_be_bom.txt": lambda: b"\xfe\xff" + ENGLISH.encode("utf-16-be"),
    "utf16_le_no_bom.txt": lambda: ENGLISH.encode("utf-16-le"),
    "utf16_damaged.txt": lambda: b"\xff\xfe" + ENGLISH.encode("utf-16-le")[:100] + b"\x00\xd8\x41",
    "utf8_bom.txt": lambda: b"\xef\xbb\xbf" + ENGLISH.encode(),
    "control_characters.txt": lambda: ("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50 + ENGLISH).encode(),
    "html_scripts_iframes_handlers.html": lambda: (
        "<!DOCTYPE html><html><head><title>Shelling in Idlib</title><script>alert('head-script')</script>"
        "<style>body{background:url(javascript:alert('css'))}</style></head><body>"
        "<script>document.write('body-script')</script><iframe src=\"https://evil.example/\">iframe-text</iframe>"
        "<article><h1>Shelling in Idlib</h1><p onmouseover=\"alert('handler')\">" + ENGLISH.replace("\n", "</p><p>")
        + "</p><p>Activists posted <img src=x onerror=\"alert('img-handler')\"> photos.</p>"
        "<noscript>noscript-text</noscript><svg onload=\"alert('svg')\"><text>svg-text</text></svg></article>"
        "</body></html>").encode(),
    "html_escaped_markup_in_text.html": lambda: (
        "<html><body><article><p>" + ENGLISH + "</p><p>A reader wrote &lt;img src=x onerror=alert(1)&gt; in the "
        "comments of the story about the shelling.</p></article></body></html>").encode(),
    "html_only_scripts.html": lambda: b"<html><head><script>var a = 'x';</script></head><body><script>"
                                      b"alert(1)</script><iframe src='https://evil.example/'></iframe></body></html>",
    "html_saved_as_txt.txt": lambda: ("<!DOCTYPE html><html><body><p>" + ENGLISH + "</p><script>alert('x')</script>"
                                      "</body></html>").encode(),
    "malformed.pdf": lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n\xff\xfe garbage \x00\x01\nstartxref\n999999\n%%EOF",
    "truncated.pdf": lambda: text_pdf()[:300],
    "encrypted.pdf": lambda: encrypted_pdf(user_password="secret"),
    "encrypted_owner_only.pdf": lambda: encrypted_pdf(user_password=""),
    "image_only.pdf": image_only_pdf,
    "text_named_pdf.pdf": lambda: ENGLISH.encode(),
    "good.pdf": text_pdf,
    "not_a_zip.docx": lambda: b"This is not a Word document, just text with a .docx name.\n",
    "zip_but_not_word.docx": lambda: zip_of({"readme.txt": b"hello", "data/x.csv": b"a,b\n1,2\n"}),
    "word_no_text.docx": lambda: docx([]),
    "good.docx": lambda: docx(ENGLISH.splitlines(), title="Shelling in Idlib"),
    "old_word_97.doc": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
    "rtf_named_docx.docx": lambda: b"{\\rtf1\\ansi Government forces shelled Khan Shaykhun.}",
    "gzip_named_txt.txt": lambda: b"\x1f\x8b\x08\x00" + b"\x00" * 40,
    "photo.jpg": lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100,
    "spreadsheet.xlsx": lambda: b"\x01\x02 not supported",
    "arabic.txt": lambda: ARABIC.encode(),
    "french.txt": lambda: FRENCH.encode(),
    "no_places_no_events.txt": lambda: NO_PLACES.encode(),
    "future_date.txt": lambda: ("Shelling in Idlib\n14 March, 2091\n" + ENGLISH).encode(),
    "before_2011.txt": lambda: ("Shelling in Idlib\nMay 12, 2009\n" + ENGLISH).encode(),
    "pdf_page_tree_loop.pdf": lambda: (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type "
                                       b"/Pages /Kids [2 0 R] /Count 1 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"),
    "docx_xml_entity_bomb.docx": lambda: docx_with_document_xml(
        '<?xml version="1.0"?><!DOCTYPE w:document [' + _LOL + ']><w:document xmlns:w="http://schemas.openxmlformats'
        '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'),
    "docx_broken_xml.docx": lambda: docx_with_document_xml('<?xml version="1.0"?><w:document><w:body><w:p>unclosed'),
    "html_entity_bomb.html": lambda: ('<?xml version="1.0"?><!DOCTYPE html [' + _LOL + ']><html><body><p>&lol9; '
                                      + ENGLISH + "</p></body></html>").encode(),
    "iso_dateline.txt": lambda: ("Shelling in Idlib\nPublished 2016-05-04\n" + ENGLISH).encode(),
}

GENERATED_AT_TEST_TIME: dict[str, Callable[[], bytes]] = {
    "huge_50mb.txt": lambda: (ENGLISH * (50 * 1024 * 1024 // len(ENGLISH) + 1)).encode()[: 50 * 1024 * 1024],
    "one_line_5m_chars.txt": lambda: b"x" * 5_000_000,
    "one_line_200k_chars.txt": lambda: (ENGLISH.replace("\n", " ") * 1000)[:200_000].encode(),
    "docx_bomb_total.docx": lambda: docx_bomb(megabytes=200),
    "docx_bomb_ratio.docx": lambda: docx_bomb(megabytes=20),
    "pdf_flate_bomb.pdf": pdf_flate_bomb,
    "pdf_deeply_nested.pdf": lambda: b"%PDF-1.4\n1 0 obj " + b"[" * 100_000 + b"]" * 100_000
                                     + b" endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    "html_8mb.html": lambda: b"<html><body>" + b"<p>" + ENGLISH.encode() + b"</p>\n" * 0
                             + (b"<p>" + ENGLISH.replace("\n", " ").encode() + b"</p>\n") * 33_000 + b"</body></html>",
    "html_200k_nested_divs.html": lambda: b"<html><body>" + b"<div>" * 200_000 + ENGLISH.encode()
                                          + b"</div>" * 200_000 + b"</body></html>",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true",
                        help="rewrite existing files too (ZIP, DOCX and encrypted PDF bytes then change: timestamps, ids)")
    args = parser.parse_args()
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, make in SMALL.items():
        path = CORPUS_DIR / name
        if path.exists() and not args.force:
            continue
        data = make()
        path.write_bytes(data)
        written += 1
        print(f"wrote {name} ({len(data)} bytes)")
    print(f"{len(SMALL)} small files ({written} written), {len(GENERATED_AT_TEST_TIME)} made at test time")


if __name__ == "__main__":
    main()
