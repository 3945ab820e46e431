"""Page furniture: what a web page puts around a report that is not the report.

News text scraped from a page carries the page's furniture: "Related News" and the headlines of
other stories, "Read more", "Last updated at ...", share counters ("Get short URL 0 87", "Print
Tweet Views 371", a byline's time stamp "2159 18.05.2017"), photo captions with their credit ("... (AFP Photo)"), embedded tweets and video
titles ("... - YouTube"), "Follow us on ..." and copyright lines. trafilatura drops these when it
extracts a page's text from HTML; :func:`blank_page_furniture` does the equivalent for text that
reaches marsad already flattened, with or without line breaks.

Furniture is blanked, not cut: every character of it becomes a space (line breaks stay), so the
text keeps its length and every offset marsad reports still indexes the input.
"""
from __future__ import annotations

import re

# a block of other stories' headlines, from its heading to the end of the page (or of the block)
_LIST_HEADING = re.compile(
    r"(?:\.\.\.\s*)?(?:\b\d{1,6}\s+)?\bRelated(?:\s+(?:News|Articles?|Stories|Posts|Coverage|Content|Topics|Videos|Links|Reading))?\b"
    r"(?=\s*:?\s*[A-Z0-9\"'])|\bYou (?:may|might) also (?:like|be interested in)\b|\bMore (?:from|stories from|on this story)\b|"
    r"\bRecommended(?: for you| stories| articles)?\s*:|\bMost (?:read|popular|viewed)\s*:?(?=\s*[A-Z])|"
    r"\bFollow us on\b|\bSubscribe to our\b|\bCopyright\s*(?:©|\(c\)|\d{4})|©\s*\d{4}|\bAll rights reserved\b")
_INLINE = re.compile(
    r"\bLast updated(?:\s+(?:at|on))?\s*:?\s*(?:[A-Z][a-z]{2,8}\.?\s*\d{1,8},?(?:\s*\d{4})?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})"
    r"(?:\s+\d{1,2}:?\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?|"
    r"\(updated\s+\d{1,4}\s+\d{1,2}\.\d{1,2}\.\d{2,4}\)|\b\d{3,4}\s+\d{1,2}\.\d{1,2}\.\d{4}\b|\bGet short URL(?:\s+\d{1,7}){0,2}\b|"
    r"\bPrint\s+Tweet(?:\s+Views\s+\d+)?\b|\bShare (?:this|on (?:Facebook|Twitter|WhatsApp))\b|"
    r"\bpic\.twitter\.com\S*|https?://\S+|\bhttps?t?\.co\S*|\bClick here(?: to [a-z ]{1,40})?\b")
# a caption's credit: "(AFP Photo)", "(Photo: AP)", "(File photo)", "Photo: Reuters" (a word in lower case before
# "photo" is the caption's own words: "(second right in photo)")
_CREDIT = re.compile(r"\((?:(?-i:[A-Z])[\w .&/-]{0,30}\s)?(?:Photo|Photograph|Image|Picture|File photo|Video)(?:\s*[:/]?\s*[\w .&/-]{0,30})?\)|"
                     r"\((?:AFP|AP|Reuters|Getty(?: Images)?|EPA|Anadolu(?: Agency)?|SANA|TRT World(?: and Agencies)?)"
                     r"(?:\s+(?:Photo|Images?))?\)|(?:^|(?<=\s))(?:Photo|Image|Picture)\s*(?:credit)?\s*:\s*[A-Z][\w .&/-]{1,40}$", re.M | re.I)
# an embedded tweet's byline: "... pic.twitter.com/xyz NAME (@handle) September 23, 2016"
# a wire dateline before the agency's name: the place the report was filed from, in capitals, and its state or
# country ("BEIRUT (AP) -", "COLUMBUS, Ohio (AP) -", "RALEIGH, N.C. (AP)"). It opens the report; it credits no
# photo, and the place is the report's own
_DATELINE_BEFORE = re.compile(r"(?:^|[\s.,;:\"'])(?:[A-Z][A-Z'\-]{2,}|[A-Z]{2}\.?(?=\s+[A-Z]{2}))(?:\.?\s+[A-Z][A-Z'\-]+)*"
                              r"(?:,\s+[A-Z][A-Za-z.]{1,14}(?:\s+[A-Z][A-Za-z.]{1,14})?)?\s*$")
_AGENCY_ONLY = re.compile(r"\((?:AFP|AP|Reuters|Getty(?: Images)?|EPA|Anadolu(?: Agency)?|SANA|TRT World(?: and Agencies)?)\)")
_TWEET_TAIL = re.compile(r"pic\.twitter\.com\S*\s+(?:[^()\n]{1,60}\(@?\w{1,30}\)\s+)?(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})?")
_VIDEO = re.compile(r"\s[-|]\s(?:YouTube|Vimeo|Dailymotion)\b")
_SENT_END = re.compile(r"[.!?][\"')\]]?\s|\n")


def _sentence_start(text: str, pos: int, reach: int = 300) -> int:
    """Where the sentence holding ``pos`` starts (within ``reach`` characters)."""
    lo = max(0, pos - reach)
    last = None
    for m in _SENT_END.finditer(text, lo, pos):
        last = m.end()
    return last if last is not None else (0 if lo == 0 else pos)


def _blank(chars: list, a: int, b: int) -> None:
    for i in range(a, b):
        if chars[i] != "\n":
            chars[i] = " "


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every piece of page furniture found in ``text``."""
    spans: list[tuple[int, int]] = []
    lined = text.count("\n") >= 3
    n = len(text)
    for m in _LIST_HEADING.finditer(text):
        if lined:
            # the heading's line, then the short unpunctuated lines of headlines under it
            a = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            if len(text[a:m.start()].strip()) > 40:
                continue  # "related" inside a sentence of the report
            end = n if line_end == -1 else line_end
            pos = end
            while pos < n:
                nxt = text.find("\n", pos + 1)
                nxt = n if nxt == -1 else nxt
                line = text[pos:nxt].strip()
                if line and (len(line) > 140 or line.endswith((".", '."', ".'"))):
                    break
                end = pos = nxt
            spans.append((a, end))
        elif m.start() > 0.4 * n:
            spans.append((m.start(), n))  # flattened page: the rest of it is the list
    for m in _INLINE.finditer(text):
        spans.append((m.start(), m.end()))
    for m in _CREDIT.finditer(text):
        if _AGENCY_ONLY.fullmatch(m.group(0)) and _DATELINE_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            continue  # "WASHINGTON (AP) -": a dateline, not a caption
        a = _sentence_start(text, m.start())
        if not text[a:m.start()].strip() and a > 0:
            if not text[m.end():].strip():
                spans.append((m.start(), m.end()))  # the page's last words: the credit alone (the sentence before
                continue                             # is the report's last)
            a = _sentence_start(text, a - 2)  # "... in Aleppo. (AFP Photo)": the caption is the sentence before
        spans.append((a, m.end()))
    for m in _TWEET_TAIL.finditer(text):
        spans.append((_sentence_start(text, m.start()), m.end()))
    for m in _VIDEO.finditer(text):
        spans.append((_sentence_start(text, m.start()), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def blank_page_furniture(text: str) -> tuple[str, list[tuple[int, int]]]:
    """(same-length text with page furniture blanked, the blanked spans)."""
    spans = furniture_spans(text)
    if not spans:
        return text, []
    chars = list(text)
    for a, b in spans:
        _blank(chars, a, b)
    out = "".join(chars)
    assert len(out) == len(text)
    return out, spans
