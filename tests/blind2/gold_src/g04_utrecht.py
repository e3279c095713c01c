from _lib import *
U = "Utrecht"
DOC = "utrecht_persbericht.html"
R = [
    M(U), M("Zeist"),
    E("Weten wat werkt", U),
    A("Zelf doen", "exemption", U),
    A("Extra begeleiding", "intensive_guidance", U),
    A("Verdienen", "earnings_disregard", U),
    A("de controlegroep", "control", U),
    S(767, "participants", U),
    S(8000, "approached", U),
    S(1019, "registered", U),
    S(112, "participants", "Zeist"),
    O(U, "outflow_to_work", "intensive_guidance", "up", comp="control"),  # headline/lead
    O(U, "outflow_to_work", "intensive_guidance", "up", 25, "percent", "control", 19, sig=True),
    O(U, "outflow_to_work", "exemption", "none", comp="control", sig=False),
    O(U, "outflow_to_work", "earnings_disregard", "none", comp="control", sig=False),
    O(U, "parttime_work", "earnings_disregard", "up", 4, "percentage_points", "control"),
    O(U, "wellbeing", None, "none", sig=False),
    O(U, "health", None, "none", sig=False),
    O(U, "social_trust", None, "none", sig=False),
    O(U, "satisfaction", None, "up", comp="baseline"),
    O(U, "costs", "intensive_guidance", "up", 1150, "euro", "control"),
    Q("Deze uitkomst laat zien dat persoonlijke aandacht loont,", "Sandra van Houten", "wethouder", "gemeente Utrecht", U),
    Q("We gaan de werkcoaches houden, ook nu het experiment voorbij is.", "Sandra van Houten", "wethouder", "gemeente Utrecht", U),
    Q("Het is een van de weinige keren dat een gemeente dit met loting heeft onderzocht. Daardoor weten we nu echt wat werkt.", "Tessa Roeleveld", "onderzoeker", "Universiteit Utrecht", U),
    Q("Wij zien dezelfde lijn als in Utrecht en nemen de werkcoaches over in ons eigen beleid.", "gemeente Zeist", "organisatie", "gemeente Zeist", "Zeist"),
]
