from _lib import *
AL = "Almere"
DOC = "almere_nieuws.html"
R = [
    M(AL),
    E("Almeers Vertrouwensexperiment", AL),
    A("vrije variant", "exemption", AL),
    A("coachvariant", "intensive_guidance", AL),
    A("combinatievariant", "combined", AL),
    A("vergelijkingsgroep", "control", AL),
    S(6500, "beneficiaries", AL),
    S(6500, "approached", AL),
    S(800, "intended", AL),
    S(600, "intended", AL),
    S(60, "participants", AL),
    O(AL, "participation", None, "up", 27, "count", "baseline", 18),
    Q("We zoeken 800 mensen die het aandurven om het een keer anders te doen,", "Jan Hoekstra", "wethouder", "gemeente Almere", AL),
    Q("Minder regels, meer eigen verantwoordelijkheid. Ik ben benieuwd wat Almeerders daarmee doen.", "Jan Hoekstra", "wethouder", "gemeente Almere", AL),
    Q("bemoedigend, maar te klein om er iets uit te concluderen", "gemeente Almere", "organisatie", "gemeente Almere", AL),
    Q("Anders doen we het binnen de regels die er zijn,", "Jan Hoekstra", "wethouder", "gemeente Almere", AL),
]
