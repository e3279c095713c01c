from _lib import *
AP = "Apeldoorn"
DOC = "tilburguniversity_abstract_en.html"
SP = ("Ruben Haverkamp", "onderzoeker", "Tilburg University", AP)
R = [
    M(AP), M("Epe"),
    E("Bijstand met Vertrouwen", AP),
    A("trust group", "exemption", AP),
    A("coaching group", "intensive_guidance", AP),
    A("control group", "control", AP),
    S(1950, "approached", AP),
    S(486, "registered", AP),
    S(420, "participants", AP),
    S(140, "arm", AP, "exemption"),
    S(140, "arm", AP, "intensive_guidance"),
    S(140, "arm", AP, "control"),
    S(61, "participants", "Epe"),
    S(16, "other", AP),
    O(AP, "wellbeing", "exemption", "up", 7.1, None, "control", 6.6, sig=True),
    O(AP, "self_reliance", "exemption", "up", 8, "percentage_points", "baseline"),
    O(AP, "training_uptake", "intensive_guidance", "up", None, None, "control", None, 1.8),
    O(AP, "outflow_to_work", None, "none", sig=False),
    Q("Trust did not make people find jobs faster, but it clearly made them feel more in control of their own lives,", *SP),
    Q("That is a policy outcome in its own right, and one that matters to participants.", *SP),
]
