from _lib import *
G = "Groningen"
DOC = "groningen_raadsbrief.txt"
R = [
    M(G), M("Ten Boer"), M("Haren"),
    E("Ruimte voor Werk", G),
    A("Groep A", "exemption", G),
    A("Groep B", "intensive_guidance", G),
    A("Groep C", "earnings_disregard", G),
    A("Groep D", "combined", G),
    A("Controlegroep", "control", G),
    S(5200, "approached", G),
    S(9500, "beneficiaries", G),
    S(1020, "registered", G),
    S(988, "participants", G),
    S(41, "participants", "Ten Boer"),
    S(1000, "intended", G),
    S(201, "arm", G, "exemption"),
    S(196, "arm", G, "intensive_guidance"),
    S(198, "arm", G, "earnings_disregard"),
    S(197, "arm", G, "combined"),
    S(196, "arm", G, "control"),
    S(53, "other", G),
    S(64, "outflow", G),
    O(G, "wellbeing", "exemption", "up", comp="baseline"),
    O(G, "wellbeing", "combined", "up", comp="baseline"),
    O(G, "satisfaction", "intensive_guidance", "up", 78, "percent", "control", 61),
]
