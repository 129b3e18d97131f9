"""The fixed query suite of the archive benchmark: what researchers type.

Words come from the synthetic cables' vocabulary; ids and dates from their
range. Kept in one list so that the SQLite and PostgreSQL runs, and every
run from one version to the next, time the same queries.
"""

QUERIES: list[str] = [
    # words
    "parliament",
    "cabinet reshuffle",
    "nuclear",
    "corruption",
    "elections coalition",
    "border smuggling",
    "energy pipeline",
    "narcotics",
    "investment trade",
    "minister",
    # phrases
    '"human rights"',
    '"cabinet reshuffle"',
    '"prime minister"',
    '"no-confidence vote"',
    '"end of july"',
    # prefixes
    "elect*",
    "terror*",
    "nucl* program*",
    "refug*",
    "sanction* iran",
    # boolean
    "nuclear OR sanctions",
    "(corruption OR smuggling) border",
    "elections -parliament",
    "oil NOT gas",
    "terrorism OR narcotics OR smuggling",
    # field filters
    "tag:PTER",
    "tag:PREL tag:PGOV",
    "tag:(KNNP OR MNUC)",
    "origin:KABUL",
    "origin:STATE",
    "country:PK",
    "country:IQ class>=secret",
    "class:secret//noforn",
    "class>=confidential date:2008",
    "caveat:NODIS",
    "caveat:NOFORN tag:PTER",
    "date:2009-02",
    "date:2007-01..2007-03",
    "date:2010..",
    "date:..2004-06",
    "precedence:immediate",
    "signer:PEMBERTON",
    "recipient:USUNNEWYORK",
    "subject:parliament",
    'subject:"cabinet reshuffle"',
    # mixed
    "tag:PTER country:PK date:2008..2009 -origin:STATE",
    '"human rights" country:CN',
    "elections date:2009 class:confidential",
    "nuclear tag:KNNP -country:IR",
    "corruption origin:KABUL date:2009..2010",
    "minister tag:PREL class>=secret",
    "terror* date:2008-06..2008-12 caveat:NOFORN",
    "(oil OR gas) country:NG",
    "-tag:PREL date:2006 class:unclassified",
    "trade tag:ETRD origin:STATE",
]
