import { useEffect, useState } from 'react';
import { client } from '../../api/client.ts';

const known = new Map<string, Promise<string>>();

/** How a person reads in a table: `Asha Rao (asha@example.com)`, or the email alone when there is no name. */
export const personLabel = (user: { name: string | null; email: string }): string =>
  user.name ? `${user.name} (${user.email})` : user.email;

/** One person's name and email for an id, asked of the server once per page load (shared by every table). */
const emailOf = (id: string): Promise<string> => {
  let email = known.get(id);
  if (!email) {
    email = client.admin.users.retrieve(id).then(personLabel, () => id);
    known.set(id, email);
  }
  return email;
};

/**
 * Names and emails for the user ids a table shows, so admins read people, not `usr_` ids; an id shows as
 * itself until its person arrives (or when the account cannot be read).
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

/**
 * The id of the account an admin means by what they typed (an email, part of one, or a name): the first
 * match of the users search; `usr_none` (which matches nothing) when there is none.
 */
export async function userIdFor(search: string): Promise<string> {
  const [user] = (await client.admin.users.list({ q: search, limit: 1 })).data;
  return user?.id ?? 'usr_none';
}
