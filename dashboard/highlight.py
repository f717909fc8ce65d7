"""Article text as safe HTML with recognised spans marked.

Escape first, then mark: every character of the article goes through
``html.escape`` and the only tags in the result are the ``<mark>`` elements
written here, whose class and title come from a fixed table or are escaped
too.  An article containing ``<script>`` therefore shows the characters
``<script>`` and runs nothing.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

from extraction.records import Span

LABEL_CLASS = {
    "PLACE": "hl-place",
    "ACTOR": "hl-actor",
    "TRIGGER": "hl-trigger",
    "DATE": "hl-date",
    "FATALITIES": "hl-fatalities",
    "SENTENCE": "hl-sentence",
}
STYLE = """<style>
.cm-article{white-space:pre-wrap;line-height:1.6;font-size:0.95rem}
.cm-article mark{padding:0 2px;border-radius:3px}
.hl-place{background:#cfe8ff}.hl-actor{background:#ffe0b3}.hl-trigger{background:#e6d5ff}
.hl-date{background:#d9f2d9}.hl-fatalities{background:#ffc9c9}
.hl-sentence{background:#fff3a3;outline:1px solid #e0c200}
</style>"""


def non_overlapping(spans: Iterable[Span], *, length: int) -> list[Span]:
    """Keep spans inside the text, longest first where two overlap, in text order."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not (0 <= span.start < span.end <= length):
            continue
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def highlight_html(text: str, spans: Iterable[Span]) -> str:
    """Return ``text`` escaped, with each span wrapped in ``<mark class=... title=...>``."""
    parts: list[str] = []
    cursor = 0
    for span in non_overlapping(spans, length=len(text)):
        parts.append(html.escape(text[cursor : span.start]))
        css = LABEL_CLASS.get(span.label, "hl-trigger")
        title = html.escape(f"{span.label}: {span.detail}" if span.detail else span.label, quote=True)
        parts.append(f'<mark class="{css}" title="{title}">{html.escape(text[span.start : span.end])}</mark>')
        cursor = span.end
    parts.append(html.escape(text[cursor:]))
    return '<div class="cm-article">' + "".join(parts) + "</div>"


def sentence_span(start: int, end: int) -> Span:
    """A span marking the sentence an event came from."""
    return Span(start=start, end=end, label="SENTENCE", text="", detail="source sentence")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^])")


def markdown_literal(text: str) -> str:
    """Text for Streamlit widgets that render Markdown (messages, captions, button labels), shown as written.

    Every ASCII punctuation character that Markdown, Streamlit's directives
    (``:red[...]``, ``:material/icon:``) or LaTeX (``$``) could interpret is
    backslash-escaped, so a file name or place name like ``[x](javascript:...)``
    or ``<img ...>`` appears as those characters.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def legend_html() -> str:
    """A small legend of the highlight colours (static, no user text)."""
    items = "".join(
        f'<mark class="{css}">{label.title()}</mark> ' for label, css in LABEL_CLASS.items()
    )
    return f'<div class="cm-article">{items}</div>'
