from _lib import *
Z = "Zwolle"
DOC = "zwolle_regionaal.txt"
R = [
    M(Z), M("Kampen"),
    E("Zwolse Meedoenproef", Z),
    A("De eerste groep", "exemption", Z),
    A("De tweede groep", "intensive_guidance", Z),
    A("De derde groep", "earnings_disregard", Z),
    A("vergelijkingsgroep", "control", Z),
    A("Zwollenaren in de bijstand die niet aan de proef meededen", "non_participants", Z),
    S(3000, "beneficiaries", Z),
    S(1800, "approached", Z),
    S(700, "intended", Z),
    S(400, "participants", Z),
    S(40, "other", Z),
    S(250, "intended", "Kampen"),
    # lead paragraph: participants in general
    O(Z, "parttime_work", None, "up"),
    O(Z, "wellbeing", None, "up"),
    O(Z, "outflow_to_work", None, "none", sig=False),
    O(Z, "parttime_work", "earnings_disregard", "up", 31, "percent", "non_participants", 12),
    O(Z, "parttime_work", "earnings_disregard", "up", 31, "percent", "control", 22, sig=True),
    O(Z, "wellbeing", "exemption", "up", 55, "percent", "baseline", 41),
    O(Z, "outflow_to_work", "exemption", "none", sig=False),
    O(Z, "outflow_to_work", None, "none", comp="control", sig=False),
    O(Z, "satisfaction", "intensive_guidance", "up"),
    O(Z, "self_confidence", "intensive_guidance", "none", sig=False),
    Q("We wilden weten of mensen meer doen als we ze vertrouwen in plaats van ze te controleren,", "Ellen van Dalfsen", "wethouder", "gemeente Zwolle", Z),
    Q("Dat vertrouwen blijkt niet misplaatst.", "Ellen van Dalfsen", "wethouder", "gemeente Zwolle", Z),
    Q("Vroeger moest ik elke maand vier sollicitaties laten zien, ook als ik wist dat het zinloos was. Nu zoek ik zelf, en ik doe vrijwilligerswerk bij de voedselbank,", "Henk Lubbers", "deelnemer", None, Z),
    Q("Dat geeft me meer rust dan al die brieven ooit deden.", "Henk Lubbers", "deelnemer", None, Z),
    Q("Dan loont werken weer. Daar draait het uiteindelijk om,", "Ellen van Dalfsen", "wethouder", "gemeente Zwolle", Z),
]
