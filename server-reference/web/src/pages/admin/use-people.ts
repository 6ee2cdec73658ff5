import { useEffect, useState } from 'react';
import { client } from '../../api/client.ts';

const known = new Map<string, Promise<string>>();

/** One person's email for an id, asked of the server once per page load (shared by every table). */
const emailOf = (id: string): Promise<string> => {
  let email = known.get(id);
  if (!email) {
    email = client.admin.users.retrieve(id).then(
      (user) => user.email,
      () => id,
    );
    known.set(id, email);
  }
  return email;
};

/**
 * Emails for the user ids a table shows, so admins read people, not `usr_` ids; an id shows as itself
 * until its email arrives (or when the account cannot be read).
 */
export function usePeople(ids: ReadonlyArray<string | null | undefined>): (id: string) => string {
  const [emails, setEmails] = useState<ReadonlyMap<string, string>>(new Map());
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort().join(',');
  useEffect(() => {
    let current = true;
    const list = wanted ? wanted.split(',') : [];
    Promise.all(list.map(async (id) => [id, await emailOf(id)] as const)).then((pairs) => current && setEmails(new Map(pairs)));
    return () => {
      current = false;
    };
  }, [wanted]);
  return (id) => emails.get(id) ?? id;
}
