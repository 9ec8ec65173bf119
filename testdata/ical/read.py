"""Reads an iCalendar file with the icalendar package, as a calendar
program would, and prints its events as JSON for kith's tests to check:
{"uid": {"summary", "start", "end", "rrule", "location", "description",
"sequence", "categories"}}. Exits non-zero, with the parser's complaint,
on a file it cannot read; complains too about what it reads leniently
(a line over 75 octets, a bare LF, a duplicate UID)."""

import json
import sys

import icalendar


def text(v):
    return None if v is None else str(v)


def main(path):
    raw = open(path, "rb").read()
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if b"\n" in line or b"\r" in line:
            sys.exit(f"line {n}: a line break that is not CRLF")
        if len(line) > 75:
            sys.exit(f"line {n}: {len(line)} octets, over 75: {line!r}")
    cal = icalendar.Calendar.from_ical(raw)
    events = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        if uid in events:
            sys.exit(f"UID {uid} twice")
        rrule = ev.get("RRULE")
        cats = ev.get("CATEGORIES")
        events[uid] = {
            "summary": text(ev.get("SUMMARY")),
            "start": ev.decoded("DTSTART").isoformat(),
            "end": ev.decoded("DTEND").isoformat(),
            "stamp": ev.decoded("DTSTAMP").isoformat(),
            "rrule": rrule.to_ical().decode() if rrule else None,
            "location": text(ev.get("LOCATION")),
            "description": text(ev.get("DESCRIPTION")),
            "sequence": int(ev.get("SEQUENCE")),
            "transp": text(ev.get("TRANSP")),
            "categories": [str(c) for c in cats.cats] if cats else [],
        }
    json.dump({"version": str(cal["VERSION"]), "prodid": str(cal["PRODID"]), "events": events},
              sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
