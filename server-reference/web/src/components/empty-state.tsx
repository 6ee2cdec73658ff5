import type { ReactNode } from 'react';

/**
 * What a list shows when it has nothing yet: a sentence and the one action that fills it.
 *
 * @example
 * <EmptyState title="No verifications yet." action={<Link href="/">Buy your first number</Link>} />
 */
export function EmptyState({ title, action }: { title: string; action: ReactNode }) {
  return (
    <div className="card empty-state" data-testid="empty-state">
      <p>{title}</p>
      {action}
    </div>
  );
}
