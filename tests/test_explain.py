"""attrition explain: the guard behind every dropped candidate, the rule behind every frame, and each field's source."""

import datetime as dt

from attrition.explain import explain, render


def test_explain_names_the_guard_that_dropped_a_candidate_and_the_sources_of_a_frame():
    text = ("A bomb tore through a crowded market in Tampere on Tuesday, killing 12 people. "
            "Syrian state media said the air force bombed a convoy near Palmyra on Monday, killing 40. "
            "Ambulances lined the street for hours. Shops stayed closed the next day. "
            "The mayor asked residents to stay indoors. "
            "The Islamic State claimed responsibility for the attack on Wednesday.")
    e = explain(text, dt.date(2016, 3, 25), "Market bombing in Tampere")
    dropped = {(d.sentence, d.by) for d in e.decisions if d.outcome == "dropped"}
    assert (1, "state_agent") in dropped
    assert any(d.outcome == "kept" and d.sentence == 0 for d in e.decisions)
    [frame] = e.frames
    assert frame.place.name == "Tampere" and frame.perpetrator == "ISIS"
    lines = render(e)
    assert any("dropped by guard state_agent" in line for line in lines)
    assert any(line.strip().startswith("perpetrator from [5]") for line in lines)

