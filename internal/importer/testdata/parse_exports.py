"""Parse kith's exports with parsers kith does not share code with.

Usage: parse_exports.py FILE.vcf FILE.csv FILE.json
Prints one JSON object: what vobject read from the vCard file (each card's
property names and the text of the properties kith writes), the rows
Python's csv module read, and the array Python's json module read.
"""
import csv
import json
import sys

import vobject


def card(c):
    out = {"properties": sorted(ch.name for ch in c.getChildren())}
    for name in ("FN", "TITLE", "NOTE", "URL", "BDAY"):
        ch = c.contents.get(name.lower())
        if ch:
            out[name] = ch[0].value
    out["EMAIL"] = [ch.value for ch in c.contents.get("email", [])]
    out["TEL"] = [ch.value for ch in c.contents.get("tel", [])]
    out["CATEGORIES"] = [v for ch in c.contents.get("categories", []) for v in ch.value]
    org = c.contents.get("org")
    if org:
        out["ORG"] = org[0].value
    return out


def main(vcf, csvfile, jsonfile):
    with open(vcf, newline="", encoding="utf-8") as f:
        cards = [card(c) for c in vobject.readComponents(f.read())]
    with open(csvfile, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(jsonfile, encoding="utf-8") as f:
        array = json.load(f)
    json.dump({"vcard": cards, "csv": rows, "json": array}, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:])
