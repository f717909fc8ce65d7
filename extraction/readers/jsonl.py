"""One line of a JSONL batch -> an ``Article``: {"id", "text", "published"} (+ title, source, url).

Shared by ``python -m extraction --jsonl`` and ``python -m extraction.batch``, so both read a line the
same way and refuse a bad one with the same message.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import orjson

from extraction.readers import read_text
from extraction.records import Article
from gazetteer.errors import ConflictMapError, InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson")


def article_from_line(raw: bytes) -> Article:
    """The article of one non-blank JSONL line; ``InputError`` says what is wrong with a bad one."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (byte {err.start + 1} of the line); save the file as UTF-8") from err
    try:
        item = orjson.loads(line)
    except orjson.JSONDecodeError as err:
        raise InputError(f"not valid JSON ({err})") from err
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise InputError('expected an object with a "text" string')
    for field in ("published", "title", "source", "url"):
        if item.get(field) is not None and not isinstance(item[field], str):
            raise InputError(f'"{field}" must be a string'
                             + (' such as "2018-09-09"' if field == "published" else "")
                             + f", got {type(item[field]).__name__} {str(item[field])[:40]}")
    published = item.get("published")
    try:
        article = read_text(
            item["text"],
            published=date.fromisoformat(published[:10]) if published else None,
            title=str(item.get("title") or ""),
            source=str(item.get("source") or ""),
            url=str(item.get("url") or ""),
        )
    except ConflictMapError:
        raise
    except (ValueError, TypeError) as err:
        raise InputError(str(err)) from err
    if item.get("id") not in (None, ""):
        article = dataclasses.replace(article, article_id=str(item["id"]))
    return article
