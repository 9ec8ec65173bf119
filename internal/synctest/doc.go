// Package synctest holds kith sync's end-to-end tests: two kith databases
// (two machines) and a third client writing raw vCards (the phone)
// through a real Radicale, the whole command tree run in-process. They
// are a package of their own because a first sync of a thousand cards
// through Radicale takes minutes (Radicale checks a new card's UID
// against every card it holds), which the command tests' time cannot
// hold.
package synctest
