/** A secret the server shows only once: displayed with a copy button and a warning. */
export function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  return (
    <div className="notice secret" role="alert" data-testid="secret-once">
      <p>
        <strong>{label}</strong> — copy it now, it will not be shown again.
      </p>
      <code className="mono">{secret}</code>
      <div className="row">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(secret)}>
          Copy
        </button>
        <button type="button" className="link" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
