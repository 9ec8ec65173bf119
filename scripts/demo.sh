#!/usr/bin/env bash
# A short tour of kith on a throwaway database: nothing of yours is touched.
set -euo pipefail
kith=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
export KITH_DB="$demo/kith.db" HOME="$demo" XDG_CONFIG_HOME="$demo/.config" XDG_DATA_HOME="$demo/.local/share"
unset KITH_CONFIG KITH_NOW

step() { printf '\n$ kith %s\n' "$*"; "$kith" "$@"; }

step contact add "Ana Lima" --email ana@lima.law --company "Lima Law" --category lawyer \
  --met-at "BNI breakfast" --topic "new baby" --idea "send seminar invite" --cadence 30d
step contact add "Bo Chen" --company "Chen Builders" --category contractor --tag bni --stage lead
step contact add "Cy Diaz" --company Acme --category "existing client" --stage client
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
