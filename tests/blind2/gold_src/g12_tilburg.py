from _lib import *
T = "Tilburg"
DOC = "tilburg_persbericht.txt"
WH = ("Ilse Verhagen", "wethouder", "gemeente Tilburg", T)
MV = ("Mark Verhoeven", "deelnemer", None, T)
R = [
    M(T),
    E("Vertrouwen Werkt", T),
    A("vrije groep", "exemption", T),
    A("coachgroep", "intensive_guidance", T),
    A("plusgroep", "combined", T),
    A("reguliere aanpak", "control", T),
    A("niet-deelnemers", "non_participants", T),
    S(791, "participants", T),
    S(900, "intended", T),
    S(127, "other", T),
    O(T, "parttime_work", None, "up"),
    O(T, "fulltime_work", None, "none", sig=False),
    O(T, "parttime_work", "exemption", "up", comp="baseline"),
    O(T, "parttime_work", "exemption", "up", 26, "percent", "baseline", 20),
    O(T, "parttime_work", "exemption", "up", 3.5, "percentage_points", "control", sig=True),
    O(T, "self_reliance", "combined", "up", comp="control", sig=False),
    O(T, "fulltime_work", None, "none", comp="control", sig=False),
    O(T, "fulltime_work", "intensive_guidance", "none", 14, "percent", "control", 14, sig=False),
    O(T, "outflow_to_work", None, "up", None, None, "non_participants", None, 2),
    O(T, "job_search", "exemption", "none", comp="control", sig=False),
    Q("Dit experiment laat zien dat mensen niet lui worden als je ze vertrouwt. Ze gaan juist aan de slag, vaak eerst in een kleine baan, soms als vrijwilliger.", *WH),
    Q("Dat is geen mislukking, dat is een begin. Ik wil dat we die ruimte houden, ook als het Rijk daar nog niet aan wil,", *WH),
    Q("Ik had eindelijk tijd om te zoeken naar iets wat bij me past,", *MV),
    Q("Daarvoor was ik vooral bezig met formulieren.", *MV),
    Q("Het loslaten van verplichtingen leidde niet tot minder inzet. Wie vertrouwen krijgt, gaat niet achterover zitten.", "Tilburg University", "onderzoeker", "Tilburg University", T),
    Q("Ik heb nooit zo hard gezocht als toen het niet meer moest.", *MV),
]
