from _lib import *
O_ = "Oss"
DOC = "oss_brabant.txt"
R = [
    M(O_), M("Uden"), M("Bernheze"),
    E("Samen Verder", O_),
    A("vertrouwensgroep", "exemption", O_),
    A("reguliere aanpak", "control", O_),
    A("Ossenaren in de bijstand die niet meededen", "non_participants", O_),
    S(400, "registered", O_),
    S(300, "intended", O_),
    S(150, "arm", O_, "exemption"),
    S(150, "arm", O_, "control"),
    S(2400, "beneficiaries", O_),
    O(O_, "outflow_to_work", None, "none", sig=False),  # headline: geen extra banen
    O(O_, "health", "exemption", "up", None, None, "control", None, 2.5),
    O(O_, "wellbeing", "exemption", "up", comp="control"),
    O(O_, "participation", "exemption", "up", 38, "percent", "non_participants", 19),
    O(O_, "training_uptake", "exemption", "up", comp="control", sig=False),
    Q("Ik hoef me niet meer te verantwoorden voor elke stap die ik zet.", "Ria van Gerwen", "deelnemer", None, O_),
    Q("Ik ben gaan oppassen op de kleinkinderen van de buren en ik help op dinsdag in het buurthuis.", "Ria van Gerwen", "deelnemer", None, O_),
    Q("Dat had ik vroeger nooit mogen opschrijven als activiteit.", "Ria van Gerwen", "deelnemer", None, O_),
    Q("Voor ons is dat winst. Mensen die actief zijn, staan dichter bij werk,", "Marian Helmond", "projectleider", "gemeente Oss", O_),
    Q("We willen dit na de proef vasthouden, ook als het geen extra banen oplevert.", "Marian Helmond", "projectleider", "gemeente Oss", O_),
    Q("Het gaat om kleine aantallen en we kijken nog maar naar het eerste jaar,", "Koen Damen", "onderzoeker", "Tilburg University", O_),
]
