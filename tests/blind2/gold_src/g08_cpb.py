from _lib import *
DOC = "cpb_persbericht.txt"
C = "control"
R = [
    M("Utrecht"),
    E("Weten wat werkt", "Utrecht"),
    A("Vrijstelling", "exemption", None),
    A("Intensieve begeleiding", "intensive_guidance", None),
    A("Vrijlating", "earnings_disregard", None),
    A("Vrijstelling én vrijlating", "combined", None),
    A("Controlegroep", "control", None),
    A("extra begeleiding", "intensive_guidance", "Utrecht"),
    A("niet-deelnemers", "non_participants", None),
    S(3820, "participants", None),
    S(812, "arm", None, "exemption"),
    S(745, "arm", None, "intensive_guidance"),
    S(763, "arm", None, "earnings_disregard"),
    S(392, "arm", None, "combined"),
    S(1108, "arm", None, "control"),
    # lead sentence names three arms
    O(None, "fulltime_work", "exemption", "none", comp=C, sig=False),
    O(None, "fulltime_work", "intensive_guidance", "none", comp=C, sig=False),
    O(None, "fulltime_work", "earnings_disregard", "none", comp=C, sig=False),
    # table 1, full-time work
    O(None, "fulltime_work", "exemption", "up", 9.1, "percent", C, 9.0, sig=False),
    O(None, "fulltime_work", "intensive_guidance", "up", 9.8, "percent", C, 9.0, sig=False),
    O(None, "fulltime_work", "earnings_disregard", "down", 8.7, "percent", C, 9.0, sig=False),
    O(None, "fulltime_work", "combined", "up", 9.4, "percent", C, 9.0, sig=False),
    # table 1, part-time work
    O(None, "parttime_work", "exemption", "down", 23.5, "percent", C, 23.8, sig=False),
    O(None, "parttime_work", "intensive_guidance", "up", 27.9, "percent", C, 23.8, sig=True),
    O(None, "parttime_work", "earnings_disregard", "up", 26.1, "percent", C, 23.8, sig=False),
    O(None, "parttime_work", "combined", "up", 25.0, "percent", C, 23.8, sig=False),
    O(None, "fulltime_work", None, "none", sig=False),
    O(None, "parttime_work", "intensive_guidance", "up", comp=C),
    O("Utrecht", "parttime_work", "intensive_guidance", "up"),
    O("Utrecht", "outflow_to_work", "intensive_guidance", "up", sig=True),
    O(None, "wellbeing", "exemption", "up", comp=C, sig=True),
    O(None, "debt", None, "none", sig=False),
    O(None, "social_trust", None, "none", sig=False),
    Q("Het is de eerste keer dat gemeenten op deze schaal met loting werken. Dat levert betrouwbare, maar soms teleurstellende antwoorden op,", "Marloes de Graaf", "projectleider", "Centraal Planbureau", None),
    Q("Wie alleen naar deelnemers kijkt, ziet veel vooruitgang. Maar die vooruitgang zie je in de controlegroep net zo goed.", "Marloes de Graaf", "projectleider", "Centraal Planbureau", None),
    Q("Gemeenten weten nu beter wat ze van een aanpak mogen verwachten. Dat is ook een uitkomst.", "ZonMw", "organisatie", "ZonMw", None),
]
