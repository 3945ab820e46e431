"""Page furniture is blanked before extraction, and every offset still indexes the input."""
from marsad.ingest.furniture import blank_page_furniture


def _kept(text):
    out, _ = blank_page_furniture(text)
    assert len(out) == len(text)
    return " ".join(out.split())


def test_a_flattened_list_of_other_headlines_at_the_end_is_dropped():
    body = "Shelling killed four people in the town on Monday, a monitor said. " * 3
    text = body + "... 214 Related Army Retakes Hill Near Border Five Killed in Blast in Capital Talks Stall Again"
    assert _kept(text) == " ".join(body.split())


def test_a_related_block_between_paragraphs_is_dropped_and_the_report_after_it_kept():
    text = ("Two people were killed in a blast in the market on Sunday.\n\nRelated News\n"
            "Ceasefire holds in the north\nTen killed in bus crash\n\n"
            "Police said the bomb had been hidden in a cart.\n")
    kept = _kept(text)
    assert "Ceasefire holds" not in kept and "Ten killed" not in kept
    assert "hidden in a cart" in kept and "Two people were killed" in kept


def test_update_stamps_share_counters_and_links_are_dropped():
    text = ("Last updated at Mar 042019 11:20 AM 04.03.2019(updated 1120 04.03.2019) Get short URL 0 87 "
            "Gunmen killed three guards at a checkpoint, officials said. pic.twitter.com/abc http://t.co/xyz")
    # the bare date stays: it dates the report
    assert _kept(text) == "04.03.2019 Gunmen killed three guards at a checkpoint, officials said."


def test_a_photo_caption_with_its_credit_is_dropped():
    text = ("Residents inspect a destroyed building in the old city on May 2. (AFP Photo) "
            "An air strike killed nine people in the old city on Tuesday.")
    assert _kept(text) == "An air strike killed nine people in the old city on Tuesday."


def test_a_video_title_is_dropped():
    text = "Protesters fill the main square - YouTube Thousands rallied in the capital on Friday."
    assert _kept(text) == "Thousands rallied in the capital on Friday."


def test_related_inside_a_sentence_of_the_report_is_kept():
    text = "Officials said the two attacks were related.\nThe first killed six people.\nThe second killed two.\n"
    assert _kept(text) == " ".join(text.split())


def test_a_wire_dateline_is_the_report_not_a_photo_credit():
    for text in ("WASHINGTON (AP) - The Trump administration said on Monday it would appeal.",
                 "COLUMBUS, Ohio (AP) \u2014 Gov. Ted Strickland signed the budget.",
                 "Budget cuts loom. RALEIGH, N.C. (AP) - A new report says schools will close.",
                 "By Nate Raymond. BOSTON (Reuters) - The owner of a pharmacy was charged."):
        assert _kept(text) == " ".join(text.split()), text


def test_a_credit_after_a_sentence_in_lower_case_is_still_a_caption():
    text = ("Fighters fire towards positions held by the army near the town. (AFP) "
            "An air strike killed nine people in the old city on Tuesday.")
    assert _kept(text) == "An air strike killed nine people in the old city on Tuesday."


def test_a_credit_that_ends_the_page_goes_alone():
    # the sentence before the page's last credit may be the report's last: it is kept
    text = ("A one-vehicle accident occurred west of Kansas on Route 16. The driver was taken to the county "
            "hospital, where he fled on foot. (Beacon-News Photo/Denise Cravens)")
    assert _kept(text) == "A one-vehicle accident occurred west of Kansas on Route 16. The driver was taken to the " \
                          "county hospital, where he fled on foot."


def test_words_of_the_report_about_a_photo_are_no_credit():
    text = "The rail chief (second right in photo) met the minister in Utrecht on Monday."
    assert _kept(text) == text
