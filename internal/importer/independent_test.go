package importer

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
)

// debianPython returns a Python that can import module, installing the
// Debian package pkg with apt-get when it is missing (as make bench does
// for sqlite3); the test is skipped where neither is possible. Debian's
// own python3 is used, as apt-get installs modules for it alone.
func debianPython(t *testing.T, module, pkg string) string {
	t.Helper()
	const python = "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		t.Skipf("no %s: %v", python, err)
	}
	has := func() bool { return exec.Command(python, "-c", "import "+module).Run() == nil }
	if has() {
		return python
	}
	if _, err := exec.LookPath("apt-get"); err != nil || os.Geteuid() != 0 {
		t.Skipf("python3 module %s is missing and apt-get cannot install %s here", module, pkg)
	}
	install := exec.Command("apt-get", "install", "-y", "-qq", pkg)
	if out, err := install.CombinedOutput(); err != nil {
		t.Logf("apt-get install %s: %v\n%s", pkg, err, out)
		update := exec.Command("sh", "-c", "apt-get update -qq && apt-get install -y -qq "+pkg)
		if out, err := update.CombinedOutput(); err != nil {
			t.Skipf("cannot install %s: %v\n%s", pkg, err, out)
		}
	}
	if !has() {
		t.Skipf("%s installed but python3 cannot import %s", pkg, module)
	}
	return python
}

// parsedExports is what testdata/parse_exports.py read back.
type parsedExports struct {
	VCard []struct {
		Properties []string
		FN, TITLE  string
		NOTE, URL  string
		EMAIL      []string
		CATEGORIES []string
		ORG        []string
	}
	CSV  [][]string
	JSON []map[string]any
}

// TestExportsParsedByIndependentParsers writes contacts whose text tries to
// break out of its field in each format (line breaks of every kind, the
// format's own separators, a formula) and reads the files back with
// Python's vobject, csv and json: each value must come back as one value
// of its own property, and no property may be added.
func TestExportsParsedByIndependentParsers(t *testing.T) {
	python := debianPython(t, "vobject", "python3-vobject")
	hostile := []kith.Contact{
		{Name: "Eve\rEMAIL:evil@attacker.example", Emails: []string{"eve@example.com"}},
		{Name: "Mallory", Notes: "one\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Trudy\r\nEMAIL:t@attacker.example"},
		{Name: "Carol", Title: "CTO\nNOTE:injected", Company: `Acme; Inc, \ Ltd:x`, Tags: []string{"a,b", "\rURL:x"}},
		{Name: "=HYPERLINK(\"http://attacker.example\")", Notes: "\t=1+1", Title: "\r=1+1", Company: "@SUM(A1)"},
		{Name: "Ana\u2028Lima\u0085x\x0b\x0c\x1c", Notes: "\x00\x1b[31mred"},
	}
	dir := t.TempDir()
	files := map[Format]string{}
	for _, format := range []Format{VCard, CSV, JSON} {
		path := filepath.Join(dir, "out."+string(format))
		f, err := os.Create(path)
		require.NoError(t, err)
		w, err := NewWriter(f, format, false)
		require.NoError(t, err)
		for _, c := range hostile {
			require.NoError(t, w.Write(c))
		}
		require.NoError(t, w.Close())
		require.NoError(t, f.Close())
		files[format] = path
	}

	script := filepath.Join("testdata", "parse_exports.py")
	out, err := exec.Command(python, script, files[VCard], files[CSV], files[JSON]).Output()
	require.NoError(t, err, "%s", stderrOf(err))
	var got parsedExports
	require.NoError(t, json.Unmarshal(out, &got))

	require.Len(t, got.VCard, len(hostile), "one card per contact")
	require.Len(t, got.CSV, len(hostile)+1, "a header and one row per contact")
	require.Len(t, got.JSON, len(hostile), "one object per contact")
	for i, c := range hostile {
		card := got.VCard[i]
		assert.Equal(t, lineBreaks.Replace(c.Name), card.FN, "FN of card %d", i)
		assert.Equal(t, lineBreaks.Replace(c.Notes), card.NOTE, "NOTE of card %d", i)
		assert.Equal(t, lineBreaks.Replace(c.Title), card.TITLE, "TITLE of card %d", i)
		assert.Equal(t, c.Emails, nilIfEmpty(card.EMAIL), "EMAIL of card %d", i)
		assert.Equal(t, replaceAll(c.Tags), nilIfEmpty(card.CATEGORIES), "CATEGORIES of card %d", i)
		if c.Company != "" {
			assert.Equal(t, []string{c.Company}, card.ORG, "ORG of card %d", i)
		}
		for _, p := range card.Properties {
			assert.Contains(t, []string{"VERSION", "FN", "N", "EMAIL", "ORG", "TITLE", "CATEGORIES", "NOTE"}, p,
				"card %d has a property kith did not write", i)
		}

		row := got.CSV[i+1]
		require.Len(t, row, len(CSVColumns), "row %d", i+1)
		for col, want := range map[string]string{"name": c.Name, "notes": c.Notes, "title": c.Title, "company": c.Company} {
			cell := row[columnIndex(col)]
			assert.Equal(t, Neutralize(want), cell, "%s of row %d", col, i+1)
			if want != "" && looksLikeFormula(want) {
				assert.Equal(t, byte('\''), cell[0], "%s of row %d starts a formula", col, i+1)
			}
		}

		assert.Equal(t, c.Name, got.JSON[i]["name"])
		assert.Equal(t, c.Notes, got.JSON[i]["notes"])
	}
}

func columnIndex(name string) int {
	for i, c := range CSVColumns {
		if c == name {
			return i
		}
	}
	panic("no CSV column " + name)
}

func replaceAll(vs []string) []string {
	var out []string
	for _, v := range vs {
		out = append(out, lineBreaks.Replace(v))
	}
	return out
}

// stderrOf is what a failed command printed on stderr.
func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
