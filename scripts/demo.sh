#!/usr/bin/env bash
# A short tour of kith on a throwaway database: nothing of yours is touched.
set -euo pipefail
kith=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
export KITH_DB="$demo/kith.db" HOME="$demo" XDG_CONFIG_HOME="$demo/.config" XDG_DATA_HOME="$demo/.local/share"
unset KITH_CONFIG KITH_NOW
# what a person sees on a terminal (tables, not tab-separated lines), even
# when the tour itself is piped or captured; the width is $COLUMNS, else
# the terminal's, else 80
export KITH_FORCE_TTY=1

# quote prints one argument as a shell reads it back: bare when that is
# safe, else in single quotes.
quote() {
  if [[ $1 =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

# step prints a command as it can be pasted, then runs it.
step() {
  printf '\n$ kith'
  for arg in "$@"; do
    printf ' '
    quote "$arg"
  done
  printf '\n'
  "$kith" "$@"
}

step contact add "Ana Lima" --email ana@lima.law --company "Lima Law" --category lawyer \
  --met-at "BNI breakfast" --topic "new baby" --idea "send seminar invite" --cadence 30d
step contact add "Bo Chen" --company "Chen Builders" --category contractor --tag bni --stage lead
step contact add "Cy Diaz" --company Acme --category "existing client" --stage client
step contact add "山田 太郎" --company "山田建設株式会社" --category contractor --email taro@yamada.example.jp
step contact list
step contact list --category lawyer --json
step contact edit bo --add-tag referrals --title Owner
step contact show bo
step target add "Acme Corp" --segment manufacturing
step ask ana --alliance "Dan Wu @ Wu Accounting" --client "Eve Park @ Acme Corp"
step coffee log ana --at "Blue Bottle" --topic "new baby" --next "send seminar invite" --in 2d
step intro update 1 --status made
step intro add bo cy --kind client --unasked
step fans
step contact show ana
step followup due --within 7d
step followup draft ana
step napkin
step report --week
printf '\nDemo database was %s (now removed).\n' "$KITH_DB"
