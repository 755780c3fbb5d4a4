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



def test_explain_reads_an_article_whose_every_attack_word_falls_to_a_guard():
    # extraction sets such an article aside before reading it (nothing can open); explain still says why
    text = ("Democrats stepped up their attacks on the president's budget on Tuesday. "
            "The senator called the plan an assault on working families.")
    e = explain(text, dt.date(2019, 3, 6), "Budget fight")
    assert e.frames == []
    assert {(d.sentence, d.outcome) for d in e.decisions} == {(0, "dropped"), (1, "dropped")}
    assert "not_violent" in {d.by for d in e.decisions}
