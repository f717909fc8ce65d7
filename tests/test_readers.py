"""Input adapters: format choice, datelines, titles, precedence of explicit values, language, limits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extraction.readers import (
    MAX_UPLOAD_BYTES,
    detect_language,
    language_warning,
    read_bytes,
    read_path,
    read_text,
    upload_limit_text,
    validate_published,
)
from extraction.readers.formats import check_zip
from extraction.readers.text import detect_dateline, detect_title
from gazetteer.errors import InputError

SEED = Path(__file__).resolve().parents[1] / "sample_articles" / "2015-12-02_new-arab_is-advance-in-aleppo.txt"
BODY = "Government forces shelled the town of Khan Shaykhun on Tuesday, killing at least four civilians.\n"


def test_seed_article() -> None:
    article = read_path(SEED)
    assert article.title == "IS advance in Aleppo thanks to Russian air raids"
    assert article.published == date(2015, 12, 2)
    assert "al-Latamina" in article.text
    assert detect_language(article.text) == "en"


@pytest.mark.parametrize(("line", "expected"), [
    ("02 December, 2015", date(2015, 12, 2)),
    ("December 2, 2015", date(2015, 12, 2)),
    ("2015-12-02", date(2015, 12, 2)),
    ("Wed 05 Apr 2017", date(2017, 4, 5)),
    ("Published: Wed 05 Apr 2017 10.32 BST", date(2017, 4, 5)),
    ("Sept. 30th, 2015", date(2015, 9, 30)),
    ("1 sep 2016", date(2016, 9, 1)),
])
def test_dateline_formats(line: str, expected: date) -> None:
    found = detect_dateline(f"Title\n{line}\n{BODY}")
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(("text", "why"), [
    ("Title\n" + "x\n" * 12 + "2 December 2015\n", "too far from the top"),
    ("Title\nIn March 1970, a long sentence of the body that mentions a date well before the war, "
     "but is far too long to be a dateline.\n", "a body sentence, not a dateline"),
    ("Title\n31 February 2016\n", "not a real date"),
    ("Title\nOn Wednesday rebels advanced.\n", "no full date"),
])
def test_no_dateline(text: str, why: str) -> None:
    assert detect_dateline(text) is None, why


def test_title_is_first_short_line() -> None:
    assert detect_title("\n\n  Air raids on Idlib  \nBody.") == "Air raids on Idlib"
    assert detect_title("x" * 300 + "\nBody") == ""


def test_explicit_arguments_win() -> None:
    text = f"Detected title\n2 December 2015\n{BODY}"
    article = read_text(text, title="Given", published=date(2016, 1, 3), source="SOHR", url="https://x.org/a")
    assert (article.title, article.published, article.source, article.url) == (
        "Given", date(2016, 1, 3), "SOHR", "https://x.org/a")
    detected = read_text(text)
    assert (detected.title, detected.published) == ("Detected title", date(2015, 12, 2))


def test_dateline_wins_over_file_metadata() -> None:
    import io
    from datetime import datetime, timezone

    import docx

    document = docx.Document()
    for paragraph in ("Air raids on Idlib", "May 4, 2016", BODY):
        document.add_paragraph(paragraph)
    document.core_properties.created = datetime(2020, 2, 2, tzinfo=timezone.utc)  # the day the file was saved
    buffer = io.BytesIO()
    document.save(buffer)
    article = read_bytes(buffer.getvalue(), filename="a.docx")
    assert (article.published, article.title) == (date(2016, 5, 4), "Air raids on Idlib")


def test_html_metadata() -> None:
    html = (b"<html><head><title>Air raids hit Idlib - Wire</title><meta property='og:site_name' content='Wire'>"
            b"<meta name='date' content='2016-05-04'><link rel='canonical' href='https://wire.example/a'></head>"
            b"<body><article><h1>Air raids hit Idlib</h1><p>" + BODY.encode() * 3 + b"</p></article></body></html>")
    article = read_bytes(html, filename="page.htm")
    assert (article.title, article.published, article.source, article.url) == (
        "Air raids hit Idlib", date(2016, 5, 4), "Wire", "https://wire.example/a")
    assert "<" not in article.text and "Khan Shaykhun" in article.text


def test_line_endings_are_normalised() -> None:
    assert read_bytes(b"Title\r\nLine one.\rLine two.\r\n", filename="a.txt").text == "Title\nLine one.\nLine two.\n"


def test_hostile_file_names_are_only_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("../../etc/passwd.txt", "C:\\Windows\\..\\evil.txt", "/dev/zero.txt", "..", ""):
        assert read_bytes(BODY.encode(), filename=name).text == BODY
    assert list(tmp_path.iterdir()) == []


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # a sparse file: checked by size, never read
        handle.truncate(MAX_UPLOAD_BYTES + 1)
    with pytest.raises(InputError, match="upload limit"):
        read_path(path)
    assert "10 MB" in upload_limit_text()


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Cannot read"):
        read_path(tmp_path / "nope.txt")


def test_pasted_text_limits() -> None:
    with pytest.raises(InputError, match="only whitespace"):
        read_text(" \n\t ")
    with pytest.raises(InputError, match="characters per line"):
        read_text("a" * 100_001)
    with pytest.raises(InputError, match="limit is 1,000,000 characters"):
        read_text(("word " * 20 + "\n") * 10_000)


@pytest.mark.parametrize(("today", "value", "message"), [
    (date(2020, 1, 1), date(2020, 1, 3), "in the future"),
    (date(2020, 1, 1), date(2010, 12, 31), "before 2011"),
])
def test_validate_published_refuses(today: date, value: date, message: str) -> None:
    with pytest.raises(InputError, match=message):
        validate_published(value, today=today)


@pytest.mark.parametrize("value", [date(2011, 1, 1), date(2020, 1, 1), date(2020, 1, 2)])
def test_validate_published_accepts(value: date) -> None:
    assert validate_published(value, today=date(2020, 1, 1)) == value  # one day of grace for time zones


@pytest.mark.parametrize(("text", "code"), [
    (BODY * 2, "en"),
    ("قصفت قوات النظام مدينة خان شيخون في ريف إدلب الجنوبي يوم الثلاثاء", "ar"),
    ("Les forces gouvernementales ont bombardé la ville dans la province d'Idleb, selon l'Observatoire.", "fr"),
    ("Die Regierungstruppen haben die Stadt in der Provinz Idlib bombardiert, wurde von Aktivisten gemeldet.", "de"),
    ("Las fuerzas del gobierno bombardearon la ciudad en la provincia de Idlib, según el Observatorio.", "es"),
    ("Российская авиация нанесла удары по позициям боевиков в провинции Идлиб.", "ru"),
    ("12 345 678 --- ### ok", "und"),
])
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_language_warning_only_for_non_english() -> None:
    assert language_warning(BODY * 2) is None
    assert language_warning("Les forces gouvernementales ont bombardé la ville selon les rebelles.") == (
        "This article looks French, not English; the extractor reads English only, so expect 0 events. "
        "Use an English version of the article if there is one.")


def test_zip_check_reads_only_the_directory() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("big.bin", b"\0" * (5 * 1024 * 1024))
    with zipfile.ZipFile(buffer) as archive:
        with pytest.raises(InputError, match="zip bomb"):
            check_zip(archive)


@pytest.mark.parametrize(
    ("text", "published", "how"),
    [
        ("Wed 05 Apr 2017\nAir strikes hit Khan Sheikhoun.", date(2017, 4, 5), "the page's dateline: 'Wed 05 Apr 2017'"),
        ("2 December 2015\nIS advanced near Aleppo.", date(2015, 12, 2), "the page's dateline: '2 December 2015'"),
        ("BEIRUT, Sept 9 (Reuters) - Jets resumed strikes on Sunday.", None,
         "a wire dateline 'BEIRUT, Sept 9 (Reuters)' gives no year"),
        ("Air strikes hit Idlib on Sunday.", None, ""),
    ],
)
def test_the_publication_date_says_where_it_came_from(text, published, how):
    article = read_text(text)
    assert (article.published, article.published_from) == (published, how)
    assert read_text(text, published=date(2018, 9, 9)).published_from == "given"
