"""The shapes of the JSON answers, for the OpenAPI document.

The data functions (:mod:`.pages`, :mod:`.summaries`, :mod:`.graphview`) return
plain builtins, served as they are; these models only document them (each route
names its model as the 200 response), so answering costs no validation. The
tests check every answer against the document (schemathesis), and the models
forbid undocumented fields, so a field added to a page without its model fails
there.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- charts ----------------------------------------------------------------------------


class Bar(_Model):
    label: str
    count: int
    url: str | None = Field(description="The search for this period (None for an empty bar)")
    x: float
    y: float
    w: float
    h: float


class Tick(_Model):
    label: str
    x: float


class GridLine(_Model):
    value: int
    y: float


class Axis(_Model):
    x: float
    y: float
    right: float


class Chart(_Model):
    """A bar chart of counts per month (or year), with its SVG geometry."""

    title: str
    unit: str = Field(description="``month`` or ``year``")
    undated: int = Field(description="Things counted in the total but not in any bar")
    width: float
    height: float
    max: int
    bars: list[Bar]
    ticks: list[Tick]
    grid: list[GridLine]
    axis: Axis


# -- search ----------------------------------------------------------------------------


class Hit(_Model):
    reference_id: str
    url: str
    created: str | None
    date: str | None
    origin: str | None
    origin_token: str | None
    country: str | None
    classification: str | None
    level: str = Field(description="``ts``, ``s``, ``c``, ``u`` or ``unknown``")
    subject: str | None
    snippet: str | None = Field(description="Matches between ``\\u0002`` and ``\\u0003``")
    score: float | None


class FacetValue(_Model):
    value: str
    count: int
    selected: bool = Field(description="Whether the query already filters on this value")
    url: str = Field(description="The search narrowed to this value (or widened, if selected)")


class Facet(_Model):
    name: str
    values: list[FacetValue]


class PageLink(_Model):
    page: int | None = Field(description="None for a gap in the numbers")
    url: str | None
    current: bool


class SearchLinks(_Model):
    pages: list[PageLink]
    self: str
    previous: str | None
    next: str | None
    sorts: dict[str, str]


class SearchPage(_Model):
    """One page of search results with facet counts over the whole result set."""

    query: str
    sort: str
    page: int
    pages: int
    per_page: int
    total: int
    milliseconds: float
    hits: list[Hit]
    facets: list[Facet]
    chart: Chart
    links: SearchLinks


# -- cables ----------------------------------------------------------------------------


class Addressee(_Model):
    name: str | None
    route: str | None
    precedence: str | None
    kind: str | None
    post: str | None
    organisation: str | None
    url: str | None


class TagRef(_Model):
    code: str
    meaning: str | None
    kind: str
    url: str


class ReferenceItem(_Model):
    bullet: str | None
    text: str
    kind: str | None
    reference_id: str | None
    in_archive: bool
    url: str | None = Field(description="The cited cable's page, when the archive holds it")
    citing_url: str | None = Field(description="The search for the cables citing it")


class CableRef(_Model):
    """A cable of the citation graph: linked when held, else only named."""

    reference_id: str
    in_archive: bool
    url: str | None
    date: str | None
    origin: str | None
    subject: str | None


class ParagraphItem(_Model):
    number: int | None
    portion_mark: str | None
    level: str
    heading: str | None
    text: str


class Version(_Model):
    version: int
    ingested_at: str
    current: bool


class CableLinks(_Model):
    raw: str
    json_: str = Field(alias="json")
    graph: str
    post: str | None
    from_post: str | None


class CablePage(_Model):
    """One cable: the whole record and what the cable page derives from it."""

    reference_id: str
    level: str
    created_utc: str | None
    created_words: str | None
    findings: list[dict[str, Any]] = Field(description="Lint findings (``cablegram lint``)")
    action_addressees: list[Addressee]
    info_addressees: list[Addressee]
    tags: list[TagRef]
    references: list[ReferenceItem]
    cited_by: list[CableRef]
    paragraphs: list[ParagraphItem]
    versions: list[Version]
    links: CableLinks
    cable: dict[str, Any] = Field(description="The record: the JSON Schema of ``cablegram schema``")


class Citations(_Model):
    reference_id: str
    in_archive: bool
    references: list[ReferenceItem]
    cites: list[CableRef]
    cited_by: list[CableRef]


class GraphNode(_Model):
    reference_id: str
    in_archive: bool
    centre: bool
    distance: int
    date: str | None
    year: int | None
    origin: str | None
    classification: str | None
    level: str
    subject: str | None
    url: str
    x: float
    y: float


class GraphEdge(_Model):
    source: str = Field(description="The citing cable")
    target: str = Field(description="The cited cable")
    kind: str = Field(description="``ref``, ``mention`` or ``ref+mention``")
    path: str = Field(description="The SVG path of the arrow")


class GraphLinks(_Model):
    cable: str | None
    json_: str = Field(alias="json")
    depths: dict[str, str]


class GraphPage(_Model):
    """The citation neighbourhood of a cable, laid out."""

    reference_id: str
    subject: str | None
    in_archive: bool
    depth: int
    max_depth: int
    citations: str = Field(description="The citations the graph is built from: ``refs``, ...")
    shown: int
    total: int
    truncated: bool
    width: float
    height: float
    node_width: float
    node_height: float
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    links: GraphLinks


# -- summaries -------------------------------------------------------------------------


class CountRow(_Model):
    value: str
    name: str | None
    count: int
    share: float
    url: str | None
    level: str | None = None


class CitedCable(_Model):
    reference_id: str
    in_archive: bool
    url: str
    date: str | None
    origin: str | None
    subject: str | None
    level: str
    citations: int


class ReferenceShare(_Model):
    citations: int
    resolved: int
    unresolved: int
    share: float
    missing_cables: int


class OverviewLinks(_Model):
    json_: str = Field(alias="json")
    posts: str
    tags: str


class Overview(_Model):
    """The archive at a glance."""

    total: int
    posts: int
    countries: int
    tags: int
    first: str | None
    last: str | None
    chart: Chart
    years: list[CountRow]
    origins: list[CountRow]
    top_tags: list[CountRow]
    classifications: list[CountRow]
    most_cited: list[CitedCable]
    most_cited_missing: list[CitedCable]
    references: ReferenceShare
    links: OverviewLinks


class PostLinks(_Model):
    search: str
    json_: str = Field(alias="json")
    posts: str


class PostPage(_Model):
    """One post and what it sent."""

    token: str
    name: str | None
    kind: str | None
    city: str | None
    country: str | None
    routes: list[str]
    total: int
    query: str
    chart: Chart
    addressees: list[CountRow]
    top_tags: list[CountRow]
    classifications: list[CountRow]
    signers: list[CountRow]
    most_cited: list[CitedCable]
    links: PostLinks


class TagLinks(_Model):
    search: str
    json_: str = Field(alias="json")
    tags: str


class TagPage(_Model):
    """One TAGS code: its meaning and what it covers."""

    code: str
    as_given: str
    kind: str
    meaning: str | None
    iso: str | None
    total: int
    query: str
    chart: Chart
    origins: list[CountRow]
    related_tags: list[CountRow]
    classifications: list[CountRow]
    links: TagLinks


class PostRow(_Model):
    token: str
    name: str | None
    country: str | None
    count: int
    url: str


class JsonLink(_Model):
    json_: str = Field(alias="json")


class PostsIndex(_Model):
    total: int
    unknown: int = Field(description="Cables whose post could not be read")
    posts: list[PostRow]
    links: JsonLink


class TagRow(_Model):
    code: str
    kind: str
    meaning: str | None
    count: int
    url: str


class TagsIndex(_Model):
    total: int
    distinct: int
    shown: int
    tags: list[TagRow]
    links: JsonLink


class Stats(_Model):
    """What ``cablegram stats --format json`` prints."""

    query: str
    total: int
    counts: dict[str, list[tuple[str, int]]] = Field(
        description="For each field, ``[value, count]`` pairs"
    )
