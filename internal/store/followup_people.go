package store

// A follow-up is for one person first (followups.contact_id) and maybe
// for others too (followup_people, migration 0022): the next step of a
// coffee with three people is one thing to do, shown once. These keep
// the two in step when people come and go.

// addFollowupPeople adds people to follow-up id besides its first person,
// leaving out whoever is on it already.
func (tx *Tx) addFollowupPeople(id int64, people []int64) error {
	for _, p := range people {
		if _, err := tx.Exec(`INSERT INTO followup_people (followup_id, contact_id)
			SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM followups WHERE id = ?1 AND contact_id = ?2)
			ON CONFLICT DO NOTHING`, id, p); err != nil {
			return err
		}
	}
	return nil
}

// FollowupPeople returns the ids of everyone follow-up id is for: its
// first person, then the others in the order they were added.
func (tx *Tx) FollowupPeople(id int64) ([]int64, error) {
	rows, err := tx.Query(`SELECT contact_id FROM (SELECT contact_id, 0 AS o FROM followups WHERE id = ?1
		UNION ALL SELECT contact_id, id AS o FROM followup_people WHERE followup_id = ?1) ORDER BY o`, id)
	if err != nil {
		return nil, err
	}
	return scanColumn[int64](rows)
}

// takeOffFollowup takes contact off follow-up id: the next person on it
// becomes its first when contact was, and when no one is left the
// follow-up goes; removed reports that it went.
func (tx *Tx) takeOffFollowup(id, contact int64) (removed bool, err error) {
	people, err := tx.FollowupPeople(id)
	if err != nil {
		return false, err
	}
	switch {
	case len(people) == 0:
		return false, nil
	case len(people) == 1 && people[0] == contact:
		_, err := tx.Exec("DELETE FROM followups WHERE id = ?", id)
		return true, err
	case people[0] == contact:
		if _, err := tx.Exec("DELETE FROM followup_people WHERE followup_id = ? AND contact_id = ?", id, people[1]); err != nil {
			return false, err
		}
		_, err := tx.Exec("UPDATE followups SET contact_id = ?, updated_at = ? WHERE id = ?", people[1], tx.Now(), id)
		return false, err
	}
	_, err = tx.Exec("DELETE FROM followup_people WHERE followup_id = ? AND contact_id = ?", id, contact)
	return false, err
}

// handOverFollowups passes each follow-up contact shares with others to
// the next person on it, before contact is removed: removing them would
// otherwise remove everyone's follow-up with them (a follow-up they are
// only on goes with them by itself, as their row in followup_people).
func (tx *Tx) handOverFollowups(contact int64) error {
	rows, err := tx.Query(`SELECT id FROM followups f WHERE contact_id = ?
		AND EXISTS (SELECT 1 FROM followup_people p WHERE p.followup_id = f.id)`, contact)
	if err != nil {
		return err
	}
	ids, err := scanColumn[int64](rows)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.takeOffFollowup(id, contact); err != nil {
			return err
		}
	}
	return nil
}

// moveFollowupPeople makes to, instead of from, one of the people on the
// follow-ups from is on besides their first (a merge), and drops to from
// those it is first on already.
func (tx *Tx) moveFollowupPeople(from, to int64) error {
	if _, err := tx.Exec("UPDATE OR IGNORE followup_people SET contact_id = ? WHERE contact_id = ?", to, from); err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM followup_people WHERE contact_id = ?", from); err != nil {
		return err
	}
	_, err := tx.Exec(`DELETE FROM followup_people WHERE contact_id = ?1
		AND followup_id IN (SELECT id FROM followups WHERE contact_id = ?1)`, to)
	return err
}
