package proof

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

const modulePath = "github.com/kith-crm/kith"

// sqlAllowed lists the only non-constant pieces SQL may be built from, as
// "function: expression" (function names without the module's
// internal/ prefix). Each is a value from a fixed list in code, never from
// input; every entry must still be in use, so the list cannot go stale.
// Values always go in as ? parameters; a new entry needs a reason here.
var sqlAllowed = map[string]string{
	// the embedded migration files, compiled into the binary (applied on
	// upgrade, some run again after a restore)
	"(store.migration).statements: string(body)": "embedded migrations",
	// multi-row INSERT heads from the fixed table list in store/import.go;
	// every row value is a ? placeholder
	"(*store.Importer).insertStmt: t.head": "fixed INSERT heads",
	// nothing but ? placeholders, counted
	`store.placeholders: strings.Repeat("?, ", cols-1)`:      "placeholders only",
	`store.placeholders: strings.Repeat(", "+group, rows-1)`: "placeholders only",
	// whole-database export and import: table and column names read from
	// sqlite_master and pragma_table_info (a file's columns are checked
	// against them first), quoted as identifiers
	"store.quoteIdent: strings.ReplaceAll(name, `\"`, `\"\"`)": "schema identifiers, quoted",
	"(*store.Tx).prepareRestore: make([]string, len(cols))":    "schema column names, quoted",
	// the journal's triggers, made from the schema's table and column
	// names (DDL takes no parameters), quoted as SQL strings
	`store.quoteString: strings.ReplaceAll(s, "'", "''")`: "schema names, quoted as strings",
	// a large import (its match indexes, the triggers that index contacts)
	// and a large undo (a table's indexes, the search index's triggers)
	// drop them while they write and make them again from their CREATE
	// statements as sqlite_master keeps them
	"(*store.Tx).makeDefs: d.sql": "index and trigger definitions from sqlite_master",
}

// sqlPackages are where SQL-running functions live: a string parameter
// named "query" of a function or method from one of them is a sink.
func isSQLPackage(path string) bool {
	return path == "database/sql" || path == modulePath+"/internal/store"
}

// TestSQLIsNeverBuiltFromData fails when a query passed to Exec, Query,
// QueryRow, Prepare (or their Context forms, or any store function taking
// a "query") is built by concatenating or formatting anything but
// constants, numbers, and the pieces in sqlAllowed. Variables and
// parameters are followed to every assignment and every caller.
func TestSQLIsNeverBuiltFromData(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:  "../..",
	}, "./...")
	require.NoError(t, err)
	packages.PrintErrors(pkgs)
	v := newSQLVet(pkgs)
	require.NotEmpty(t, v.sinks, "the check found no SQL calls: it is looking in the wrong place")
	for _, s := range v.sinks {
		v.check(s.arg, s.fn, "")
	}
	sort.Strings(v.problems)
	for _, p := range v.problems {
		t.Error(p)
	}
	if len(v.problems) > 0 {
		t.Log("pass values as ? parameters; a piece from a fixed list in code goes in sqlAllowed (internal/proof/sqlvet_test.go) with the reason")
	}
	for key := range sqlAllowed {
		if !v.used[key] {
			t.Errorf("sqlAllowed entry %q matches nothing any more: remove it", key)
		}
	}
}

// fnCtx is the top-level function a piece of code sits in.
type fnCtx struct {
	pkg  *packages.Package
	decl *ast.FuncDecl
	obj  *types.Func
}

func (f fnCtx) name() string {
	if f.obj == nil {
		return f.pkg.Name
	}
	return strings.ReplaceAll(f.obj.FullName(), modulePath+"/internal/", "")
}

type sqlSink struct {
	arg ast.Expr
	fn  fnCtx
}

type callSite struct {
	call *ast.CallExpr
	fn   fnCtx
}

type sqlVet struct {
	sinks   []sqlSink
	callers map[*types.Func][]callSite
	decls   map[*types.Func]fnCtx
	visited map[types.Object]bool
	// visitedResult marks "function#result" already checked
	visitedResult map[string]bool
	used          map[string]bool
	problems      []string
}

func newSQLVet(pkgs []*packages.Package) *sqlVet {
	v := &sqlVet{
		callers:       map[*types.Func][]callSite{},
		decls:         map[*types.Func]fnCtx{},
		visited:       map[types.Object]bool{},
		visitedResult: map[string]bool{},
		used:          map[string]bool{},
	}
	for _, pkg := range pkgs {
		for _, file := range pkg.Syntax {
			for _, d := range file.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				obj, _ := pkg.TypesInfo.Defs[fd.Name].(*types.Func)
				fn := fnCtx{pkg: pkg, decl: fd, obj: obj}
				if obj != nil {
					v.decls[obj] = fn
				}
				ast.Inspect(fd, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					callee := typeutil.StaticCallee(pkg.TypesInfo, call)
					if callee == nil {
						return true
					}
					v.callers[callee] = append(v.callers[callee], callSite{call, fn})
					if i := queryParam(callee); i >= 0 && i < len(call.Args) {
						v.sinks = append(v.sinks, sqlSink{call.Args[i], fn})
					}
					return true
				})
			}
		}
	}
	return v
}

// queryParam is the index of f's "query" string parameter when f runs SQL.
func queryParam(f *types.Func) int {
	if f.Pkg() == nil || !isSQLPackage(f.Pkg().Path()) {
		return -1
	}
	params := f.Type().(*types.Signature).Params()
	for i := 0; i < params.Len(); i++ {
		p := params.At(i)
		if p.Name() == "query" && types.Identical(p.Type(), types.Typ[types.String]) {
			return i
		}
	}
	return -1
}

func (v *sqlVet) report(fn fnCtx, e ast.Expr, via, why string) {
	pos := fn.pkg.Fset.Position(e.Pos())
	msg := fmt.Sprintf("%s:%d: SQL is built from %s in %s: %s", shortPath(pos.Filename), pos.Line, exprString(fn.pkg.Fset, e), fn.name(), why)
	if via != "" {
		msg += " (reaching the query through " + via + ")"
	}
	v.problems = append(v.problems, msg)
}

func shortPath(p string) string {
	if i := strings.Index(p, "/internal/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	var b bytes.Buffer
	format.Node(&b, fset, e)
	return b.String()
}

// check accepts e when it can only ever hold constant SQL.
func (v *sqlVet) check(e ast.Expr, fn fnCtx, via string) {
	info := fn.pkg.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return
	}
	key := fn.name() + ": " + exprString(fn.pkg.Fset, e)
	if _, ok := sqlAllowed[key]; ok {
		v.used[key] = true
		return
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		v.check(e.X, fn, via)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			v.report(fn, e, via, "not a concatenation of checked pieces")
			return
		}
		v.check(e.X, fn, via)
		v.check(e.Y, fn, via)
	case *ast.CallExpr:
		v.checkCall(e, fn, via)
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			v.check(elt, fn, via)
		}
	case *ast.Ident:
		v.checkIdent(e, fn, via)
	default:
		v.report(fn, e, via, "not a constant")
	}
}

// checkCall accepts fmt.Sprintf with a checked format and arguments that
// are checked strings or numbers (a number cannot carry SQL), append and
// strings.Join of checked pieces (conditions collected in a slice), and a
// call to a function of the module whose every return value is checked.
func (v *sqlVet) checkCall(call *ast.CallExpr, fn fnCtx, via string) {
	info := fn.pkg.TypesInfo
	if id, ok := call.Fun.(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "append" {
			for _, a := range call.Args {
				v.check(a, fn, via)
			}
			return
		}
	}
	callee := typeutil.StaticCallee(info, call)
	switch {
	case callee == nil:
		v.report(fn, call, via, "the result of a call the check cannot see into")
	case callee.FullName() == "fmt.Sprintf" && !call.Ellipsis.IsValid():
		for _, a := range call.Args {
			if b, ok := info.TypeOf(a).Underlying().(*types.Basic); ok && b.Info()&(types.IsInteger|types.IsFloat|types.IsBoolean) != 0 {
				continue
			}
			v.check(a, fn, via)
		}
	case callee.FullName() == "strings.Join":
		for _, a := range call.Args {
			v.check(a, fn, via)
		}
	default:
		v.checkResult(call, callee, 0, fn, via)
	}
}

// checkResult checks result i of every return statement of callee.
func (v *sqlVet) checkResult(call *ast.CallExpr, callee *types.Func, i int, fn fnCtx, via string) {
	decl, ok := v.decls[callee]
	if !ok || decl.decl.Body == nil {
		v.report(fn, call, via, "the result of a call the check cannot see into")
		return
	}
	key := fmt.Sprintf("%s#%d", decl.name(), i)
	if v.visitedResult[key] {
		return
	}
	v.visitedResult[key] = true
	ast.Inspect(decl.decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			if len(n.Results) <= i {
				v.report(decl, call, via, "a result the check cannot follow")
				return false
			}
			v.check(n.Results[i], decl, via)
		}
		return true
	})
}

// checkIdent follows a variable to every value assigned to it, and a
// parameter to every caller's argument.
func (v *sqlVet) checkIdent(id *ast.Ident, fn fnCtx, via string) {
	obj, ok := fn.pkg.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		v.report(fn, id, via, "not a constant")
		return
	}
	if v.visited[obj] {
		return
	}
	v.visited[obj] = true
	if fn.obj != nil {
		sig := fn.obj.Type().(*types.Signature)
		for i := 0; i < sig.Params().Len(); i++ {
			if sig.Params().At(i) != obj {
				continue
			}
			sites := v.callers[fn.obj]
			if len(sites) == 0 {
				v.report(fn, id, via, "a parameter of a function nothing in the module calls")
			}
			for _, s := range sites {
				if sig.Variadic() && i == sig.Params().Len()-1 || i >= len(s.call.Args) {
					v.report(s.fn, s.call, via, "a variadic argument")
					continue
				}
				v.check(s.call.Args[i], s.fn, fn.name()+"("+obj.Name()+")")
			}
			return
		}
	}
	found := false
	ast.Inspect(fn.decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				l, ok := lhs.(*ast.Ident)
				if !ok || (fn.pkg.TypesInfo.Defs[l] != obj && fn.pkg.TypesInfo.Uses[l] != obj) {
					continue
				}
				found = true
				if len(n.Lhs) != len(n.Rhs) {
					v.checkTuple(n.Rhs[0], i, l, fn, via)
					continue
				}
				v.check(n.Rhs[i], fn, via)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if fn.pkg.TypesInfo.Defs[name] != obj {
					continue
				}
				found = true
				if i < len(n.Values) && len(n.Values) == len(n.Names) {
					v.check(n.Values[i], fn, via)
				} else if len(n.Values) == 1 {
					v.checkTuple(n.Values[0], i, name, fn, via)
				}
			}
		case *ast.RangeStmt:
			for _, x := range []ast.Expr{n.Key, n.Value} {
				if l, ok := x.(*ast.Ident); ok && fn.pkg.TypesInfo.Defs[l] == obj {
					found = true
					// the elements of a list written out in place are
					// checked one by one; any other range is data
					if lit, ok := ast.Unparen(n.X).(*ast.CompositeLit); ok && x == n.Value {
						for _, e := range lit.Elts {
							v.check(e, fn, via)
						}
						continue
					}
					v.report(fn, l, via, "a value ranged over")
				}
			}
		}
		return true
	})
	if !found {
		v.report(fn, id, via, "a variable the check cannot follow (a closure parameter or a package variable)")
	}
}

// checkTuple checks result i of a multi-value call assigned to id.
func (v *sqlVet) checkTuple(rhs ast.Expr, i int, id *ast.Ident, fn fnCtx, via string) {
	call, ok := rhs.(*ast.CallExpr)
	if !ok {
		v.report(fn, id, via, "one of several values the check cannot follow")
		return
	}
	callee := typeutil.StaticCallee(fn.pkg.TypesInfo, call)
	if callee == nil {
		v.report(fn, id, via, "one of several results of a call the check cannot see into")
		return
	}
	v.checkResult(call, callee, i, fn, via)
}
