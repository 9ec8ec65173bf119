-- What kith sync keeps in a calendar (CalDAV): each open follow-up as a
-- task, each planned coffee as an event. One row per entry written: its
-- UID, where it is and its ETag, and a digest of what kith wrote, so an
-- entry is written again only when it changes in kith. An empty href is
-- an entry removed on the server, which kith does not put back until it
-- changes.
CREATE TABLE sync_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    collection_id INTEGER NOT NULL REFERENCES sync_collections (id) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    href TEXT NOT NULL,
    etag TEXT NOT NULL,
    digest TEXT NOT NULL,
    UNIQUE (collection_id, uid)
);
