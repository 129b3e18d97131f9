"""What every reader produces: the telegram text of one cable, split from its rendering.

A reader turns one rendering (raw telegram, WikiLeaks HTML page, Markdown or
scraped text, text under a metadata preamble) into a :class:`Source`: the routing
header and the body as plain telegram text, plus whatever metadata the rendering
itself carried. The parser reads fields from ``header`` and ``body`` only;
``metadata`` goes into ``Cable.source_metadata`` and is compared, never copied.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cablegram.model import Diagnostic, Rendering


@dataclass(slots=True)
class Source:
    """The telegram text of one cable, as a reader recovered it.

    ``header`` is the ACP-127 routing header (``VZCZC...`` down to the last
    addressee), ``body`` everything from the press dateline or classification
    banner on. Either may be empty. Lines are separated by ``\\n``; a reader
    that cannot tell where the header ends leaves the whole text in ``body``
    and the parser finds the boundary.

    ``metadata`` keys are lower-case and shared across renderings where the
    meaning is the same: ``reference_id``, ``created``, ``released``,
    ``classification``, ``origin``, ``subject``, ``tags``, ``references``.
    """

    header: str
    body: str
    rendering: Rendering
    metadata: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
