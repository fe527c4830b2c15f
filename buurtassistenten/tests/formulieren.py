"""Form data the buurtassistenten tests post, shared by their modules."""


def contact(**anders):
    """The contact-moment form of a resident's page (prefix ``contact``), with ``anders``
    changed: ``contact(notitie="...", vervolg_op="2030-03-11")``."""
    data = {
        "contact-datum": "2030-03-04T08:30",
        "contact-kanaal": "telefoon",
        "contact-soort": "gewoon",
        "contact-notitie": "Belde over de tuin.",
        "contact-vervolg_op": "",
    }
    data.update({f"contact-{k}": v for k, v in anders.items()})
    return data
