"""PLOVER classes that hang on a verb's object, an intent's head or the clause an event sits in
(marsad/events/plover.py: object_frame, infinitive_head, plover_violence, clause_lead). The
sentences are written for these tests, not taken from the PLOVER gold standard."""
import pytest

from marsad.events.triggers import find_triggers


def plover_only(nlp, text):
    return [(t.text, t.plover_event) for t in find_triggers(nlp(text)) if not t.event_type and t.plover_event]


def classes(nlp, text):
    return {cls for _, cls in plover_only(nlp, text)}


@pytest.mark.parametrize("text, cls", [
    # CAMEO 050/054: diplomatic cooperation is not a base or a deployment
    ("Chile has established diplomatic relations with Fiji, the foreign ministry said.", "SUPPORT"),
    # CAMEO 161: breaking relations
    ("Peru severed diplomatic ties with Cuba on Monday.", "SANCTION"),
    # CAMEO 081/0813: easing an administrative restriction is a concession, not a new curfew
    ("The governor lifted the curfew in the northern city on Sunday.", "CONCEDE"),
    # CAMEO 085/0872: easing a blockade or sanctions
    ("The navy lifted its blockade of the port on Tuesday.", "RETREAT"),
    # CAMEO 114: an official complaint is not a demonstration
    ("Poland lodged a formal protest with Belarus over the border incident.", "DISAPPROVE"),
    # CAMEO 165: halting mediation
    ("Norway ended its mediation between the two parties on Friday.", "SANCTION"),
    # CAMEO 103: asking for asylum
    ("Three opposition politicians sought asylum in Sweden last week.", "DEMAND"),
])
def test_object_frames(nlp, text, cls):
    assert cls in classes(nlp, text), plover_only(nlp, text)


def test_lifting_a_curfew_is_not_an_acled_event(nlp):
    trigs = find_triggers(nlp("The governor lifted the curfew in the northern city on Sunday."))
    assert not any(t.event_type for t in trigs)


def test_imposing_a_curfew_is_still_coercion(nlp):
    assert "CONCEDE" not in classes(nlp, "The governor imposed a curfew in the northern city on Sunday.")


def test_withdrawing_inspectors_is_a_sanction_and_its_announcement_a_threat(nlp):
    # CAMEO 166/1662 withdraw inspectors (SANCTION); announced for the future, it is a threat (13)
    got = classes(nlp, "The agency said on Monday that it will withdraw its inspectors from the plant.")
    assert "THREATEN" in got and "AGREE" not in got


def test_a_to_infinitive_parsed_as_advcl_still_states_an_intent(nlp):
    # "have vowed to fight": the parser may attach "fight" as advcl; the vow is a threat (CAMEO 138)
    doc = nlp("The rebels have vowed to fight until they take the capital.")
    fight = [t for t in find_triggers(doc) if t.lemma == "fight"]
    assert fight and fight[0].plover_event == "THREATEN" and fight[0].event_type is None


def test_a_conditional_offer_is_an_agreement_but_its_condition_is_not(nlp):
    got = plover_only(nlp, "The guerrilla leaders said they would meet the envoy if he guaranteed their safety.")
    assert ("meet", "AGREE") in got


def test_a_decision_is_the_act_decided(nlp):
    got = classes(nlp, "The electoral commission decided to allow the opposition candidate to run.")
    assert "CONCEDE" in got and "AGREE" not in got


def test_killing_with_machetes_is_assault_not_conventional_fighting(nlp):
    trigs = [t for t in find_triggers(nlp("Militiamen armed with machetes attacked a village on Sunday, killing 12 people."))
             if t.event_type]
    assert trigs and all(t.plover_event != "FIGHT" for t in trigs)


def test_killing_an_office_holder_is_an_assassination(nlp):
    trigs = [t for t in find_triggers(nlp("Rebel fighters killed the provincial governor on Monday.")) if t.lemma == "kill"]
    assert trigs and (trigs[0].plover_event, trigs[0].plover_mode) == ("ASSAULT", "assassinate")


def test_main_clause_event_leads_over_a_relative_clause(pipeline):
    # the act of the main clause comes first; the relative clause describes a participant
    res = pipeline.process_text("Kenya has granted asylum to 40 fighters who crossed the border last year, "
                                "an official said on Friday.")
    assert res.events and res.events[0].plover_event == "AID"


def test_reported_promise_leads_over_the_background_abduction(pipeline):
    res = pipeline.process_text("The kidnappers said they will release the two engineers, whom they had seized "
                                "a month ago, on Sunday.")
    assert res.events and res.events[0].plover_event in ("AGREE", "RETREAT")


def _agent_text(doc, trig):
    return doc.text[trig.agent[0]:trig.agent[1]] if trig.agent else None


def test_a_statement_demanding_is_its_issuers_demand(nlp):
    doc = nlp("The opposition alliance issued a statement demanding that the army return to its barracks.")
    dem = [t for t in find_triggers(doc) if t.plover_event == "DEMAND"]
    assert dem and "alliance" in (_agent_text(doc, dem[0]) or "")


def test_an_event_noun_takes_the_subject_of_its_clause(nlp):
    doc = nlp("Sudanese and Chadian delegates travelled to Doha on Monday for negotiations on the border.")
    talks = [t for t in find_triggers(doc) if t.plover_event == "CONSULT"]
    assert talks and "delegates" in (_agent_text(doc, talks[0]) or "")


def test_an_announced_passive_is_the_announcers_act(nlp):
    doc = nlp("The interior ministry announced that the curfew would be lifted on Friday.")
    ease = [t for t in find_triggers(doc) if t.plover_event == "CONCEDE"]
    assert ease and "ministry" in (_agent_text(doc, ease[0]) or "")


@pytest.mark.parametrize("text, cls", [
    ("The court convicted the former mayor of fraud on Tuesday.", "DISAPPROVE"),  # CAMEO 116
    ("Gunmen hijacked a bus carrying 30 passengers near the border.", "ASSAULT"),  # CAMEO 181
    ("The rebel commanders agreed to disarm their fighters by March.", "AGREE"),  # intent to 0873
    ("The prime minister congratulated the new president on his victory.", "SUPPORT"),  # CAMEO 051
])
def test_cameo_category_verbs(nlp, text, cls):
    assert cls in classes(nlp, text), plover_only(nlp, text)


def test_a_common_noun_institution_is_a_source(pipeline):
    # PLOVER's source may be an institution the text names by a common noun
    res = pipeline.process_text("A local newspaper has defied the ban on reporting the trial.")
    assert any(e.plover_event == "REJECT" for e in res.events)


def test_commit_a_crime_is_no_pledge(nlp):
    assert "AGREE" not in classes(nlp, "Bandits trying to commit a robbery were caught near the market.")
    assert "AGREE" in classes(nlp, "The junta said it is committed to holding elections next year.")


def test_opening_something_that_is_no_base_is_no_mobilization(nlp):
    assert "MOBILIZE" not in classes(nlp, "The government is opening up the economy to foreign investors.")


def test_casualties_of_a_clash_are_the_clash(nlp):
    # ACLED: one Armed clash with its fatalities, not an attack on civilians
    doc = nlp("Army troops and rebel fighters clashed in the border town, killing several people on Sunday.")
    typed = [t for t in find_triggers(doc) if t.event_type]
    assert typed and all(t.sub_event_type == "Armed clash" for t in typed)


def test_casualties_named_as_civilians_stay_an_attack(nlp):
    doc = nlp("Army troops and rebel fighters clashed in the border town, killing three civilians on Sunday.")
    kill = [t for t in find_triggers(doc) if t.lemma == "kill"]
    assert kill and kill[0].sub_event_type == "Attack"


def test_an_accusation_in_a_relative_clause_does_not_make_the_strike_chemical(nlp):
    doc = nlp("The air force said it launched airstrikes on rebel groups it accused of carrying out a chlorine "
              "attack on the town the previous day.")
    strikes = [t for t in find_triggers(doc) if t.lemma.startswith("airstrike")]
    assert strikes and strikes[0].sub_event_type == "Air/drone strike"


def test_peacekeepers_deployed_provide_peacekeeping(nlp):
    arr = [t for t in find_triggers(nlp("A battalion of Ghanaian peacekeeping troops arrived in Monrovia on Friday."))
           if t.lemma == "arrive"]
    assert arr and (arr[0].plover_event, arr[0].plover_mode) == ("AID", "peacekeeping")
    arr = [t for t in find_triggers(nlp("Ghanaian troops arrived in Monrovia on Friday.")) if t.lemma == "arrive"]
    assert arr and arr[0].plover_event == "MOBILIZE"


def test_a_past_participle_describing_a_participant_is_no_event(nlp):
    # "forces backed by militias" says who the forces are; it is no act of support of its own
    got = classes(nlp, "Rebels fought government forces backed by allied militias near the city.")
    assert "SUPPORT" not in got


def test_a_headline_passive_is_still_an_event(nlp):
    assert "SANCTION" in classes(nlp, "Ten diplomats expelled by Canada after the consulate fire")
