"""Showing personal data in public without giving it away."""


def mask_name(name):
    """Keep the family name, hide the rest: "Nguyễn Văn An" -> "Nguyễn V** A*".

    Enough for applicants to recognise their own dossier, too little to learn
    who applied for what.
    """
    words = name.split()
    if not words:
        return ""
    return " ".join([words[0]] + [word[0] + "*" * (len(word) - 1) for word in words[1:]])
