"""Coverage of cablegram's reference tables against other projects' lists and the gold corpus.

Usage::

    python scripts/table_coverage.py [--shared ../shared] [--limit 40]

For each list in ``<shared>/reference/`` it prints what that list has and the tables lack,
and the other way round (counts, then up to ``--limit`` items). Using
``<shared>/corpus/cablegate-html.gold.jsonl`` it prints how many gold ``origin`` values the
posts table reproduces from the reference id's origin token (target >= 99 %) and how many
gold tag occurrences decode to a kind and a meaning (target >= 98 %), listing the rest.

The reference lists are only compared against, never read into the tables.
"""

from __future__ import annotations

import argparse
import collections
import csv
import html
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from cablegram.tables import posts, routes, tags

_REF_ID = re.compile(r"^\d{2}([A-Z]+?)\d+$")
_TAG = re.compile(r"<[^>]+>")
_FM_LINE = re.compile(r"^FM (.+)$", re.MULTILINE)


def _show(title: str, items: Iterable[str], limit: int) -> None:
    listed = sorted(set(items))
    print(f"  {title}: {len(listed)}")
    if listed:
        shown = ", ".join(listed[:limit])
        more = f" ... (+{len(listed) - limit})" if len(listed) > limit else ""
        print(f"    {shown}{more}")


def _lines(path: Path) -> list[str]:
    text = path.read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _tag_codes(kind: str) -> set[str]:
    return {info.code for info in tags.all_tags() if info.kind == kind}


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


def compare_routes(ref: Path, limit: int) -> None:
    """route2name.csv against our indicators; State (RUEH) indicators are listed apart."""
    print("\n== routes: route2name.csv ==")
    with (ref / "route2name.csv").open(encoding="utf-8", newline="") as handle:
        theirs: dict[str, str] = {}
        for row in csv.reader(handle):
            if len(row) >= 2:
                theirs.setdefault(row[0].strip(), row[1].strip())
    mine = {info.indicator: info for info in routes.all_routes() if info.indicator}
    state = {code for code in theirs if code.startswith("RUEH")}
    _show("theirs (all)", theirs, 0)
    _show("theirs RUEH..., not ours", state - set(mine), limit)
    _show("ours, not theirs", set(mine) - set(theirs), limit)
    differ = []
    for code, info in mine.items():
        if info.post is None or code not in theirs:
            continue
        city = posts.squeeze(info.post.city or info.post.token)[:5]
        if city not in posts.squeeze(theirs[code]) and info.post.token[:5] not in posts.squeeze(
            theirs[code]
        ):
            differ.append(f"{code}={info.post.name}|{theirs[code]}")
    _show("same indicator, different station", differ, limit)


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


def _gold(corpus: Path) -> list[dict[str, object]]:
    path = corpus / "cablegate-html.gold.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def gold_origins(records: list[dict[str, object]], limit: int) -> float:
    """Share of gold ``origin`` values reproduced from the reference id's token alone."""
    good = 0
    misses: collections.Counter[str] = collections.Counter()
    for record in records:
        match = _REF_ID.match(str(record["reference_id"]))
        post = posts.lookup(match.group(1)) if match else None
        if post is not None and post.name == record["origin"]:
            good += 1
        else:
            token = match.group(1) if match else record["reference_id"]
            misses[f"{token} -> {post.name if post else None} (gold {record['origin']})"] += 1
    share = good / len(records)
    print(f"\n== gold origins from reference-id token: {good}/{len(records)} = {share:.2%} ==")
    for text, count in misses.most_common(limit):
        print(f"    {count:4d}  {text}")
    return share


def _fm_name(page: Path) -> str | None:
    """The FM line of a WikiLeaks page's header, or None."""
    if not page.is_file():
        return None
    text = html.unescape(_TAG.sub("", page.read_text("utf-8").replace("&#x000A;", "\n")))
    found = _FM_LINE.search(text)
    return found.group(1).strip() if found else None


def gold_origins_with_sender(records: list[dict[str, object]], pages: Path, limit: int) -> float:
    """Share of gold origins reproduced from the FM line when the header has one, else
    from the reference id's token: what a parser reading the cable text can do."""
    good = 0
    misses: collections.Counter[str] = collections.Counter()
    for record in records:
        fm = _fm_name(pages / str(record["file"]))
        post = posts.by_sender(fm) if fm else None
        if post is None:
            match = _REF_ID.match(str(record["reference_id"]))
            post = posts.lookup(match.group(1)) if match else None
        if post is not None and post.name == record["origin"]:
            good += 1
        else:
            misses[f"FM {fm} -> {post.name if post else None} (gold {record['origin']})"] += 1
    share = good / len(records)
    print(f"\n== gold origins from FM line, else token: {good}/{len(records)} = {share:.2%} ==")
    for text, count in misses.most_common(limit):
        print(f"    {count:4d}  {text}")
    return share


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


def gold_tags(records: list[dict[str, object]], limit: int) -> float:
    """Share of gold tag occurrences that decode to a kind and a meaning."""
    total = good = 0
    misses: collections.Counter[str] = collections.Counter()
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
    share = good / total if total else 0.0
    print(f"\n== gold tag occurrences decoded: {good}/{total} = {share:.2%} ==")
    print(f"  not decoded: {sum(misses.values())} occurrences of {len(misses)} tags")
    for text, count in misses.most_common(limit):
        print(f"    {count:4d}  {text}")
    return share


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
    compare_posts(ref, args.limit)
    compare_routes(ref, args.limit)
    compare_tags(ref, args.limit)
    if (corpus / "cablegate-html.gold.jsonl").is_file():
        records = _gold(corpus)
        gold_origins(records, args.limit)
        gold_origins_with_sender(records, corpus / "cablegate-html", args.limit)
        gold_tags(records, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
