"""PLOVER third round: a text that states an act with no named source still reports it; more verbs
of the CAMEO verb categories; stated intentions (plan, intend, want) read like offers and threats.
The sentences are written for these tests, not taken from the PLOVER gold standard."""
import pytest

from marsad.events.triggers import find_triggers


def classes(nlp, text):
    return {t.plover_event for t in find_triggers(nlp(text)) if not t.event_type and t.plover_event}


def test_an_agentless_act_is_reported_when_nothing_else_is(pipeline):
    # passive with no agent: the source is unknown, the act is still an event (PLOVER INVESTIGATE)
    res = pipeline.process_text("A French engineer has been placed under investigation in Spain over the fraud.")
    assert [e.plover_event for e in res.events][:1] == ["INVESTIGATE"]


def test_the_fallback_adds_nothing_to_a_report_with_events(pipeline):
    res = pipeline.process_text("Rebels attacked an army post near Kidal on Monday, killing two soldiers. "
                                "An investigation was opened.")
    assert res.events and res.events[0].event_type
    assert all(e.plover_event != "INVESTIGATE" or e.actor1 for e in res.events)


def test_a_text_with_no_trigger_has_no_event(pipeline):
    assert not pipeline.process_text("The weather was mild in the capital on Tuesday.").events


@pytest.mark.parametrize("text, cls", [
    ("The foreign minister deplored the decision to close the embassy.", "DISAPPROVE"),  # CAMEO 111
    ("The opposition leader ruled out any talks with the junta.", "REJECT"),  # CAMEO 12
    ("The union leaders conferred with the labour minister on Monday.", "CONSULT"),  # CAMEO 040
    ("The parliament voted to outlaw the nationalist party.", "COERCE"),  # CAMEO 1722
    ("The government has acceded to the strikers' main demand.", "CONCEDE"),  # CAMEO 083
    ("The president commended the mediators for their work.", "SUPPORT"),  # CAMEO 051
    ("The ministry sought emergency food aid from its neighbours.", "DEMAND"),  # CAMEO 103
])
def test_more_cameo_category_verbs(nlp, text, cls):
    assert cls in classes(nlp, text)


def test_seeking_to_do_something_is_no_request(nlp):
    assert "DEMAND" not in classes(nlp, "The envoy sought to reassure the neighbours about the exercise.")


@pytest.mark.parametrize("text, cls", [
    ("The rebel leader said his fighters plan to attack the capital next month.", "THREATEN"),  # CAMEO 138
    ("The president intends to visit Beijing in the spring.", "AGREE"),  # CAMEO 036
])
def test_stated_intentions(nlp, text, cls):
    assert cls in classes(nlp, text)


def test_a_discovery_by_no_one_is_no_seizure(nlp):
    assert "COERCE" not in classes(nlp, "A body was found in a plastic bag near the market.")
