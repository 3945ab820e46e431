"""What the fuzzers check: each target takes fuzzer input and raises AssertionError (or lets any
other exception escape) when marsad misbehaves. Used by the atheris harnesses (``fuzz_*.py``) and
by ``test_fuzz_regressions.py``, which replays every input kept in ``corpus/``.

* readers: any bytes, under any supported suffix or on stdin, give documents or clear failures,
  never an exception; a document's text is non-empty, valid UTF-8 when written, free of control
  characters and CRs; a failure names where it came from.
* numbers: any text gives quantities in text order, not overlapping, whose offsets slice their own
  words, with non-negative figures and ``low <= high``.
* dates: any text, with or without a publication date, gives non-overlapping date expressions whose
  offsets slice their words, ISO dates, spans that end on or after their start; invalid dates are
  reported inside the text.
"""
from __future__ import annotations

import atexit
import datetime as dt
import io
import re
import shutil
import tempfile
from pathlib import Path

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".rss", ".atom", ".md", ".xml", "<stdin>", ".bin"]
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TMP = Path(tempfile.mkdtemp(prefix="marsad-fuzz-"))
atexit.register(shutil.rmtree, _TMP, True)


def check_readers(data: bytes) -> None:
    from marsad.ingest.readers import Limits, ReadFailure, ReadOptions, read_path, read_stdin
    from marsad.records import InputDocument

    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    payload = data[1:]
    # small limits, so the limit paths are exercised too
    opts = ReadOptions(limits=Limits(max_document_bytes=4096, max_batch_bytes=8192, max_batch_documents=20,
                                     max_line_chars=2048))
    if suffix == "<stdin>":
        items = list(read_stdin(opts, io.BytesIO(payload)))
    else:
        path = _TMP / f"input{suffix}"
        path.write_bytes(payload)
        items = list(read_path(path, opts))
    assert items, "no document and no failure"
    for it in items:
        if isinstance(it, ReadFailure):
            assert it.origin and it.origin.split(":")[0].split("[")[0] in it.message, it
            continue
        assert isinstance(it, InputDocument), type(it)
        assert it.text.strip(), "empty document"
        assert not _BAD_CHARS.search(it.text), repr(_BAD_CHARS.search(it.text).group(0))
        assert "\r" not in it.text
        it.text.encode("utf-8")
        for value in (it.title, it.source, it.url, it.doc_id):
            assert value is None or isinstance(value, str)
        assert it.publication_date is None or dt.date.fromisoformat(it.publication_date)


def check_numbers(text: str) -> None:
    from marsad.counts.numbers import find_quantities, parse_quantity

    last_end = 0
    for q in find_quantities(text):
        assert last_end <= q.start < q.end <= len(text), (q, last_end)
        assert text[q.start:q.end] == q.text, q
        assert q.best >= 0 and (q.low is None or q.low >= 0) and (q.high is None or q.high >= 0), q
        assert q.low is None or q.high is None or q.low <= q.high, q
        last_end = q.end
    parse_quantity(text)


def check_dates(text: str) -> None:
    from marsad.time.resolve import find_dates, invalid_dates

    for pub in (None, "2018-02-09", "2000-02-29"):
        last_end = 0
        for d in find_dates(text, pub):
            assert last_end <= d.start < d.end <= len(text), (d, last_end)
            assert text[d.start:d.end] == d.text, d
            assert d.precision in (1, 2, 3), d
            if d.date:
                start = dt.date.fromisoformat(d.date)
                if d.date_end:
                    assert dt.date.fromisoformat(d.date_end) >= start or d.kind == "duration", d
            last_end = d.end
    for s, e, words, why in invalid_dates(text):
        assert text[s:e] == words and why
