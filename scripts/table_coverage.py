"""Coverage of cablegram's reference tables against the gold corpus and other projects' lists.

Usage::

    python scripts/table_coverage.py [--shared ../shared] [--limit 60]

With ``<shared>/corpus/`` present it parses every page with :func:`cablegram.parse` and
prints, for the corpus (issue 4's acceptance):

- how many ``Cable.origin`` values agree with the gold ``origin`` (target >= 99 %), and how
  many a table look-up of the reference id's origin token alone would get;
- how many origin tokens (parsed and gold reference ids) and ``FM`` names resolve;
- how many routing indicators of the headers (relay line, ``DE`` station, addressees)
  resolve, distinct and occurrences, listing those left with their counts;
- how many gold tag occurrences decode to a kind and a meaning (target >= 98 %), listing
  the codes that do not.

For each list in ``<shared>/reference/`` it then prints what that list has and the tables
lack, and the other way round (counts, then up to ``--limit`` items). The reference lists
are only compared against, never read into the tables.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import cablegram
from cablegram.tables import posts, routes, tags

_REF_ID = re.compile(r"^\d{2}([A-Z]+?)\d+$")

Counter = collections.Counter


def _show(title: str, items: Iterable[str], limit: int) -> None:
    """A count, then up to ``limit`` of the items in order (none when limit is 0)."""
    listed = sorted(set(items))
    print(f"  {title}: {len(listed)}")
    if listed and limit > 0:
        shown = ", ".join(listed[:limit])
        more = f" ... (+{len(listed) - limit})" if len(listed) > limit else ""
        print(f"    {shown}{more}")


def _show_counts(title: str, counts: Counter[str], limit: int) -> None:
    """A distinct and an occurrence count, then the most frequent items with counts."""
    print(f"  {title}: {len(counts)} distinct, {sum(counts.values())} occurrences")
    for item, count in counts.most_common(limit):
        print(f"    {count:5d}  {item}")


def _share(good: int, total: int) -> str:
    return f"{good}/{total} = {good / total:.2%}" if total else f"{good}/0"


def _lines(path: Path) -> list[str]:
    text = path.read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- the corpus ------------------------------------------------------------------------


@dataclass
class CorpusScan:
    """What one pass over the corpus pages found, for the sections printed below."""

    cables: int = 0
    origin_agrees: int = 0
    origin_misses: Counter[str] = field(default_factory=Counter)
    token_agrees: int = 0
    token_misses: Counter[str] = field(default_factory=Counter)
    origin_tokens: Counter[str] = field(default_factory=Counter)
    sender_names: Counter[str] = field(default_factory=Counter)
    indicators: Counter[str] = field(default_factory=Counter)


def header_indicators(cable: cablegram.Cable) -> list[str]:
    """Every routing indicator of a parsed header: relay line, ``DE`` station, addressees."""
    found = list(cable.relay_routes)
    if cable.originating_station:
        found.append(cable.originating_station)
    found.extend(r.route for r in cable.recipients + cable.info_recipients if r.route)
    return found


def _gold(corpus: Path) -> list[dict[str, object]]:
    path = corpus / "cablegate-html.gold.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def _scan_one(scan: CorpusScan, record: dict[str, object], cable: cablegram.Cable) -> None:
    gold_origin = str(record["origin"])
    scan.cables += 1
    if cable.origin == gold_origin:
        scan.origin_agrees += 1
    else:
        scan.origin_misses[f"{record['reference_id']}: {cable.origin} (gold {gold_origin})"] += 1
    match = _REF_ID.match(str(record["reference_id"]))
    gold_token = match.group(1) if match else str(record["reference_id"])
    by_token = posts.lookup(gold_token)
    if by_token is not None and by_token.name == gold_origin:
        scan.token_agrees += 1
    else:
        found = by_token.name if by_token else None
        scan.token_misses[f"{gold_token} -> {found} (gold {gold_origin})"] += 1
    scan.origin_tokens[gold_token] += 1
    if cable.origin_token:
        scan.origin_tokens[cable.origin_token] += 1
    if cable.sender:
        scan.sender_names[cable.sender] += 1
    scan.indicators.update(header_indicators(cable))


def scan_corpus(corpus: Path) -> CorpusScan:
    """Parse every gold page once and count what the tables must resolve."""
    scan = CorpusScan()
    pages = corpus / "cablegate-html"
    for record in _gold(corpus):
        page = pages / str(record["file"])
        if page.is_file():
            _scan_one(scan, record, cablegram.parse(page.read_text("utf-8")))
    return scan


def report_origins(scan: CorpusScan, limit: int) -> float:
    """Cable.origin against gold (acceptance a), and the token-only look-up beside it."""
    share = scan.origin_agrees / scan.cables if scan.cables else 0.0
    print(f"\n== corpus: Cable.origin agrees with gold: {_share(scan.origin_agrees, scan.cables)}")
    for text, count in scan.origin_misses.most_common(limit):
        print(f"    {count:4d}  {text}")
    print(
        "\n== corpus: gold origin from the reference-id token alone: "
        f"{_share(scan.token_agrees, scan.cables)} =="
    )
    for text, count in scan.token_misses.most_common(limit):
        print(f"    {count:4d}  {text}")
    return share


def report_origin_tokens(scan: CorpusScan, limit: int) -> float:
    """Origin tokens (gold ids and parsed ids) and FM names that resolve to a post."""
    left = Counter({t: n for t, n in scan.origin_tokens.items() if posts.token_alias(t) is None})
    total = sum(scan.origin_tokens.values())
    good = total - sum(left.values())
    print("\n== corpus: origin tokens (gold reference ids and parsed ids) ==")
    print(f"  distinct: {_share(len(scan.origin_tokens) - len(left), len(scan.origin_tokens))}")
    print(f"  occurrences: {_share(good, total)}")
    _show_counts("unresolved", left, limit)
    senders = Counter({s: n for s, n in scan.sender_names.items() if posts.by_sender(s) is None})
    resolved = sum(scan.sender_names.values()) - sum(senders.values())
    print(f"  FM names resolved: {_share(resolved, sum(scan.sender_names.values()))}")
    _show_counts("FM names unresolved", senders, limit)
    return good / total if total else 0.0


def report_indicators(scan: CorpusScan, limit: int) -> float:
    """Routing indicators of the headers that :func:`routes.describe` resolves."""
    left = Counter({i: n for i, n in scan.indicators.items() if routes.describe(i) is None})
    total = sum(scan.indicators.values())
    good = total - sum(left.values())
    kinds: Counter[str] = Counter()
    for indicator, count in scan.indicators.items():
        info = routes.describe(indicator)
        kinds[info.kind if info else "unresolved"] += count
    print("\n== corpus: routing indicators (relay line, DE station, addressees) ==")
    print(f"  distinct: {_share(len(scan.indicators) - len(left), len(scan.indicators))}")
    print(f"  occurrences: {_share(good, total)}")
    print("  occurrences by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    _show_counts("unresolved", left, limit)
    return good / total if total else 0.0


def _decoded(gold_tags: list[str]) -> set[str]:
    """The gold tags that decode to a kind and a meaning, reading the list as a TAGS line
    (so ``CLINTON``, ``HILLARY`` are one person and ``EINDETRD`` two codes)."""
    good: set[str] = set()
    for item in tags.split_tags(" ".join(gold_tags)):
        info = tags.describe(item)
        if info.kind == "person":
            good.update(item.replace(",", " ").split())
        elif info.meaning is not None:
            good.add(item)
    for tag in gold_tags:
        pieces = tags.split_tags(tag)
        if len(pieces) > 1 and all(tags.describe(piece).meaning for piece in pieces):
            good.add(tag)
    return good


def report_tags(records: list[dict[str, object]], limit: int) -> float:
    """Share of gold tag occurrences that decode to a kind and a meaning (acceptance b)."""
    total = good = 0
    misses: Counter[str] = Counter()
    for record in records:
        listed = record.get("tags")
        if not isinstance(listed, list):
            continue
        decoded = _decoded([str(tag) for tag in listed])
        for tag in listed:
            total += 1
            if tag in decoded:
                good += 1
            else:
                misses[f"{tag} ({tags.describe(str(tag)).kind})"] += 1
    print(f"\n== corpus: gold tag occurrences decoded: {_share(good, total)} ==")
    _show_counts("not decoded (kind in brackets)", misses, limit)
    return good / total if total else 0.0


# --- the reference lists -----------------------------------------------------------------


def compare_posts(ref: Path, limit: int) -> None:
    """embassy.list (origin tokens) and locations.list (release names) against posts."""
    print("\n== posts: embassy.list (origin tokens) ==")
    theirs = set(_lines(ref / "embassy.list"))
    mine = posts.origin_tokens()
    aliased = {token for token in theirs - mine if posts.token_alias(token)}
    _show("theirs, canonical in ours", theirs & mine, 0)
    _show("theirs, resolved by token_alias (variants, typos)", aliased, limit)
    _show("theirs, unresolved", theirs - mine - aliased, limit)
    _show("ours, not in theirs", mine - theirs, limit)
    print("\n== posts: locations.list (release names) ==")
    names = set(_lines(ref / "locations.list"))
    ours = {post.name for post in posts.all_posts()}
    _show("theirs, not ours", names - ours, limit)
    _show("ours, not theirs", ours - names, limit)


def _route_differs(code: str, info: routes.RouteInfo, theirs: dict[str, str]) -> bool:
    """True when both tables tie ``code`` to a post but name different cities."""
    if info.post is None or code not in theirs:
        return False
    name = posts.squeeze(theirs[code])
    city = posts.squeeze(info.post.city or info.post.token)[:5]
    return city not in name and info.post.token[:5] not in name


def compare_routes(ref: Path, limit: int) -> None:
    """route2name.csv against our indicators; State (RUEH) indicators are listed apart."""
    print("\n== routes: route2name.csv ==")
    with (ref / "route2name.csv").open(encoding="utf-8", newline="") as handle:
        theirs: dict[str, str] = {}
        for row in csv.reader(handle):
            if len(row) >= 2:
                theirs.setdefault(row[0].strip(), row[1].strip())
    mine = {info.indicator: info for info in routes.all_routes() if info.indicator}
    lacking = set(theirs) - set(mine)
    state = {code for code in lacking if code.startswith("RUEH")}
    _show("theirs (all)", theirs, 0)
    _show("theirs, in ours", set(theirs) & set(mine), 0)
    _show("theirs, not ours (all)", lacking, 0)
    _show("theirs, not ours: State RUEH...", state, limit)
    _show("theirs, not ours: other prefixes", lacking - state, limit)
    _show("ours, not theirs", set(mine) - set(theirs), limit)
    differ = [
        f"{code}={info.name}|{theirs[code]}"
        for code, info in mine.items()
        if _route_differs(code, info, theirs)
    ]
    _show("same indicator, different station", differ, limit)


def _tag_codes(kind: str) -> set[str]:
    return {info.code for info in tags.all_tags() if info.kind == kind}


def compare_tags(ref: Path, limit: int) -> None:
    """Subject, program, organisation and FIPS country lists against the TAGS table."""
    for label, filename, kind in (
        ("subject", "subject-tags.txt", "subject"),
        ("subject", "tags.subject", "subject"),
        ("program", "tags.program", "program"),
        ("organisation", "organization-tags.txt", "org"),
    ):
        print(f"\n== tags: {filename} ({label}) ==")
        theirs = {line.upper() for line in _lines(ref / filename)}
        mine = _tag_codes(kind)
        _show("theirs, not ours", {code for code in theirs if not tags.is_known(code)}, limit)
        _show("ours, not theirs", mine - theirs, limit)
    print("\n== tags: country-codes.csv (FIPS column) ==")
    with (ref / "country-codes.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("FIPS", "").strip()]
    fips = {row["FIPS"].strip(): row["ISO3166-1-Alpha-2"].strip() for row in rows}
    mine = _tag_codes("geo")
    _show("theirs, not ours", set(fips) - mine, limit)
    _show("ours, not theirs", mine - set(fips), limit)
    iso_differ = [
        f"{code}: ours {tags.describe(code).iso} theirs {iso}"
        for code, iso in fips.items()
        if code in mine and tags.describe(code).iso and tags.describe(code).iso != iso
    ]
    _show("ISO code differs", iso_differ, limit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    default = Path(__file__).resolve().parents[1].parent / "shared"
    parser.add_argument("--shared", type=Path, default=default, help="the shared folder")
    parser.add_argument("--limit", type=int, default=60, help="items listed per difference")
    args = parser.parse_args(argv)
    ref, corpus = args.shared / "reference", args.shared / "corpus"
    if not ref.is_dir():
        print(f"no reference lists at {ref}", file=sys.stderr)
        return 2
    if (corpus / "cablegate-html.gold.jsonl").is_file():
        scan = scan_corpus(corpus)
        report_origins(scan, args.limit)
        report_origin_tokens(scan, args.limit)
        report_indicators(scan, args.limit)
        report_tags(_gold(corpus), args.limit)
    else:
        print(f"no gold corpus at {corpus}; corpus coverage skipped", file=sys.stderr)
    compare_posts(ref, args.limit)
    compare_routes(ref, args.limit)
    compare_tags(ref, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
