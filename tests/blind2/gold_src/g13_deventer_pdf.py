from _lib import *
D = "Deventer"
DOC = "deventer_saxion_rapport.pdf"
C = "control"
R = [
    M(D),
    E("Zelf aan Zet", D),
    A("Vrijstelling", "exemption", D),
    A("Intensieve begeleiding", "intensive_guidance", D),
    A("Vrijlating", "earnings_disregard", D),
    A("Vrijstelling + vrijlating", "combined", D),
    A("Controlegroep", "control", D),
    S(610, "participants", D),
    S(37, "other", D),
    S(122, "arm", D, "exemption"),
    S(125, "arm", D, "intensive_guidance"),
    S(121, "arm", D, "earnings_disregard"),
    S(118, "arm", D, "combined"),
    S(124, "arm", D, "control"),
    # table 4.1, outflow
    O(D, "outflow_to_work", "exemption", "up", 19.7, "percent", C, 16.9, sig=False),
    O(D, "outflow_to_work", "intensive_guidance", "down", 15.2, "percent", C, 16.9, sig=False),
    O(D, "outflow_to_work", "earnings_disregard", "up", 17.4, "percent", C, 16.9, sig=False),
    O(D, "outflow_to_work", "combined", "up", 21.2, "percent", C, 16.9, sig=False),
    # table 4.1, part-time work
    O(D, "parttime_work", "exemption", "up", 26.2, "percent", C, 25.0, sig=False),
    O(D, "parttime_work", "intensive_guidance", "down", 24.8, "percent", C, 25.0, sig=False),
    O(D, "parttime_work", "earnings_disregard", "up", 34.1, "percent", C, 25.0, sig=True),
    O(D, "parttime_work", "combined", "up", 30.5, "percent", C, 25.0, sig=False),
    O(D, "outflow_to_work", None, "none", comp=C, sig=False),
    O(D, "self_confidence", "exemption", "up", 6.9, None, C, 6.5, sig=True),
    O(D, "self_confidence", "combined", "up", 6.9, None, C, 6.5, sig=True),
    O(D, "health", None, "none", sig=False),
    O(D, "costs", "intensive_guidance", "up", 640, "euro", C),
    O(D, "costs", None, "none", comp=C, sig=False),
    Q("Ik voelde me voor het eerst geen nummer meer. Ik mocht zelf zeggen wat ik kon.", "Sandra Mulder", "deelnemer", None, D),
]
