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

# note says what the next command shows, as comment lines a shell would
# skip if they were pasted with it.
note() {
  printf '\n'
  printf '# %s\n' "$@"
}

# step prints a command as it can be pasted, then runs it.
step() {
  printf '$ kith'
  for arg in "$@"; do
    printf ' '
    quote "$arg"
  done
  printf '\n'
  "$kith" "$@"
}

# drafts are signed with the signature from the config
mkdir -p "$XDG_CONFIG_HOME/kith"
printf 'draft:\n  signature: |\n    Sam Reyes\n    Reyes Consulting\n' >"$XDG_CONFIG_HOME/kith/config.yaml"

note "After meeting someone: who they are, and the three notes from the back of" \
  "their card: where you met, a topic, and a follow-up idea (a follow-up now)."
step contact add "Ana Lima" --email ana@lima.law --company "Lima Law" --category lawyer \
  --met-at "BNI breakfast" --topic "new baby" --idea "send seminar invite" --cadence 30d
note "More of the napkin: a contractor who is already a lead,"
step contact add "Bo Chen" --company "Chen Builders" --category contractor --tag bni --stage lead
note "an existing client,"
step contact add "Cy Diaz" --company Acme --category "existing client" --stage client
note "and a name in Japanese: tables line up as a terminal draws them."
step contact add "山田 太郎" --company "山田建設株式会社" --category contractor --email taro@yamada.example.jp
note "Everyone, by name. Commands name a person by id, email or name (\"bo\")."
step contact list
note "One column of the napkin, as JSON for scripts."
step contact list --category lawyer --json
note "An edit changes only what you pass,"
step contact edit bo --add-tag referrals --title Owner
note "as Bo's whole card shows."
step contact show bo
note "A company you would like to work for: the client question names it."
step target add "Acme Corp" --segment manufacturing
note "The three questions to ask Ana. Her answers become introductions she" \
  "promised; Dan and Eve are new to kith, so they are added as halo contacts."
step ask ana --alliance "Dan Wu @ Wu Accounting" --client "Eve Park @ Acme Corp"
note "The coffee, logged right after it. Its next step says what her card's idea" \
  "already said, so kith keeps the one follow-up rather than adding a twin."
step coffee log ana --at "Blue Bottle" --topic "new baby" --next "send seminar invite" --in 2d
note "Ana made the introduction she promised: asked and made, she is an advocate."
step intro update 1 --status made
note "Bo sent you Cy without being asked: that makes Bo a raving fan."
step intro add bo cy --kind client --unasked
note "The 211° list: advocates close to becoming raving fans, each with one next" \
  "action. Ana is on it. Bo is not: a raving fan is past 212° already."
step fans
note "--all lists the raving fans too, after the advocates: Bo, with what keeps" \
  "him one."
step fans --all
note "The raving fans as contacts (a set word is typed as you say it: \"raving fan\")."
step contact list --advocacy "raving fan"
note "Ana's record: what made her an advocate, what you gave and got, her coffees."
step contact show ana
note "A lunch with Bo and Cy: its next step is one follow-up for both of them."
step coffee log bo cy --kind lunch --at "Cafe Rio" --topic "the Acme tender" --next "send the tender documents"
note "What to do this week: Ana's seminar invite, once, and the lunch's next step," \
  "once, for Bo and Cy."
step followup due --within 7d
note "A note to paste into an email: her first name, the coffee, the follow-up," \
  "and the signature from the config."
step followup draft ana
note "The napkin: a column per kind of person, how many, who you met last."
step napkin
note "The week's scorecard: coffees held against the objective (none set yet:" \
  "kith goal set coffees-per-week 6), introductions, new advocates."
step report --week
printf '\nDemo database was %s (now removed).\n' "$KITH_DB"
