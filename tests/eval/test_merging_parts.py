"""Studied and held-out parts of the merging evaluation: a pair belongs to the studied part when
either article is placed in a studied location, else to the held-out part."""
from marsad.eval.merging import article_locations, score_parts


def test_locations_read_from_the_csv_columns(tmp_path):
    f = tmp_path / "arts.csv"
    f.write_text("unit_id,article_content,location\n1,text a,Aleppo\n2,text b,idlib\n", encoding="utf-8")
    assert article_locations(str(f)) == {"1": "aleppo", "2": "idlib"}
    g = tmp_path / "other.csv"
    g.write_text("id,text\n1,a\n", encoding="utf-8")
    assert article_locations(str(g)) == {}
    assert article_locations(str(tmp_path / "x.jsonl")) == {}


def test_a_pair_is_studied_when_either_article_is_placed_in_a_studied_location():
    locs = {"a": "aleppo", "b": "idlib", "c": "idlib", "d": "homs", "e": "damascus"}
    gold = {("a", "b"), ("b", "c"), ("c", "d")}
    predicted = {("a", "b"), ("b", "c"), ("b", "e")}
    res = score_parts(predicted, gold, locs)
    # studied: gold {a-b}, predicted {a-b, b-e}
    assert (res["studied_true_pairs"], res["studied_predicted_pairs"], res["studied_gold_pairs"]) == (1, 2, 1)
    assert res["studied_precision"] == 0.5 and res["studied_recall"] == 1.0
    # held out: gold {b-c, c-d}, predicted {b-c}
    assert (res["held_out_true_pairs"], res["held_out_predicted_pairs"], res["held_out_gold_pairs"]) == (1, 1, 2)
    assert res["held_out_precision"] == 1.0 and res["held_out_recall"] == 0.5
