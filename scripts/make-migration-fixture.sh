#!/usr/bin/env bash
# Builds the migration fixture for one released schema version: the kith of
# COMMIT (which must write schema VERSION) fills a database the way a user
# would, and sqlite3 adds the records that kith had no command for yet, so
# every table holds realistic rows. The result is committed under
# testdata/migrations/ and internal/proof opens it with every later kith.
#
#   scripts/make-migration-fixture.sh COMMIT VERSION
set -euo pipefail
commit=$1
version=$2
cd "$(dirname "$0")/.."
root=$PWD
out=$root/testdata/migrations/v$(printf %04d "$version").db
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git archive "$commit" | tar -x -C "$tmp"
(cd "$tmp" && CGO_ENABLED=0 go build -o "$tmp/kith" ./cmd/kith)

export KITH_DB=$tmp/fixture.db KITH_NOW=2025-06-02T09:00:00Z TZ=UTC HOME=$tmp XDG_CONFIG_HOME=$tmp/config
k() { "$tmp/kith" "$@" >/dev/null; }

k contact add 'Ana Lima' --email ana@lima.example --email ana.lima@work.example --phone '+1 555 0100' \
	--company 'Lima & Filhos, Advogados' --title Partner --category lawyer --tag bni --tag golf \
	--met-at 'BNI breakfast' --topic 'sailing' --idea 'send the seminar invite' --cadence 30d \
	--linkedin https://www.linkedin.com/in/ana-lima --birthday --03-15 --note $'Prefers mornings.\nTwo kids.'
k contact add 'Ben Okafor' --email ben@okafor.example --company 'Okafor Builders' --title Owner \
	--category contractor --stage lead --met-at 'Chamber mixer' --topic 'new warehouse'
k contact add "Carla O'Neil \"CJ\"" --company 'Harbor Realty' --category 'real estate agent' --stage client \
	--note $'quotes \' " and a tab\there'
k contact add 'Zoë Ölund' --email zoe@olund.example --category friend --stage past_client
k contact add 'Dev Patel' --phone '(555) 010-2000' --category accountant
k contact edit 'Ben Okafor' --stage client
k contact edit 'Ben Okafor' --stage past_client

k coffee log 'Ana Lima' --on 2025-05-28 --at 'Blue Bottle' --topic referrals --note 'asked for two names' \
	--next 'send the deck' --in 1w
k coffee log 'Ben Okafor' 'Carla' --on 2025-05-20 --kind lunch --at 'Main St Diner'
k coffee log 'Zoë' --on 2025-06-09 --planned --kind call
k coffee log 'Dev' --on yesterday --kind event --at 'Chamber breakfast' --next 'intro to Ana' --due 2025-06-10

# Tables this kith had no command for yet.
sqlite3 "$KITH_DB" <<'SQL'
INSERT INTO introductions (from_id, to_id, direction, kind, asked, status, value, intro_on, status_on, coffee_id, notes, created_at, updated_at) VALUES
 (1, 2, 'received', 'alliance', 1, 'made', NULL, '2025-05-28', '2025-05-28', 1, 'Ana introduced Ben', '2025-05-28T10:00:00Z', '2025-05-28T10:00:00Z'),
 (4, 3, 'received', 'client', 0, 'won', 12500.5, '2025-04-01', '2025-05-15', NULL, 'unasked: raving fan', '2025-04-01T10:00:00Z', '2025-05-15T10:00:00Z'),
 (2, 5, 'given', 'coffee', 1, 'promised', NULL, '2025-06-01', '2025-06-01', 2, '', '2025-06-01T10:00:00Z', '2025-06-01T10:00:00Z');
INSERT INTO followups (contact_id, text, due_on, source, coffee_id, snoozed, done_at, created_at, updated_at) VALUES
 (3, 'ask about the Q3 listing', '2025-05-30', 'manual', NULL, 0, '2025-05-31T08:00:00Z', '2025-05-20T10:00:00Z', '2025-05-31T08:00:00Z'),
 (4, 'birthday card', '2025-06-20', 'manual', NULL, 1, NULL, '2025-06-01T10:00:00Z', '2025-06-01T10:00:00Z');
INSERT INTO targets (name, name_key, segment, notes, created_at) VALUES
 ('Harbor Realty', 'harbor realty', 'real estate', 'three offices', '2025-01-10T10:00:00Z'),
 ('Okafor Builders', 'okafor builders', 'construction', '', '2025-01-10T10:00:00Z');
INSERT INTO goals (name, value, updated_at) VALUES
 ('coffees-per-week', 6, '2025-01-02T10:00:00Z'),
 ('revenue-per-quarter', 50000, '2025-01-02T10:00:00Z');
SQL

# Tables later kiths added, filled when this one has them.
if [ -n "$(sqlite3 "$KITH_DB" "SELECT name FROM sqlite_master WHERE name = 'touches'")" ]; then
	sqlite3 "$KITH_DB" <<'SQL'
INSERT INTO touches (contact_id, touched_on, note, created_at) VALUES
 (2, '2025-05-30', 'sent the article', '2025-05-30T10:00:00Z');
INSERT INTO cadence_snoozes (contact_id, until_on, created_at) VALUES
 (5, '2025-06-15', '2025-06-01T10:00:00Z');
SQL
fi

have=$(sqlite3 "$KITH_DB" 'PRAGMA user_version')
if [ "$have" != "$version" ]; then
	echo "the kith of $commit writes schema $have, not $version" >&2
	exit 1
fi
for t in $(sqlite3 "$KITH_DB" "SELECT name FROM sqlite_master WHERE type = 'table'"); do
	n=$(sqlite3 "$KITH_DB" "SELECT count(*) FROM $t")
	[ "$n" -gt 0 ] || { echo "table $t is empty" >&2; exit 1; }
done
sqlite3 "$KITH_DB" 'PRAGMA wal_checkpoint(TRUNCATE); VACUUM;' >/dev/null
mkdir -p "$(dirname "$out")"
cp "$KITH_DB" "$out"
chmod 600 "$out"
echo "wrote $out (schema $version, from $commit)"
