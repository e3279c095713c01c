from _lib import *
N = "Nijmegen"
DOC = "nijmegen_interview.txt"
SP = ("Esther Verbeek", "onderzoeker", "Radboud Universiteit", N)
R = [
    M(N),
    E("Bijstand op Maat", N),
    A("Groep 1", "exemption", N),
    A("Groep 2", "intensive_guidance", N),
    A("Groep 3", "free_choice", N),
    A("de controlegroep", "control", N),
    S(400, "participants", N),
    S(7000, "beneficiaries", N),
    S(412, "participants", N),
    S(22, "other", N),
    S(104, "arm", N, "free_choice"),
    S(49, "other", N),
    O(N, "outflow_to_work", None, "none", comp="control", sig=False),
    O(N, "parttime_work", "free_choice", "up", 29, "percent", "control", 21, sig=True),
    O(N, "health", "exemption", "up", comp="control"),
    O(N, "health", "free_choice", "up", comp="control"),
    O(N, "health", "intensive_guidance", "none", comp="control", sig=False),
    O(N, "self_reliance", "intensive_guidance", "up", comp="control", sig=False),
    O(N, "debt", "exemption", "none", sig=False),
    O(N, "debt", "free_choice", "none", sig=False),
    Q("We hadden vier groepen. Groep 1 kreeg vrijstelling van de sollicitatieplicht. Groep 2 kreeg extra begeleiding van een vaste consulent. Groep 3 mocht zelf kiezen: met of zonder verplichtingen, met of zonder extra hulp. En dan was er de controlegroep, die via loting werd samengesteld en gewoon de bestaande regels volgde. In totaal hebben we 412 mensen ingeloot. Tweeëntwintig mensen zijn tussentijds gestopt, meestal omdat ze verhuisden.", *SP),
    Q("Van de 104 mensen in die groep kozen er 49 voor vrijstelling zonder extra hulp. Dat had ik niet verwacht. Ik dacht dat mensen vooral om begeleiding zouden vragen, maar veel deelnemers wilden vooral met rust gelaten worden om zelf iets op te bouwen.", *SP),
    Q("Nee, niet meetbaar. De uitstroom naar werk was in geen van de groepen significant hoger dan in de controlegroep. Wel zagen we dat Groep 3 vaker parttime werk had: 29 procent tegen 21 procent in de controlegroep. Dat is een significant verschil.", *SP),
    Q("Deelnemers in Groep 1 en Groep 3 scoorden beter op ervaren gezondheid dan de controlegroep. Voor Groep 2 zagen we dat niet. Op zelfredzaamheid was het verschil tussen Groep 2 en de controlegroep juist positief, hoewel niet significant. Op schulden zagen we noch bij Groep 1 noch bij Groep 3 iets veranderen.", *SP),
    Q("Dat ze voorzichtig moeten zijn. Een experiment met een paar honderd mensen per stad is klein. En veel gemeenten vergelijken deelnemers met mensen die niet meededen. Dat zijn andere mensen, dus dan meet je vooral wie zich aanmeldt.", *SP),
    Q("Langer meten. Twee jaar is kort voor mensen die soms al tien jaar in de bijstand zitten. Ik hoop dat Nijmegen de groepen nog een paar jaar blijft volgen, zodat we zien of die parttime banen uitgroeien tot werk waarmee mensen de bijstand verlaten.", *SP),
]
