"""Bad input: binary files, encodings, stray bytes, control characters and limits (issue 17).

Each test is one row of the README's reliability table."""
import io
import json
import random

import pytest

from marsad.errors import BinaryInputError
from marsad.ingest.encoding import decode_bytes as raw_decode
from marsad.ingest.language import detect_language
from marsad.ingest.readers import Limits, ReadFailure, ReadOptions, decode_bytes, read_path, read_stdin
from marsad.records import InputDocument

REPORT = ("Syrian government warplanes struck a market in the town of Saraqeb in Idlib province on Monday, "
          "killing five civilians and wounding twelve others, the Syrian Observatory for Human Rights said. "
          "The monitor said the raid hit the main square shortly after noon.")


def docs(items):
    return [i for i in items if isinstance(i, InputDocument)]


def fails(items):
    return [i for i in items if isinstance(i, ReadFailure)]


# ---------------------------------------------------------------------------- binary input
def test_random_bytes_named_txt_are_rejected_by_name(tmp_path):
    p = tmp_path / "random.txt"
    p.write_bytes(random.Random(17).randbytes(5000))
    (f,) = list(read_path(p))
    assert isinstance(f, ReadFailure) and f.code == "binary"
    assert str(p) in f.message and "not a text file" in f.message


@pytest.mark.parametrize("head,what", [(b"%PDF-1.7\n", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"),
                                       (b"PK\x03\x04", "ZIP"), (b"\x1f\x8b\x08", "gzip"),
                                       (b"SQLite format 3\x00", "SQLite")])
def test_known_binary_formats_are_named(tmp_path, head, what):
    p = tmp_path / "report.html"
    p.write_bytes(head + b"Gunmen killed five people." * 10)
    (f,) = list(read_path(p))
    assert f.code == "binary" and what in f.message and str(p) in f.message


@pytest.mark.parametrize("opening", ["MZ Zambia reports", "ID3 staff say", "RIFF between the factions", "BZh"])
def test_text_that_opens_like_a_signature_is_text(tmp_path, opening):
    # printable signatures ("MZ", "ID3", "RIFF") mark binary formats only with control bytes after them
    p = tmp_path / "report.txt"
    p.write_bytes(f"{opening}: gunmen killed five people in Idlib.".encode())
    (doc,) = list(read_path(p))
    assert not isinstance(doc, ReadFailure) and doc.text.startswith(opening)


def test_a_windows_executable_is_named(tmp_path):
    p = tmp_path / "setup.txt"
    p.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"This program cannot be run in DOS mode." * 5)
    (f,) = list(read_path(p))
    assert f.code == "binary" and "Windows executable" in f.message


def test_binary_on_stdin_is_rejected():
    (f,) = list(read_stdin(ReadOptions(), io.BytesIO(bytes(range(256)) * 20)))
    assert f.code == "binary" and "<stdin>" in f.message


def test_a_few_stray_nuls_are_not_binary():
    text, _ = raw_decode(REPORT.encode() + b"\x00\x01", "x")
    assert "Saraqeb" in text


# ---------------------------------------------------------------------------- encodings
@pytest.mark.parametrize("enc", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings(enc):
    s = "Raids on Ma’arat al-Nu‘man — 5 killed, “witnesses” said. Überfall in Köln."
    data = s.encode(enc)
    if enc in ("utf-16-le", "utf-16-be"):
        data = s.encode(enc)  # no byte-order mark: recognised by its NUL bytes
    text, _ = decode_bytes(data, "x")
    assert text == s


@pytest.mark.parametrize("text", ["قالت مصادر محلية إن الغارات الجوية قتلت أربعة عشر شخصا في المحافظة",
                                  "Авиаудар по рынку в Идлибе убил четырнадцать человек, сообщили местные жители."])
@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_mark_in_other_scripts(text, enc):
    decoded, warnings = decode_bytes(text.encode(enc), "x.txt")
    assert decoded == text and any(enc.upper() in w for w in warnings)


def test_windows_1252_curly_quotes():
    data = "Officials said \u201cfive people\u201d died in the caf\u00e9 \u2013 a \u20ac5 bill.".encode("cp1252")
    text, warnings = decode_bytes(data, "old.txt")
    assert text == "Officials said \u201cfive people\u201d died in the caf\u00e9 \u2013 a \u20ac5 bill."
    assert any("Windows-1252" in w and "old.txt" in w for w in warnings)


def test_windows_1256_arabic():
    s = "قالت مصادر محلية إن الغارات الجوية قتلت أربعة عشر شخصا في المحافظة يوم الجمعة"
    text, warnings = decode_bytes(s.encode("cp1256"), "ar.txt")
    assert text == s and any("Windows-1256" in w for w in warnings)
    assert detect_language(text) == "ar"


def test_latin_1_with_bytes_windows_1252_leaves_undefined():
    data = "Gunmen attacked the caf\u00e9 in Li\u00e8ge.".encode("latin-1") + b"\x81"
    text, warnings = decode_bytes(data, "l1.txt")
    assert text == "Gunmen attacked the caf\u00e9 in Li\u00e8ge."
    assert any("Latin-1" in w for w in warnings)


def test_stray_cp1252_bytes_inside_utf8_text_are_repaired():
    data = "Clashes in Dar\u2019a and Ma\u2019arat al-Nu\u2019man: \u00e9vacu\u00e9s".encode() + b" the army\x92s tanks"
    text, warnings = decode_bytes(data, "mixed.txt")
    assert text.endswith("the army\u2019s tanks") and "Ma\u2019arat" in text
    assert any("1 byte(s) that are not UTF-8" in w for w in warnings)


def test_stray_utf16_bom_before_plain_text():
    text, warnings = decode_bytes(b"\xff\xfe" + REPORT.encode(), "bom.txt")
    assert text == REPORT and any("byte-order mark" in w for w in warnings)
    assert detect_language(text) == "en"


# ---------------------------------------------------------------------------- repair
def test_nul_and_control_characters_dropped_without_losing_words():
    data = REPORT.replace("Saraqeb", "Sara\x00qeb").replace("Idlib", "Id\x07lib").replace("noon", "no\x1bon").encode()
    text, warnings = decode_bytes(data, "ctl.txt")
    assert text == REPORT
    assert any("NUL" in w for w in warnings) and any("control" in w for w in warnings)


def test_form_feeds_become_line_ends():
    text, _ = decode_bytes(b"Page one ends.\x0cPage two begins.", "ff.txt")
    assert text == "Page one ends.\nPage two begins."


def test_lone_surrogates_from_json_escapes_are_dropped(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "Five killed in Id\ud800lib."}) + "\n", encoding="utf-8")
    (d,) = docs(read_path(p))
    assert d.text == "Five killed in Idlib."
    d.text.encode("utf-8")  # writable


def test_issue_example_bad_byte_and_nul_stay_english(tmp_path):
    """The issue's report: one invalid UTF-8 byte and one NUL in a short English report."""
    p = tmp_path / "short.txt"
    p.write_bytes(b"Clashes erupted on Monday in Idlib, 5 killed by air strike\xff\x00, activists said.")
    (d,) = docs(read_path(p))
    assert "in Idlib, 5 killed by air strike" in d.text
    assert detect_language(d.text) == "en"


def test_language_is_not_flipped_by_stray_characters():
    bad = REPORT[:60] + "\u4e2d\u6587\ufffd\u0416" + REPORT[60:120] + "\u0627\u0644" + REPORT[120:]
    assert detect_language(bad) == "en"
    short = "In Idlib, 5 killed by air strike \u4e2d\u6587\u5b57\u4e2d\u6587\u5b57\u4e2d"
    assert detect_language(short) == "en"


# ---------------------------------------------------------------------------- limits
def test_document_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(REPORT * 10, encoding="utf-8")
    (f,) = list(read_path(p, ReadOptions(limits=Limits(max_document_bytes=1000))))
    assert f.code == "too_large" and str(p) in f.message and "1,000" in f.message


def test_jsonl_line_length_limit_fails_the_line_only(tmp_path):
    p = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "a", "text": REPORT}), json.dumps({"id": "b", "text": REPORT * 50}),
             json.dumps({"id": "c", "text": REPORT})]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_path(p, ReadOptions(limits=Limits(max_line_chars=2000))))
    assert [d.doc_id for d in docs(items)] == ["a", "c"]
    (f,) = fails(items)
    assert f.code == "line_too_long" and f"{p}:2" in f.message and "2,000" in f.message


def test_csv_row_length_limit_fails_the_row_only(tmp_path):
    p = tmp_path / "in.csv"
    p.write_text("id,text\na,\"" + REPORT + "\"\nb,\"" + REPORT * 50 + "\"\nc,\"" + REPORT + "\"\n", encoding="utf-8")
    items = list(read_path(p, ReadOptions(limits=Limits(max_line_chars=2000))))
    assert [d.doc_id for d in docs(items)] == ["a", "c"]
    (f,) = fails(items)
    assert f.code == "line_too_long" and str(p) in f.message


def test_batch_size_limit_says_where_to_split(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps({"id": str(i), "text": REPORT}) + "\n" for i in range(5)), encoding="utf-8")
    items = list(read_path(p, ReadOptions(limits=Limits(max_batch_documents=3))))
    assert [d.doc_id for d in docs(items)] == ["0", "1", "2"]
    (f,) = fails(items)
    assert f.code == "batch_limit" and "line 4" in f.message and "split" in f.message


def test_html_nesting_depth_limit(tmp_path):
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 5000 + REPORT + "</div>" * 5000 + "</body></html>", encoding="utf-8")
    (f,) = list(read_path(p))
    assert f.code == "html_depth" and str(p) in f.message


def test_xml_entity_bomb_is_refused(tmp_path):
    p = tmp_path / "bomb.rss"
    p.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                 "<rss><channel><item><title>t</title><description>&b;</description></item></channel></rss>",
                 encoding="utf-8")
    (f,) = list(read_path(p))
    assert f.code == "xml" and "ENTITY" in f.message


def test_deeply_nested_json_line_fails_alone(tmp_path):
    p = tmp_path / "nest.jsonl"
    p.write_text("[" * 100000 + "]" * 100000 + "\n" + json.dumps({"id": "ok", "text": REPORT}) + "\n", encoding="utf-8")
    items = list(read_path(p))
    assert [d.doc_id for d in docs(items)] == ["ok"] and len(fails(items)) == 1


def test_one_bad_file_never_stops_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(random.Random(1).randbytes(3000))
    (tmp_path / "c.html").write_text("<html><body>" + "<div>" * 400 + "x" + "</div>" * 400, encoding="utf-8")
    (tmp_path / "d.jsonl").write_text('{"id": "d1", "text": "' + REPORT + '"}\n{bad\n', encoding="utf-8")
    (tmp_path / "e.txt").write_bytes(REPORT.encode("utf-16"))
    items = list(read_path(tmp_path))
    assert sorted(d.origin.rsplit("/", 1)[-1] for d in docs(items)) == ["a.txt", "d.jsonl:1", "e.txt"]
    assert sorted(f.code for f in fails(items)) == ["binary", "html_depth", "json"]


def test_binary_error_is_a_marsad_error():
    with pytest.raises(BinaryInputError) as e:
        raw_decode(b"\x00\x01\x02\x03" * 100, "z.bin")
    assert "[M003]" in str(e.value) and "z.bin" in str(e.value)
