// Package davtest runs a real CardDAV and CalDAV server, Radicale, for
// kith's sync tests and benchmark: on 127.0.0.1, a free port, a storage
// folder of its own, and plain htpasswd users. It also plays the phone: a
// third client that writes raw vCards through the server.
package davtest

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// User and Password are the account every server started here has.
const (
	User     = "ana"
	Password = "s3cret pass"
)

// Server is one running Radicale.
type Server struct {
	URL string // http://127.0.0.1:PORT/
	dir string
}

var installOnce sync.Once

// Require makes sure Radicale is installed, installing Debian's package
// with apt-get when it is missing and this runs as root (as CI does); it
// returns why it cannot otherwise.
func Require() error {
	if _, err := exec.LookPath("radicale"); err == nil {
		return nil
	}
	var err error
	installOnce.Do(func() {
		if _, lerr := exec.LookPath("apt-get"); lerr != nil || os.Geteuid() != 0 {
			err = fmt.Errorf("radicale is not installed, and apt-get as root is not at hand to install it")
			return
		}
		install := func() ([]byte, error) {
			return exec.Command("apt-get", "install", "-y", "-qq", "radicale").CombinedOutput()
		}
		if _, ierr := install(); ierr != nil {
			_ = exec.Command("apt-get", "update", "-qq").Run()
			if out, ierr := install(); ierr != nil {
				err = fmt.Errorf("apt-get install radicale: %v: %s", ierr, out)
			}
		}
	})
	if err != nil {
		return err
	}
	_, err = exec.LookPath("radicale")
	return err
}

// Start starts a Radicale for the test, stopped when it ends; the test is
// skipped when Radicale cannot be installed.
func Start(t testing.TB) *Server {
	t.Helper()
	if err := Require(); err != nil {
		t.Skip(err)
	}
	s, stop, err := Launch(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return s
}

// Launch starts a Radicale keeping its files in dir (made when missing),
// and returns it with the function that stops it.
func Launch(dir string) (*Server, func(), error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, nil, err
	}
	users := filepath.Join(dir, "users")
	if err := os.WriteFile(users, []byte(User+":"+Password+"\n"), 0o600); err != nil {
		return nil, nil, err
	}
	config := fmt.Sprintf(`[server]
hosts = 127.0.0.1:%d
[auth]
type = htpasswd
htpasswd_filename = %s
htpasswd_encryption = plain
[storage]
filesystem_folder = %s
[rights]
type = owner_only
[logging]
level = warning
`, port, users, filepath.Join(dir, "collections"))
	cfgPath := filepath.Join(dir, "config")
	if err := os.WriteFile(cfgPath, []byte(config), 0o600); err != nil {
		return nil, nil, err
	}
	logFile, err := os.Create(filepath.Join(dir, "radicale.log"))
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command("radicale", "--config", cfgPath)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, nil, err
	}
	stop := func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		logFile.Close()
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			conn.Close()
			break
		}
		if time.Now().After(deadline) {
			stop()
			log, _ := os.ReadFile(logFile.Name())
			return nil, nil, fmt.Errorf("radicale did not start on %s: %s", addr, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return &Server{URL: "http://" + addr + "/", dir: dir}, stop, nil
}

// freePort asks the system for a port no one listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Do sends one raw request as the user, as a phone's address book app
// would, and returns the status and body.
func (s *Server) Do(method, path, contentType string, body []byte, header ...string) (int, string, http.Header, error) {
	req, err := http.NewRequest(method, strings.TrimSuffix(s.URL, "/")+path, bytes.NewReader(body))
	if err != nil {
		return 0, "", nil, err
	}
	req.SetBasicAuth(User, Password)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header, err
}

// Collection is the path of the user's collection named name.
func Collection(name string) string { return "/" + User + "/" + name + "/" }

// MakeCollection makes the user's address book (or calendar) named name.
func (s *Server) MakeCollection(name string, calendar bool) error {
	kind, ns := `<C:addressbook/>`, "urn:ietf:params:xml:ns:carddav"
	extra := ""
	if calendar {
		kind, ns = `<C:calendar/>`, "urn:ietf:params:xml:ns:caldav"
		extra = `<C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set>`
	}
	body := `<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" xmlns:C="` + ns + `"><D:set><D:prop>` +
		`<D:resourcetype><D:collection/>` + kind + `</D:resourcetype><D:displayname>` + name + `</D:displayname>` + extra +
		`</D:prop></D:set></D:mkcol>`
	code, out, _, err := s.Do("MKCOL", Collection(name), "application/xml", []byte(body))
	if err == nil && code/100 != 2 {
		err = fmt.Errorf("MKCOL %s: %d %s", name, code, out)
	}
	return err
}

// Put writes a raw resource (a card, as the phone does) and returns its
// ETag.
func (s *Server) Put(path, contentType, data string) (string, error) {
	code, out, h, err := s.Do(http.MethodPut, path, contentType, []byte(data))
	if err == nil && code/100 != 2 {
		err = fmt.Errorf("PUT %s: %d %s", path, code, out)
	}
	return h.Get("ETag"), err
}

// Get reads a raw resource; "" when it is not there.
func (s *Server) Get(path string) (string, error) {
	code, out, _, err := s.Do(http.MethodGet, path, "", nil)
	if code == http.StatusNotFound {
		return "", err
	}
	if err == nil && code/100 != 2 {
		err = fmt.Errorf("GET %s: %d %s", path, code, out)
	}
	return out, err
}

// Delete removes a raw resource.
func (s *Server) Delete(path string) error {
	code, out, _, err := s.Do(http.MethodDelete, path, "", nil)
	if err == nil && code/100 != 2 {
		err = fmt.Errorf("DELETE %s: %d %s", path, code, out)
	}
	return err
}

// List names the resources in a collection (their paths), by PROPFIND.
func (s *Server) List(coll string) ([]string, error) {
	code, out, _, err := s.Do("PROPFIND", coll, "application/xml",
		[]byte(`<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>`), "Depth", "1")
	if err != nil {
		return nil, err
	}
	if code != http.StatusMultiStatus {
		return nil, fmt.Errorf("PROPFIND %s: %d %s", coll, code, out)
	}
	var paths []string
	for _, part := range strings.Split(out, "<href>")[1:] {
		p, _, _ := strings.Cut(part, "</href>")
		if p != coll {
			paths = append(paths, p)
		}
	}
	return paths, nil
}

// StartBook starts a Radicale whose user has an address book, contacts.
func StartBook(t testing.TB) *Server {
	t.Helper()
	s := Start(t)
	if err := s.MakeCollection("contacts", false); err != nil {
		t.Fatal(err)
	}
	return s
}

// Config is a kith config file whose sync section is the server's account
// (the password from a command).
func (s *Server) Config() string {
	return "sync:\n  url: " + s.URL + "\n  username: " + User + "\n  password_cmd: echo '" + Password + "'\n"
}

// WriteConfig writes the server's Config in dir and returns its path.
func WriteConfig(t testing.TB, dir string, s *Server) string {
	t.Helper()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(s.Config()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
