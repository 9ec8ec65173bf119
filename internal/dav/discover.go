package dav

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/emersion/go-webdav"

	"github.com/kith-crm/kith/internal/kith"
)

// Collection is an address book or a calendar on the server.
type Collection struct {
	Path string
	Name string // its display name, "" when it has none
	// VCard is the newest vCard version an address book takes ("4.0" or
	// "3.0"); Components are the iCalendar components a calendar takes
	// (VEVENT, VTODO), nil when it does not say.
	VCard      string
	Components []string
}

// Takes reports whether a calendar takes component (VTODO, VEVENT).
func (c Collection) Takes(component string) bool {
	return len(c.Components) == 0 || slices.ContainsFunc(c.Components, func(s string) bool { return strings.EqualFold(s, component) })
}

// Principal finds the user's principal: from the address given, else
// from the server's /.well-known/carddav (RFC 6764), which is where a
// user who typed only the server's name is sent.
func (c *Client) Principal(ctx context.Context) (string, error) {
	p, err := c.wd.FindCurrentUserPrincipal(ctx)
	if err == nil && p != "" {
		return p, nil
	}
	if IsStatus(err, http.StatusUnauthorized) {
		return "", c.Explain("find your account", err)
	}
	if loc, werr := c.wellKnown(ctx, "carddav"); werr == nil && loc != "" {
		wd, nerr := webdav.NewClient(c.http, c.resolve(loc))
		if nerr == nil {
			if p, werr = wd.FindCurrentUserPrincipal(ctx); werr == nil && p != "" {
				return p, nil
			}
		}
	}
	if err == nil || isNotDAV(err) {
		return "", kith.Errorf(kith.Invalid, "%s is not a CardDAV server: it names no account (current-user-principal) at %s", c.base.Host, c.base.Path).
			WithHint("check sync.url: your provider's help gives the CardDAV address (see kith sync --help)")
	}
	return "", c.Explain("find your account", err)
}

// isNotDAV reports whether err says the address is no WebDAV server: a
// page that is not there, a method it does not know, or an answer that
// is not WebDAV's XML.
func isNotDAV(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code == http.StatusNotFound || se.Code == http.StatusMethodNotAllowed || se.Code == http.StatusNotImplemented || se.Code == http.StatusBadRequest
	}
	s := err.Error()
	return strings.Contains(s, "XML") || strings.Contains(s, "xml") || strings.Contains(s, "multi-status") || strings.Contains(s, "missing")
}

// wellKnown asks /.well-known/NAME where the service is, without
// following the redirect (a redirected PROPFIND would become a GET).
func (c *Client) wellKnown(ctx context.Context, name string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.resolve("/.well-known/"+name), nil)
	if err != nil {
		return "", err
	}
	hc := *c.http
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Path == "" {
		return "", err
	}
	return loc.Path, nil
}

// AddressBook finds the address book to sync: the one whose path or
// display name is want, or, with want empty, the only one (or the one
// named like a default when there are several).
func (c *Client) AddressBook(ctx context.Context, principal, want string) (Collection, error) {
	home, err := c.card.FindAddressBookHomeSet(ctx, principal)
	if err != nil {
		return Collection{}, c.Explain("find your address books", err)
	}
	books, err := c.card.FindAddressBooks(ctx, home)
	if err != nil {
		return Collection{}, c.Explain("list your address books", err)
	}
	var all []Collection
	for _, b := range books {
		v := "3.0"
		if b.SupportsAddressData("text/vcard", "4.0") && len(b.SupportedAddressData) > 0 {
			v = "4.0"
		}
		all = append(all, Collection{Path: b.Path, Name: b.Name, VCard: v})
	}
	return c.pick(all, want, "address book", "sync.addressbook")
}

// Calendar finds the calendar to sync, as AddressBook does.
func (c *Client) Calendar(ctx context.Context, principal, want string) (Collection, error) {
	home, err := c.cal.FindCalendarHomeSet(ctx, principal)
	if err != nil {
		return Collection{}, c.Explain("find your calendars", err)
	}
	cals, err := c.cal.FindCalendars(ctx, home)
	if err != nil {
		return Collection{}, c.Explain("list your calendars", err)
	}
	var all []Collection
	for _, cal := range cals {
		all = append(all, Collection{Path: cal.Path, Name: cal.Name, Components: cal.SupportedComponentSet})
	}
	return c.pick(all, want, "calendar", "sync.calendar")
}

// defaultNames are the names servers give the collection they make for
// a new account.
var defaultNames = []string{"contacts", "default", "personal", "card", "calendar"}

// pick chooses among the collections found.
func (c *Client) pick(all []Collection, want, kind, key string) (Collection, error) {
	names := make([]string, len(all))
	for i, col := range all {
		names[i] = col.label()
	}
	if want != "" {
		for _, col := range all {
			if col.Path == want || strings.Trim(col.Path, "/") == strings.Trim(want, "/") ||
				kith.Fold(col.Name) == kith.Fold(want) || kith.Fold(lastSegment(col.Path)) == kith.Fold(want) {
				return col, nil
			}
		}
		return Collection{}, kith.Errorf(kith.NotFound, "%s has no %s %q", c.base.Host, kind, want).
			WithHint("set %s to one of: %s", key, listOrNone(names))
	}
	switch len(all) {
	case 0:
		return Collection{}, kith.Errorf(kith.NotFound, "%s has no %s for this account", c.base.Host, kind).
			WithHint("make one in the server's web page or app, then run kith sync again")
	case 1:
		return all[0], nil
	}
	for _, d := range defaultNames {
		for _, col := range all {
			if kith.Fold(lastSegment(col.Path)) == d || kith.Fold(col.Name) == d {
				return col, nil
			}
		}
	}
	return Collection{}, kith.Errorf(kith.Ambiguous, "%s has %d %ss; kith does not know which to sync", c.base.Host, len(all), kind).
		WithHint("set %s to one of: %s", key, strings.Join(names, ", "))
}

// label names a collection for a message: its display name and path.
func (col Collection) label() string {
	if col.Name == "" {
		return col.Path
	}
	return col.Name + " (" + col.Path + ")"
}

func lastSegment(p string) string {
	p = strings.Trim(p, "/")
	return p[strings.LastIndex(p, "/")+1:]
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "(none: make one in the server's web page or app)"
	}
	return strings.Join(names, ", ")
}
