import type { RecoveryCodes } from '@namaskah/sdk';
import { CopyButton } from '../../components/copy-button.tsx';

/** Saves the codes as a text file (the browser's download, from a blob: nothing leaves the page). */
function download(codes: RecoveryCodes): void {
  const text = `Namaskah recovery codes (${new Date(codes.created_at).toISOString().slice(0, 10)})\nEach code works once.\n\n${codes.codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = 'namaskah-recovery-codes.txt';
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fresh recovery codes, shown this once: copy or download them, then dismiss. */
export function RecoveryCodesOnce({ codes, onDone }: { codes: RecoveryCodes; onDone: () => void }) {
  return (
    <section className="notice secret" role="alert" aria-label="Your recovery codes" data-testid="recovery-codes">
      <p>
        <strong>Save your recovery codes</strong> — each one signs you in once if you lose your phone. They will not be shown again.
      </p>
      <ol className="recovery-codes mono">
        {codes.codes.map((code) => (
          <li key={code} className="unbroken">
            {code}
          </li>
        ))}
      </ol>
      <div className="row wrap">
        <CopyButton text={codes.codes.join('\n')} label="Copy recovery codes" />
        <button type="button" onClick={() => download(codes)}>
          Download
        </button>
        <button type="button" className="link" onClick={onDone}>
          I have saved them
        </button>
      </div>
    </section>
  );
}
