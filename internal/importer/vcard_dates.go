package importer

import (
	"fmt"
	"strings"

	"github.com/emersion/go-vcard"

	"github.com/kith-crm/kith/internal/kith"
)

// The properties that carry dates that matter besides the birthday.
// vCard 4.0 has ANNIVERSARY, the date of marriage or its equivalent, which
// kith labels "wedding"; vCard 3.0 writers (Evolution, Android) use
// X-ANNIVERSARY for it. Apple's and Google's address books keep any other
// labelled date as a grouped pair, item1.X-ABDATE and item1.X-ABLabel,
// which is also how kith writes its other labels.
const (
	xAnniversary = "X-ANNIVERSARY"
	xABDate      = "X-ABDATE"
	xABLabel     = "X-ABLABEL"
	// weddingLabel is the label of vCard's ANNIVERSARY.
	weddingLabel = "wedding"
)

// cardAnniversaries reads a card's dates that matter as kith's LABEL:DATE;
// a date it cannot read is dropped and noted at its line.
func (vr *vcardReader) cardAnniversaries(card vcard.Card, d *drops) []string {
	var out []string
	add := func(f *vcard.Field, label string) {
		if strings.EqualFold(f.Params.Get(vcard.ParamValue), "text") {
			return // "VALUE=text:circa 1800" is no date
		}
		day, err := parseBirthday(unescapeText(f.Value))
		if err == nil && day != "" {
			var a string
			if a, err = kith.ParseAnniversary(label + ":" + day); err == nil {
				out = append(out, a)
				return
			}
		}
		if err != nil {
			d.add(vr.lines[f], "anniversaries", "%s: %s", label, strings.TrimPrefix(message(err), "birthday "))
		}
	}
	for _, prop := range []string{vcard.FieldAnniversary, xAnniversary} {
		for _, f := range card[prop] {
			add(f, weddingLabel)
		}
	}
	for _, f := range card[xABDate] {
		add(f, appleLabel(card, f.Group))
	}
	return out
}

// appleLabel is the label of group's X-ABLabel: Apple writes its own
// labels as _$!<Anniversary>!$_, and the anniversary is vCard's wedding.
func appleLabel(card vcard.Card, group string) string {
	label := ""
	for _, l := range card[xABLabel] {
		if group != "" && strings.EqualFold(l.Group, group) {
			label = text(l)
		}
	}
	if inner, ok := strings.CutPrefix(label, "_$!<"); ok {
		label = strings.ToLower(strings.TrimSuffix(inner, ">!$_"))
	}
	switch label {
	case "":
		return "date"
	case "anniversary":
		return weddingLabel
	}
	return label
}

// addAnniversaries writes c's dates that matter to card: the wedding as
// ANNIVERSARY, every other label as a grouped X-ABDATE and X-ABLabel.
func addAnniversaries(card vcard.Card, c kith.Contact) {
	n := 0
	for _, a := range c.Anniversaries {
		label, day := kith.SplitAnniversary(a)
		if kith.Fold(label) == weddingLabel && card.Get(vcard.FieldAnniversary) == nil {
			card.SetValue(vcard.FieldAnniversary, day)
			continue
		}
		n++
		group := fmt.Sprintf("date%d", n)
		card.Add(xABDate, &vcard.Field{Value: day, Group: group})
		card.Add(xABLabel, &vcard.Field{Value: label, Group: group})
	}
}
