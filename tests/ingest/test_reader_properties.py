"""Hypothesis properties of every reader (issue 17): whatever the bytes, a reader returns
documents or failures that name their origin, never raises, and never loses a good record
because of a bad one."""
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st

from marsad.errors import BinaryInputError
from marsad.ingest.encoding import decode_bytes as raw_decode
from marsad.ingest.language import detect_language
from marsad.ingest.normalize import repair_text
from marsad.ingest.readers import (ReadFailure, ReadOptions, decode_bytes, html_to_document, read_csv_text,
                                   read_feed_text, read_jsonl_text, read_stdin)
from marsad.records import InputDocument

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
from targets import SUFFIXES, check_readers  # noqa: E402

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# text as people write it: any character but controls and surrogates
clean_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\ufffe\uffff"),
                     min_size=1, max_size=200)
REPORT = ("Syrian government warplanes struck a market in the town of Saraqeb in Idlib province on Monday, "
          "killing five civilians and wounding twelve others, the Syrian Observatory for Human Rights said. "
          "The monitor said the raid hit the main square shortly after noon, and that the toll may rise.")


@SETTINGS
@given(st.integers(0, len(SUFFIXES) - 1), st.binary(max_size=600))
def test_any_bytes_under_any_suffix(kind, payload):
    check_readers(bytes([kind]) + payload)


@SETTINGS
@given(st.binary(max_size=2000))
def test_decode_never_raises_but_binary(data):
    try:
        text, warnings = decode_bytes(data, "f.txt")
    except BinaryInputError as exc:
        assert "f.txt" in exc.message
        return
    assert repair_text(text)[0] == text  # repaired text is a fixed point
    text.encode("utf-8")


@SETTINGS
@given(clean_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_round_trip(s, enc):
    text, _ = decode_bytes(s.encode(enc), "f.txt")
    assert text == repair_text(s)[0]


@SETTINGS
@example("001.2.31")  # 8-bit digits and stops pair up like UTF-16 CJK (found by this property in CI)
@given(st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:'\"()-")
                               + list("éèàâçüöäßñåøæÉÜ’‘“”–—€£©°½")), min_size=1, max_size=200))
def test_windows_1252_text_round_trips(s):
    try:
        data = s.encode("cp1252")
    except UnicodeEncodeError:
        return
    if re.search(rb"[\xc2-\xf4][\x80-\xbf]", data):
        return  # bytes that also read as UTF-8 ("\xc3\xa9" is "é" and "Ã©"): UTF-8 wins, by design
    text, _ = raw_decode(data, "f.txt")
    assert text == s


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(REPORT)), st.binary(min_size=1, max_size=1)), max_size=3))
def test_a_few_bad_bytes_never_flip_the_language(inserts):
    data = bytearray(REPORT.encode())
    for pos, b in sorted(inserts, reverse=True):
        data[pos:pos] = b
    text, _ = decode_bytes(bytes(data), "f.txt")
    assert detect_language(text) == "en"


record = st.one_of(st.fixed_dictionaries({"id": st.text(max_size=5), "text": clean_text}),
                   st.text(max_size=30).filter(lambda s: "\n" not in s))


@SETTINGS
@given(st.lists(record, max_size=12))
def test_jsonl_one_item_per_line_good_lines_kept(records):
    lines = [json.dumps(r) if isinstance(r, dict) else r for r in records]
    lines = [ln for ln in lines if ln.strip()]
    items = list(read_jsonl_text("\n".join(lines), "in.jsonl", ReadOptions()))
    if not lines:
        assert [f.code for f in items] == ["empty"]
        return
    assert len(items) == len(lines)
    for ln, it in zip(lines, items):
        good = ln.startswith("{") and "text" in ln and isinstance(it, InputDocument)
        if isinstance(it, ReadFailure):
            assert it.origin in it.message
        elif good:
            assert it.text == repair_text(json.loads(ln)["text"])[0]


@SETTINGS
@given(st.lists(st.tuples(st.text(max_size=10), clean_text), max_size=10))
def test_csv_one_item_per_row(rows):
    import csv
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "text"])
    w.writerows(rows)
    items = list(read_csv_text(buf.getvalue(), "in.csv", ReadOptions()))
    if not rows:
        assert [f.code for f in items] == ["empty"]
        return
    assert len(items) == len(rows)
    for (i, text), it in zip(rows, items):
        if isinstance(it, InputDocument):
            assert it.text == repair_text(text.replace("\r\n", "\n"))[0] or it.text.strip()


@SETTINGS
@given(st.text(max_size=400))
def test_feed_and_html_text_never_raise(s):
    for it in read_feed_text(s, "f.rss", ReadOptions()):
        assert isinstance(it, (InputDocument, ReadFailure))
    assert isinstance(html_to_document(s, "f.html", ReadOptions(), []), (InputDocument, ReadFailure))


@SETTINGS
@given(st.binary(max_size=500))
def test_stdin_never_raises(data):
    for it in read_stdin(ReadOptions(), io.BytesIO(data)):
        assert isinstance(it, (InputDocument, ReadFailure))


@SETTINGS
@given(clean_text)
def test_repair_is_idempotent_and_nfc(s):
    once, _ = repair_text(s)
    assert repair_text(once)[0] == once
    assert unicodedata.is_normalized("NFC", once)
