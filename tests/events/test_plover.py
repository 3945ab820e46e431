from marsad.events.plover import ACLED_TO_PLOVER, plover_for_acled, plover_for_cameo, to_plover_2021
from marsad.events.triggers import SUBTYPE_TO_TYPE


def test_every_acled_subtype_has_a_plover_default():
    assert set(ACLED_TO_PLOVER) == set(SUBTYPE_TO_TYPE)


def test_defaults():
    assert plover_for_acled("Air/drone strike") == ("FIGHT", "aerial")
    assert plover_for_acled("Arrests") == ("COERCE", "arrest")
    assert plover_for_acled(None) == (None, None)


def test_cameo_prefix_fallback():
    assert plover_for_cameo("041") == ("CONSULT", "phone")
    assert plover_for_cameo("1831") == ("ASSAULT", "suicide-attack")
    assert plover_for_cameo("0233") == ("DEMAND", None)
    assert plover_for_cameo("99") == (None, None)


def test_2021_names():
    assert to_plover_2021("FIGHT") == "ASSAULT"
    assert to_plover_2021("DEMAND") == "REQUEST"
    assert to_plover_2021("CONSULT") == "CONSULT"
