// Package dav is kith's client of CardDAV and CalDAV servers (Nextcloud,
// iCloud, Fastmail, Radicale, Baïkal): it finds a user's address book and
// calendar from the server's address, lists what changed since a sync
// token, fetches and writes cards and calendar objects, and counts its
// requests. It wraps github.com/emersion/go-webdav and adds what that
// client lacks: conditional writes (If-Match, If-None-Match), multiget of
// the raw text (kith reads cards with its own vCard reader), and errors a
// user can act on.
package dav

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/emersion/go-webdav"
	"github.com/emersion/go-webdav/caldav"
	"github.com/emersion/go-webdav/carddav"

	"github.com/kith-crm/kith/internal/kith"
)

// Account is how to reach a server: its address and the user's
// credentials.
type Account struct {
	URL      string
	Username string
	Password string
	// Timeout bounds each request; zero means DefaultTimeout.
	Timeout time.Duration
}

// DefaultTimeout is how long one request may take before the sync gives
// up: a server that has not answered in this time is treated as gone.
const DefaultTimeout = 30 * time.Second

// Client talks to one server. It is not safe for concurrent use.
type Client struct {
	base     *url.URL
	http     *http.Client
	wd       *webdav.Client
	card     *carddav.Client
	cal      *caldav.Client
	requests atomic.Int64
	timeout  time.Duration
}

// New checks the account's address and makes a client for it; it sends
// nothing yet.
func New(a Account) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(a.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, kith.Errorf(kith.Invalid, "sync.url %q is not a web address", a.URL).
			WithHint("write the server's address, such as https://dav.example.com/")
	}
	if u.Path == "" {
		u.Path = "/"
	}
	c := &Client{base: u, timeout: a.Timeout}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	c.http = &http.Client{Timeout: c.timeout, Transport: &transport{c: c, user: a.Username, password: a.Password}}
	endpoint := u.String()
	if c.wd, err = webdav.NewClient(c.http, endpoint); err != nil {
		return nil, err
	}
	if c.card, err = carddav.NewClient(c.http, endpoint); err != nil {
		return nil, err
	}
	if c.cal, err = caldav.NewClient(c.http, endpoint); err != nil {
		return nil, err
	}
	return c, nil
}

// Requests is how many HTTP requests the client has sent.
func (c *Client) Requests() int { return int(c.requests.Load()) }

// Host is the server's host, for messages.
func (c *Client) Host() string { return c.base.Host }

// resolve makes an absolute URL of a path on the server.
func (c *Client) resolve(path string) string {
	u := *c.base
	u.Path, u.RawPath = path, ""
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// transport counts requests, adds basic authentication and the
// conditions a write carries in its context, and turns every answer that
// is not a success into a StatusError, so go-webdav's callers see one
// error type whatever the request.
type transport struct {
	c              *Client
	user, password string
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.c.requests.Add(1)
	req = req.Clone(req.Context())
	if t.user != "" || t.password != "" {
		req.SetBasicAuth(t.user, t.password)
	}
	if cond, ok := req.Context().Value(conditionKey{}).(condition); ok {
		cond.apply(req.Header)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 400 {
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		return nil, &StatusError{Code: resp.StatusCode, Method: req.Method, Path: req.URL.Path, Body: string(body)}
	}
	return resp, nil
}

// StatusError is a request the server refused or failed.
type StatusError struct {
	Code   int
	Method string
	Path   string
	Body   string // the start of the server's answer
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s %s: HTTP %d %s", e.Method, e.Path, e.Code, http.StatusText(e.Code))
}

// ErrChanged is a conditional write refused because the resource changed
// on the server since kith read it (HTTP 412).
var ErrChanged = errors.New("changed on the server since it was read")

// IsStatus reports whether err is the server answering code.
func IsStatus(err error, code int) bool {
	var se *StatusError
	return errors.As(err, &se) && se.Code == code
}

// Explain turns a failure to talk to the server into one line a user can
// act on; what says what kith was doing ("find the address book").
func (c *Client) Explain(what string, err error) error {
	var ke *kith.Error
	if err == nil || errors.As(err, &ke) || errors.Is(err, context.Canceled) {
		return err
	}
	host := c.base.Host
	var se *StatusError
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.As(err, &se) && se.Code == http.StatusUnauthorized:
		return kith.Errorf(kith.Invalid, "%s refused the username and password (HTTP 401)", host).
			WithHint("check sync.username and the password sync.password_cmd prints (or KITH_SYNC_PASSWORD)").Wrap(err)
	case errors.As(err, &se) && se.Code == http.StatusPreconditionFailed:
		return kith.Errorf(kith.Conflict, "%s changed %s while kith was syncing; nothing was changed in kith", host, se.Path).
			WithHint("run kith sync again: it reads the new version first").Wrap(err)
	case errors.As(err, &se):
		return kith.Errorf(kith.Invalid, "cannot %s on %s: the server answered %s %s with HTTP %d %s; nothing was changed in kith",
			what, host, se.Method, se.Path, se.Code, http.StatusText(se.Code)).
			WithHint("check sync.url; run kith sync again once the server works").Wrap(err)
	case errors.As(err, &dns):
		return kith.Errorf(kith.Invalid, "cannot find the server %s: %s", host, dns.Err).
			WithHint("check sync.url and the network").Wrap(err)
	case errors.As(err, &ne) && ne.Timeout():
		return kith.Errorf(kith.Invalid, "%s did not answer within %s (while trying to %s); nothing was changed in kith", host, c.timeout, what).
			WithHint("try again later, or check sync.url").Wrap(err)
	case isRefused(err):
		return kith.Errorf(kith.Invalid, "cannot reach %s: the connection was refused; nothing was changed in kith", host).
			WithHint("check sync.url (its port) and that the server runs").Wrap(err)
	}
	return kith.Errorf(kith.Invalid, "cannot %s on %s: %v; nothing was changed in kith", what, host, err).
		WithHint("check sync.url; run kith sync again once the server works").Wrap(err)
}

// isRefused reports whether err is a connection refused or reset.
func isRefused(err error) bool {
	var op *net.OpError
	if !errors.As(err, &op) {
		return false
	}
	s := op.Err.Error()
	return strings.Contains(s, "refused") || strings.Contains(s, "reset") || op.Op == "dial"
}

// conditionKey carries a write's condition in its context to transport.
type conditionKey struct{}

// condition is an If-Match or If-None-Match header.
type condition struct{ ifMatch, ifNoneMatch string }

func (c condition) apply(h http.Header) {
	if c.ifMatch != "" {
		h.Set("If-Match", c.ifMatch)
	}
	if c.ifNoneMatch != "" {
		h.Set("If-None-Match", c.ifNoneMatch)
	}
}

// quoteETag writes an ETag as HTTP wants it, quoted, whichever way the
// server gave it.
func quoteETag(etag string) string {
	if strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, `W/"`) {
		return etag
	}
	return `"` + etag + `"`
}

// unquoteETag is an ETag without its quotes, the form go-webdav returns.
func unquoteETag(etag string) string {
	etag = strings.TrimPrefix(strings.TrimSpace(etag), "W/")
	return strings.Trim(etag, `"`)
}
