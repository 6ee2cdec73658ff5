import { type FormEvent, useEffect, useRef } from 'react';

/** What a {@link ReasonDialog} asks for: a title, whether an amount is needed, and what to do with the answer. */
export interface ReasonRequest {
  title: string;
  /** A sentence under the title saying what confirming does. */
  description?: string;
  /** Ask for an amount too (USD, negative to debit), for a balance adjustment. */
  withAmount?: boolean;
  /** Ask for proof of control too: a current one-time code, or the account password. */
  withProof?: 'code' | 'password';
  /** Ask for the audit-log reason (the default); `false` for a person's own actions, which need none. */
  withReason?: boolean;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: (answer: { reason: string; amountCents?: number; proof?: string }) => void;
}

const PROOF_FIELDS = {
  code: { label: 'Code from your authenticator app', type: 'text', autoComplete: 'one-time-code', inputMode: 'numeric' },
  password: { label: 'Your password', type: 'password', autoComplete: 'current-password', inputMode: 'text' },
} as const;

/**
 * A modal confirm dialog (the browser's own `<dialog>`, so focus is trapped and Escape closes it) that
 * asks for the reason kept in the audit log, an amount when the action moves money, and a code or the
 * password when the action weakens the account's protection. Replaces
 * `window.prompt()`, which shows no context, cannot be styled and is blocked in some browsers.
 */
export function ReasonDialog({ request, onClose }: { request: ReasonRequest | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (request && !dialog.current?.open) dialog.current?.showModal();
    if (!request && dialog.current?.open) dialog.current.close();
  }, [request]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!request) return;
    const form = new FormData(event.currentTarget);
    const reason = String(form.get('reason') ?? '').trim();
    const amountCents = request.withAmount ? Math.round(Number(form.get('amount')) * 100) : undefined;
    const proof = request.withProof ? String(form.get('proof')).trim() : undefined;
    request.onConfirm({ reason, ...(amountCents === undefined ? {} : { amountCents }), ...(proof === undefined ? {} : { proof }) });
    onClose();
  };
  return (
    <dialog ref={dialog} className="card reason-dialog" aria-labelledby="reason-dialog-title" onClose={onClose}>
      {request && (
        <form onSubmit={submit}>
          <h2 id="reason-dialog-title">{request.title}</h2>
          {request.description && <p>{request.description}</p>}
          {request.withAmount && (
            <label>
              Amount (USD, negative to debit)
              <input name="amount" type="number" step="0.01" required autoFocus />
            </label>
          )}
          {request.withProof && (
            <label>
              {PROOF_FIELDS[request.withProof].label}
              <input
                name="proof"
                required
                type={PROOF_FIELDS[request.withProof].type}
                autoComplete={PROOF_FIELDS[request.withProof].autoComplete}
                inputMode={PROOF_FIELDS[request.withProof].inputMode}
                autoFocus={!request.withAmount}
              />
            </label>
          )}
          {request.withReason !== false && (
            <label>
              Reason (kept in the audit log)
              <textarea
                name="reason"
                required
                minLength={1}
                maxLength={500}
                rows={2}
                autoFocus={!request.withAmount && !request.withProof}
              />
            </label>
          )}
          <div className="actions">
            <button type="submit" className={request.danger ? 'danger' : ''}>
              {request.confirmLabel}
            </button>
            <button type="button" className="link" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
