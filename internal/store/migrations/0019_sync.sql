-- kith sync keeps each contact as one card in a CardDAV address book.
-- A contact's uid names its card there: given at the contact's first sync,
-- or taken from the card a contact came from, and never changed after.
ALTER TABLE contacts ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX contacts_uid ON contacts (uid) WHERE uid IS NOT NULL;

-- A collection kith syncs with (an address book, a calendar): the account
-- (server address and user) and the setting that chose it, where the
-- server keeps it, the vCard version it takes, and the sync token the
-- server gave at the end of the last sync.
CREATE TABLE sync_collections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('addressbook', 'calendar')),
    wanted TEXT NOT NULL,
    path TEXT NOT NULL,
    version TEXT NOT NULL DEFAULT '',
    token TEXT NOT NULL DEFAULT '',
    UNIQUE (account, kind, path)
);

-- A card kith synced: the contact's uid, where the card is and its ETag,
-- and the contact's fields as both sides held them after the last sync
-- (JSON), the base of the next three-way merge. An empty href is a card
-- the server removed whose contact kith kept for its history: it goes
-- back to the server only if the contact changes.
CREATE TABLE sync_cards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    collection_id INTEGER NOT NULL REFERENCES sync_collections (id) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    href TEXT NOT NULL,
    etag TEXT NOT NULL,
    base TEXT NOT NULL,
    UNIQUE (collection_id, uid)
);
