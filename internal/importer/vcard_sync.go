package importer

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-vcard"

	"github.com/kith-crm/kith/internal/kith"
)

// A synced card is the export's card (contactCard) with the UID that
// names it on the server and kith's own fields as X-KITH-* properties,
// which address books keep without showing them. Reading one is the
// import's reading of a card, those properties added: both directions of
// the mapping live here and in vcard_card.go, once.

// kithProp is one of kith's own fields as a card property.
type kithProp struct {
	name string
	get  func(c *kith.Contact) string
	// set reads the property's text into c, or says why it cannot
	set func(c *kith.Contact, v string) error
}

// kithProps lists kith's fields that no standard property holds.
var kithProps = []kithProp{
	textProp("X-KITH-CATEGORY", func(c *kith.Contact) *string { return &c.Category }),
	{name: "X-KITH-STAGE", get: func(c *kith.Contact) string { return string(c.Stage) },
		set: func(c *kith.Contact, v string) error {
			c.Stage = kith.Stage(v) // salvage checks it
			return nil
		}},
	{name: "X-KITH-ADVOCACY", get: func(c *kith.Contact) string {
		if !c.AdvocacySet {
			return "" // derived from introductions: kith's to work out
		}
		return string(c.Advocacy)
	}, set: func(c *kith.Contact, v string) error {
		a, err := kith.ParseAdvocacy(v)
		c.Advocacy, c.AdvocacySet = a, err == nil
		return err
	}},
	textProp("X-KITH-MET-AT", func(c *kith.Contact) *string { return &c.MetAt }),
	textProp("X-KITH-TOPIC", func(c *kith.Contact) *string { return &c.Topic }),
	textProp("X-KITH-IDEA", func(c *kith.Contact) *string { return &c.Idea }),
	{name: "X-KITH-CADENCE", get: func(c *kith.Contact) string {
		if c.CadenceDays == nil {
			return ""
		}
		return strconv.Itoa(*c.CadenceDays)
	}, set: func(c *kith.Contact, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return kith.Errorf(kith.Invalid, "cadence %q is not a positive number of days", v)
		}
		c.CadenceDays = &n
		return nil
	}},
}

func textProp(name string, field func(c *kith.Contact) *string) kithProp {
	return kithProp{name: name, get: func(c *kith.Contact) string { return *field(c) },
		set: func(c *kith.Contact, v string) error {
			*field(c) = v
			return nil
		}}
}

// SyncCard writes c as the card kith keeps for it on a CardDAV server, in
// vCard version (3.0 or 4.0), named by uid, with REV the contact's last
// change.
func SyncCard(c kith.Contact, uid, version string) ([]byte, error) {
	card := contactCard(c, version)
	card.SetValue(vcard.FieldUID, uid)
	if !c.UpdatedAt.IsZero() {
		card.SetValue(vcard.FieldRevision, c.UpdatedAt.UTC().Format("20060102T150405Z"))
	}
	for _, p := range kithProps {
		if v := p.get(&c); v != "" {
			card.SetValue(p.name, v)
		}
	}
	var buf bytes.Buffer
	fw := &foldWriter{w: &buf}
	if err := encodeCard(vcard.NewEncoder(fw), card); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SyncedCard is a card read from a server: the person it holds (or why it
// holds none, in Skip), its UID and when it says it last changed.
type SyncedCard struct {
	Record
	UID string
	Rev time.Time // zero when the card has no REV kith can read
}

// ReadSyncCard reads one card as contact import does, with kith's own
// properties. name is how errors refer to it (the card's address).
func ReadSyncCard(data []byte, name string) (SyncedCard, error) {
	vr := newVCardReader(bufio.NewReader(bytes.NewReader(data)), name)
	vr.synced = true
	rec, err := vr.Next()
	if err == io.EOF {
		return SyncedCard{}, lineErrorf(name, 1, "no vCard in it")
	}
	if err != nil {
		return SyncedCard{}, err
	}
	out := SyncedCard{Record: rec}
	if vr.last != nil {
		out.UID = text(vr.last.Get(vcard.FieldUID))
		out.Rev = parseRev(text(vr.last.Get(vcard.FieldRevision)))
	}
	return out, nil
}

// readKithProps sets c's fields from the card's X-KITH-* properties; one
// kith cannot read is left out and noted.
func (vr *vcardReader) readKithProps(card vcard.Card, c *kith.Contact, d *drops) {
	for _, p := range kithProps {
		f := card.Get(p.name)
		if v := text(f); v != "" {
			if err := p.set(c, v); err != nil {
				key := strings.ToLower(strings.TrimPrefix(p.name, "X-KITH-"))
				d.add(vr.lines[f], key, "%s", message(err))
			}
		}
	}
}

// parseRev reads REV in the forms vCard writers use: basic or extended
// ISO 8601 timestamps.
func parseRev(s string) time.Time {
	for _, layout := range []string{"20060102T150405Z", time.RFC3339, "2006-01-02T15:04:05Z", "20060102T150405", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
