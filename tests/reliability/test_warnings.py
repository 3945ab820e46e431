"""Whole-pipeline warnings for implausible figures and impossible dates (issue 17)."""


def test_implausible_figure_and_invalid_date_are_warned(pipeline):
    res = pipeline.process_text("Gunmen killed 10000000000000000000000000000 people in Kabul on 31 February 2018, "
                                "police said.", publication_date="2018-03-05")
    ws = " | ".join(res.warnings)
    assert "implausible figure: '10000000000000000000000000000 people'" in ws
    assert "invalid date: '31 February 2018'" in ws
    assert not any(t.count_low and t.count_low > 10 ** 9 for t in res.tolls)
    assert all(e.fatalities < 10 ** 9 for e in res.events)


def test_believable_figures_are_not_warned(pipeline):
    res = pipeline.process_text("Gunmen killed 12 people in Kabul on 28 February 2018, police said.",
                                publication_date="2018-02-28")
    assert not any("implausible" in w or "invalid date" in w for w in res.warnings)
    assert res.events and res.events[0].fatalities == 12
