"""How snippets mark the words that matched.

Backends put these control characters around each match; every face turns them
into its own markup after escaping the text (``<mark>`` in HTML, bold in a
terminal), so cable text can never inject markup.
"""

MARK_START = "\x02"
MARK_END = "\x03"
