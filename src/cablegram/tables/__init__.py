"""Reference tables that decode the codes in a cable.

Submodules, each loading its data file lazily on first use:

- :mod:`cablegram.tables.posts`: origin tokens, release names, routing indicators and
  ``FM`` names of sending posts.
- :mod:`cablegram.tables.tags`: TAGS codes (subject, program, geographic, organisation).
- :mod:`cablegram.tables.routes`: routing indicators of addressees and relay stations.
- :mod:`cablegram.tables.codes`: precedence, security warnings, caveats, executive
  orders and classification reasons.

Importing this package imports nothing heavy and reads no file.
"""
