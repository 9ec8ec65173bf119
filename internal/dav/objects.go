package dav

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/emersion/go-webdav/carddav"
)

// Ref is a resource in a collection as a listing names it.
type Ref struct {
	Path string
	ETag string
}

// Changes is what changed in a collection since a sync token.
type Changes struct {
	// Token is the token to ask with next time ("" when the server has
	// none: each sync then lists the whole collection).
	Token string
	// Full is true when Updated is the whole collection, not changes: a
	// first sync, or a token the server no longer knows. A resource kith
	// knows that is not listed is then gone.
	Full    bool
	Updated []Ref
	Deleted []string
}

// Changes lists what changed in the address book at path since token
// (RFC 6578's sync-collection), or everything in it when token is "" or
// the server has forgotten it.
func (c *Client) Changes(ctx context.Context, path, token string) (Changes, error) {
	resp, err := c.card.SyncCollection(ctx, path, &carddav.SyncQuery{SyncToken: token})
	if err != nil && token != "" && isStaleToken(err) {
		token = ""
		resp, err = c.card.SyncCollection(ctx, path, &carddav.SyncQuery{})
	}
	if err != nil {
		if token == "" && isNotDAV(err) || IsStatus(err, http.StatusForbidden) {
			return c.listAll(ctx, path) // a server without sync-collection
		}
		return Changes{}, c.Explain("list the address book's changes", err)
	}
	ch := Changes{Token: resp.SyncToken, Full: token == "", Deleted: resp.Deleted}
	for _, o := range resp.Updated {
		ch.Updated = append(ch.Updated, Ref{Path: o.Path, ETag: unquoteETag(o.ETag)})
	}
	return ch, nil
}

// isStaleToken reports whether the server refused a sync token (RFC 6578
// says 403 with valid-sync-token; some servers answer 400, 409 or 412).
func isStaleToken(err error) bool {
	for _, code := range []int{http.StatusForbidden, http.StatusBadRequest, http.StatusConflict, http.StatusPreconditionFailed} {
		if IsStatus(err, code) {
			return true
		}
	}
	return false
}

// listAll lists every resource in the collection at path with its ETag.
func (c *Client) listAll(ctx context.Context, path string) (Changes, error) {
	infos, err := c.wd.ReadDir(ctx, path, false)
	if err != nil {
		return Changes{}, c.Explain("list the collection "+path, err)
	}
	ch := Changes{Full: true}
	for _, fi := range infos {
		if fi.IsDir {
			continue
		}
		ch.Updated = append(ch.Updated, Ref{Path: fi.Path, ETag: unquoteETag(fi.ETag)})
	}
	return ch, nil
}

// List lists every resource in the collection at path (a calendar) with
// its ETag: one request.
func (c *Client) List(ctx context.Context, path string) ([]Ref, error) {
	ch, err := c.listAll(ctx, path)
	return ch.Updated, err
}

// Object is one resource as fetched: its text, or why it could not be.
type Object struct {
	Path    string
	ETag    string
	ModTime time.Time
	Data    []byte
	Missing bool // gone since it was listed
}

// fetchBatch is how many resources one multiget asks for: a few requests
// for a thousand cards, and a bounded answer even with photos.
const fetchBatch = 100

// Fetch reads the resources at paths in the collection at coll, a batch
// per request (RFC 6352's addressbook-multiget, RFC 4791's
// calendar-multiget), as raw text.
func (c *Client) Fetch(ctx context.Context, coll string, paths []string, calendar bool) ([]Object, error) {
	var out []Object
	for len(paths) > 0 {
		n := min(len(paths), fetchBatch)
		objs, err := c.multiget(ctx, coll, paths[:n], calendar)
		if err != nil {
			return nil, c.Explain("read "+coll, err)
		}
		out = append(out, objs...)
		paths = paths[n:]
	}
	return out, nil
}

const (
	nsDAV     = "DAV:"
	nsCardDAV = "urn:ietf:params:xml:ns:carddav"
	nsCalDAV  = "urn:ietf:params:xml:ns:caldav"
)

// multiget asks for one batch.
func (c *Client) multiget(ctx context.Context, coll string, paths []string, calendar bool) ([]Object, error) {
	root, ns, data := "addressbook-multiget", nsCardDAV, "address-data"
	if calendar {
		root, ns, data = "calendar-multiget", nsCalDAV, "calendar-data"
	}
	var body bytes.Buffer
	body.WriteString(xml.Header)
	body.WriteString(`<x:` + root + ` xmlns:d="DAV:" xmlns:x="` + ns + `"><d:prop><d:getetag/><d:getlastmodified/><x:` + data + `/></d:prop>`)
	for _, p := range paths {
		body.WriteString("<d:href>")
		xml.EscapeText(&body, []byte((&url.URL{Path: p}).EscapedPath()))
		body.WriteString("</d:href>")
	}
	body.WriteString(`</x:` + root + `>`)
	req, err := http.NewRequestWithContext(ctx, "REPORT", c.resolve(coll), &body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", `application/xml; charset="utf-8"`)
	req.Header.Set("Depth", "1")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var ms multistatus
	if err := xml.NewDecoder(resp.Body).Decode(&ms); err != nil {
		return nil, err
	}
	var out []Object
	for _, r := range ms.Responses {
		o := Object{Path: hrefPath(r.Href)}
		found := false
		for _, ps := range r.Propstats {
			if !okStatus(ps.Status) {
				continue
			}
			found = true
			o.ETag = unquoteETag(ps.Prop.ETag)
			o.ModTime, _ = http.ParseTime(strings.TrimSpace(ps.Prop.LastModified))
			o.Data = []byte(firstNonEmpty(ps.Prop.AddressData, ps.Prop.CalendarData))
		}
		o.Missing = !found || r.Status != "" && !okStatus(r.Status)
		out = append(out, o)
	}
	return out, nil
}

type multistatus struct {
	Responses []msResponse `xml:"DAV: response"`
}

type msResponse struct {
	Href      string       `xml:"DAV: href"`
	Status    string       `xml:"DAV: status"`
	Propstats []msPropstat `xml:"DAV: propstat"`
}

type msPropstat struct {
	Status string `xml:"DAV: status"`
	Prop   struct {
		ETag         string `xml:"DAV: getetag"`
		LastModified string `xml:"DAV: getlastmodified"`
		AddressData  string `xml:"urn:ietf:params:xml:ns:carddav address-data"`
		CalendarData string `xml:"urn:ietf:params:xml:ns:caldav calendar-data"`
	} `xml:"DAV: prop"`
}

// okStatus reports whether an HTTP status line says 2xx.
func okStatus(line string) bool {
	f := strings.Fields(line)
	return len(f) >= 2 && strings.HasPrefix(f[1], "2")
}

// hrefPath is the path an href names, decoded as go-webdav decodes it.
func hrefPath(href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return href
	}
	return u.Path
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Put writes data (contentType, e.g. text/vcard) at path. etag is the
// version kith read, which the write must replace (If-Match); "" makes
// it a new resource that must not exist yet (If-None-Match: *). A
// resource changed meanwhile is ErrChanged. It returns the new ETag, ""
// when the server does not say.
func (c *Client) Put(ctx context.Context, path, contentType string, data []byte, etag string) (string, error) {
	cond := condition{ifNoneMatch: "*"}
	if etag != "" {
		cond = condition{ifMatch: quoteETag(etag)}
	}
	req, err := http.NewRequestWithContext(context.WithValue(ctx, conditionKey{}, cond), http.MethodPut, c.resolve(path), bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", contentType+"; charset=utf-8")
	resp, err := c.http.Do(req)
	if err != nil {
		return "", c.Explain("write "+path, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return unquoteETag(resp.Header.Get("ETag")), nil
}

// Delete removes the resource at path if it is still the version etag.
// One already gone is no error.
func (c *Client) Delete(ctx context.Context, path, etag string) error {
	req, err := http.NewRequestWithContext(context.WithValue(ctx, conditionKey{}, condition{ifMatch: quoteETag(etag)}), http.MethodDelete, c.resolve(path), nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if IsStatus(err, http.StatusNotFound) {
		return nil
	}
	if err != nil {
		return c.Explain("remove "+path, err)
	}
	resp.Body.Close()
	return nil
}
