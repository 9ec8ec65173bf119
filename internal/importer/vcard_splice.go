package importer

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
)

// fieldProps are the properties that hold each contact field a card
// carries in standard properties (kith's own, X-KITH-*, are always
// written anew).
var fieldProps = map[string][]string{
	"name": {"FN", "N"}, "emails": {"EMAIL"}, "phones": {"TEL"}, "company": {"ORG"}, "title": {"TITLE"},
	"tags": {"CATEGORIES"}, "notes": {"NOTE"}, "birthday": {"BDAY"},
	"anniversaries": {"ANNIVERSARY", xAnniversary, xABDate, xABLabel}, "linkedin_url": {"URL", "X-SOCIALPROFILE"},
}

// cardLine is one unfolded content line of a card.
type cardLine struct {
	text, group, name, value string
}

// SyncCardOver writes c as SyncCard does, over prev, the card as the
// server holds it, so that nothing kith does not hold is lost: prev's
// lines kith does not read (a photo, postal addresses, other apps'
// properties) stay as they are, byte for byte, and so do the lines of
// each field c did not change (a phone's label, an email's type); the
// lines of a field c changed are written anew, except the emails and
// phones c still has, which keep their lines. prev's UID and vCard
// version stay.
func SyncCardOver(c kith.Contact, uid string, prev []byte) ([]byte, error) {
	prevLines := cardLines(prev)
	version, prevUID := "3.0", ""
	for _, l := range prevLines {
		switch l.name {
		case "VERSION":
			version = strings.TrimSpace(l.value)
		case "UID":
			prevUID = l.value
		}
	}
	if prevUID != "" {
		uid = unescapeText(prevUID)
	}
	freshData, err := SyncCard(c, uid, version)
	if err != nil {
		return nil, err
	}
	old, err := ReadSyncCard(prev, "")
	if err != nil || old.Skip != "" {
		return freshData, nil // nothing of prev's that kith can tell apart: write kith's card
	}
	fresh := cardLines(freshData)
	keepPrev, keepFresh := spliceRules(c, old.Contact, prevLines, fresh)
	var buf bytes.Buffer
	fw := &foldWriter{w: &buf}
	for i, l := range prevLines {
		if l.name == "END" {
			for j, f := range fresh {
				if keepFresh[j] {
					fw.Write([]byte(f.text + "\r\n"))
				}
			}
		}
		if keepPrev[i] {
			fw.Write([]byte(l.text + "\r\n"))
		}
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// cardLines reads a card's unfolded content lines, as they are.
func cardLines(data []byte) []cardLine {
	var out []cardLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), maxVCardLine+len(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') && len(out) > 0 {
			out[len(out)-1].text += line[1:]
			continue
		}
		if strings.TrimSpace(line) != "" {
			out = append(out, cardLine{text: line})
		}
	}
	for i := range out {
		group, name, _, value, _ := parseContentLine(out[i].text)
		out[i].group, out[i].name, out[i].value = strings.ToLower(group), name, value
	}
	return out
}

// spliceRules says which of prev's lines stay and which of fresh's are
// added (see SyncCardOver); old is prev as kith reads it.
func spliceRules(c, old kith.Contact, prev, fresh []cardLine) (keepPrev, keepFresh []bool) {
	_ = old.Normalize() // compared with c, which is
	fields := map[string]kith.ContactField{}
	for _, f := range kith.ContactFields {
		fields[f.Key] = f
	}
	owner := map[string]string{}
	for key, props := range fieldProps {
		for _, p := range props {
			owner[p] = key
		}
	}
	keepPrev, keepFresh = make([]bool, len(prev)), make([]bool, len(fresh))
	prevDates, freshDates := dateGroups(prev), dateGroups(fresh)
	for i, l := range prev {
		switch key := fieldOf(l, owner, prevDates); {
		case key == "" || structural[l.name]:
			keepPrev[i] = true
		case key == kithKey:
		case fields[key].Same(&c, &old):
			keepPrev[i] = true
		case key == "emails" || key == "phones":
			keepPrev[i] = holds(fields[key], fields[key].List(&c), lineValue(l))
		}
	}
	for j, l := range fresh {
		switch key := fieldOf(l, owner, freshDates); {
		case structural[l.name]:
		case key == kithKey || key == "":
			keepFresh[j] = true
		case fields[key].Same(&c, &old):
		case key == "emails" || key == "phones":
			keepFresh[j] = !holds(fields[key], fields[key].List(&old), lineValue(l))
		default:
			keepFresh[j] = true
		}
	}
	return keepPrev, keepFresh
}

// structural are the lines that make a card a card: prev's stay.
var structural = map[string]bool{"BEGIN": true, "END": true, "VERSION": true, "UID": true}

// kithKey stands for the lines always written anew: kith's own fields
// and REV.
const kithKey = "kith"

// fieldOf is the contact field a line holds: "" for a line kith does not
// read, kithKey for kith's own.
func fieldOf(l cardLine, owner map[string]string, dates map[string]bool) string {
	switch {
	case strings.HasPrefix(l.name, "X-KITH-") || l.name == "REV":
		return kithKey
	case l.name == xABLabel && !dates[l.group]:
		return "" // the label of a phone or an address, not of a date
	case (l.name == "URL" || l.name == "X-SOCIALPROFILE") && !isLinkedIn(unescapeText(l.value)):
		return ""
	}
	return owner[l.name]
}

// dateGroups are the groups of a card's X-ABDATE lines.
func dateGroups(lines []cardLine) map[string]bool {
	out := map[string]bool{}
	for _, l := range lines {
		if l.name == xABDate && l.group != "" {
			out[l.group] = true
		}
	}
	return out
}

// lineValue is an email's or a phone's value as kith reads it.
func lineValue(l cardLine) string {
	v := strings.TrimSpace(unescapeText(l.value))
	for _, p := range []string{"mailto:", "tel:", "TEL:"} {
		v = strings.TrimPrefix(v, p)
	}
	return v
}

// holds reports whether list has v, as the field compares values.
func holds(f kith.ContactField, list []string, v string) bool {
	for _, x := range list {
		if f.SameValue(x, v) {
			return true
		}
	}
	return false
}
