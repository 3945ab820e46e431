import io
import json

from marsad.ingest.normalize import doc_hash, normalize_for_parse, repair_text
from marsad.ingest.readers import ReadFailure, ReadOptions, read_path, read_stdin
from marsad.records import InputDocument


def docs(items):
    return [i for i in items if isinstance(i, InputDocument)]


def fails(items):
    return [i for i in items if isinstance(i, ReadFailure)]


def test_text_file_and_date_precedence(tmp_path):
    p = tmp_path / "2018-02-09_report.txt"
    p.write_text("Warplanes struck Idlib on Friday.", encoding="utf-8")
    (d,) = docs(read_path(p))
    assert d.publication_date == "2018-02-09" and d.date_origin == "metadata"
    q = tmp_path / "report.txt"
    q.write_text("Warplanes struck Idlib on Friday.", encoding="utf-8")
    (d,) = docs(read_path(q, ReadOptions(date="2018-02-10")))
    assert d.publication_date == "2018-02-10" and d.date_origin == "argument"


def test_jsonl_lines_and_bad_line(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "one", "date": "2020-05-09"}) + "\n{not json\n"
                 + json.dumps({"id": "b", "title": "t"}) + "\n", encoding="utf-8")
    items = list(read_path(p))
    assert [d.doc_id for d in docs(items)] == ["a"]
    assert docs(items)[0].publication_date == "2020-05-09"
    msgs = [f.message for f in fails(items)]
    assert any("in.jsonl:2" in m and "invalid JSON" in m for m in msgs)
    assert any("in.jsonl:3" in m and "no 'text'" in m for m in msgs)


def test_csv_column_mapping(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("unit_id,article_content,date\n7,Clashes in Homs,6/13/16\n", encoding="utf-8")
    (d,) = docs(read_path(p))
    assert (d.doc_id, d.text, d.publication_date) == ("7", "Clashes in Homs", "2016-06-13")
    (f,) = fails(read_path(p, ReadOptions(text_column="body")))
    assert "no column 'body'" in f.message and "a.csv" in f.message


def test_rss_feed(tmp_path):
    p = tmp_path / "feed.rss"
    p.write_text("""<?xml version="1.0"?><rss><channel><title>Wire</title>
    <item><title>Strike</title><link>http://x/1</link><pubDate>Fri, 09 Feb 2018 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;Air strikes hit &lt;b&gt;Idlib&lt;/b&gt;.&lt;/p&gt;</description></item>
    <item><title>Two</title><description>Protest in Basra.</description></item></channel></rss>""", encoding="utf-8")
    ds = docs(read_path(p))
    assert len(ds) == 2
    assert ds[0].text == "Air strikes hit Idlib." and ds[0].publication_date == "2018-02-09"
    assert ds[0].source == "Wire" and ds[0].url == "http://x/1"


def test_html_page(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><title>Clash</title><meta name='date' content='2019-11-18'></head><body>"
                 "<nav>Home</nav><article><p>" + "Security forces fired tear gas at protesters in Baghdad on Sunday. " * 5
                 + "</p></article></body></html>", encoding="utf-8")
    (d,) = docs(read_path(p))
    assert "tear gas" in d.text and "Home" not in d.text
    assert d.publication_date == "2019-11-18"


def test_directory_reports_bad_files_and_keeps_others(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling in Homs.", encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01")
    (tmp_path / "c.jsonl").write_text("{oops\n", encoding="utf-8")
    (tmp_path / "d.txt").write_bytes("Caf\xe9 bombed in Aleppo.".encode("latin-1"))
    items = list(read_path(tmp_path))
    assert {d.text for d in docs(items)} == {"Shelling in Homs.", "Café bombed in Aleppo."}
    assert any(d.warnings for d in docs(items))
    names = " ".join(f.message for f in fails(items))
    assert "b.bin" in names and "c.jsonl:1" in names


def test_missing_path():
    (f,) = list(read_path("/nonexistent/x.txt"))
    assert f.code == "not_found" and "/nonexistent/x.txt" in f.message


def test_stdin_detects_jsonl():
    items = list(read_stdin(ReadOptions(), io.BytesIO(b'{"id": "s", "text": "hi there"}\n')))
    assert docs(items)[0].doc_id == "s"


def test_repair_and_normalise_keep_offsets():
    text, w = repair_text("\ufeffThe \u00e2\u20ac\u0153war\u00e2\u20ac\x9d\x00 went on")
    assert text.startswith("The \u201cwar\u201d") and w
    s = "\u201cDisaster\u201d \u2013 Macaron\u2019s"
    n = normalize_for_parse(s)
    assert len(n) == len(s) and n == '"Disaster" - Macaron\'s'
    assert doc_hash("a  b\n") == doc_hash("a b")


def test_jsonl_record_with_a_line_separator_inside_its_text_stays_whole(tmp_path):
    from marsad.ingest.readers import read_path
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "Shelling hit Douma.\u2028Two people were killed."}\r\n{"id": "b", "text": "x"}\n',
                 encoding="utf-8")
    docs = list(read_path(p))
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert "Two people were killed." in docs[0].text
