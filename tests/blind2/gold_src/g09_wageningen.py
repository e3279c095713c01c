from _lib import *
W = "Wageningen"
DOC = "wageningen_blog.txt"
R = [
    M(W), M("Ede"), M("Renkum"),
    E("Samen aan de slag", W),
    A("intensief", "intensive_guidance", W),
    A("Een tweede groep", "exemption", W),
    A("bijverdienen", "earnings_disregard", W),
    A("vergelijkingsgroep", "control", W),
    S(1100, "beneficiaries", W),
    S(600, "approached", W),
    S(252, "participants", W),
    S(63, "arm", W, "intensive_guidance"),
    O(W, "parttime_work", "earnings_disregard", "up", 27, "percent", "control", 20),
    O(W, "outflow_to_work", None, "none", sig=False),
    O(W, "debt", "intensive_guidance", "down", 24, "count", "baseline", 31),
    Q("Voor het eerst sinds jaren heb ik zin om 's ochtends op te staan. Zo'n gevoel was ik helemaal kwijt.", "Fatima el Amrani", "deelnemer", None, W),
    Q("Ik betaal nu m'n eigen boodschappen van wat ik zelf verdien. Dat voelt anders dan een uitkering, al is het bedrag bijna hetzelfde.", "Kees de Wit", "deelnemer", None, W),
    Q("In de regio's om ons heen kijken ze met belangstelling mee. Ze willen weten of dit ook buiten Wageningen werkt.", "Jeroen Bosch", "other", "gemeente Wageningen", W),
]
