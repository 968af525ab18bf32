"""Descriptions and cue phrases the four default themes ship with (schema version 4 writes them
into libraries whose default themes have none yet). Cue syntax: see core/suggest/cues.py; a cue starting
with "-" names words that do not count ("-arrest warrant")."""
from __future__ import annotations

from clausemark.core.library.records import Theme

DEFAULT_THEME_DETAILS: dict[str, tuple[str, list[str]]] = {
    "children": (
        "Rights and protection of persons under 18: children, minors, juveniles, adolescents, "
        "girls and boys as children; birth registration, child labour, child marriage, juvenile "
        "justice, unaccompanied and migrant children.",
        ["child", "children", "childhood", '"minors"', "unaccompanied minor", "juvenile justice",
         "juvenile offender", "juvenile delinquency", "juvenile detention",
         "juveniles deprived of liberty", "adolescent", "girl", "boy", "infant", "newborn", "orphan", "birth registration",
         "under 18 years of age", "under the age of 18", "under 18", "Beijing Rules",
         "Havana Rules", "Riyadh Guidelines"]),
    "detention": (
        "Deprivation of liberty by authorities: arrest, detention (criminal, pretrial, "
        "immigration), custody, imprisonment, prisons and prisoners, overincarceration, "
        "conditions of detention and alternatives to it.",
        ["detention", "detain", "detainee", "custody", "custodial", "imprison", "imprisonment",
         "prison", "prisoner", "incarceration", "incarcerate", "overincarceration", "jail",
         "penitentiary", "arrest", "deprivation of liberty", "deprived of liberty",
         "deprive of liberty", "places of detention", "Nelson Mandela Rules", "Bangkok Rules",
         "Tokyo Rules", "Havana Rules", "-arrest warrant"]),
    "remittances": (
        "Money migrants send home: remittance flows, their cost, channels and use, and the "
        "financial inclusion of senders and recipients.",
        ["remittance", "remittances", "remit", "money transfer", "money transfers",
         "remittance service providers"]),
    "consular rights": (
        "Consular relations: consular notification, access, assistance and protection of "
        "nationals abroad (including detained nationals), consular capacities, and the "
        "protection and inviolability of consular missions, posts, premises and officers.",
        ["consular", "consulate", "consul", "consular notification", "consular access",
         "consular assistance", "consular protection", "Vienna Convention on Consular Relations"]),
}


def default_theme_records() -> list[Theme]:
    """The four default themes as records (ids 1-4), for suggesting without a library."""
    return [Theme(id=i + 1, name=name, colour="#000000", position=i, parent_id=None,
                  description=description, retired=False, created="", cues=tuple(cues))
            for i, (name, (description, cues)) in enumerate(DEFAULT_THEME_DETAILS.items())]
