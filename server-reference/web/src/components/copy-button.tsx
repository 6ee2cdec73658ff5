import { useEffect, useState } from 'react';

/**
 * Copies `text` to the clipboard; says "Copied" for two seconds (announced to screen readers), or
 * "Copy failed" when the browser refuses (no clipboard outside a secure context).
 *
 * @example
 * <CopyButton text={verification.code} label="Copy code" />
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <button type="button" className="copy" onClick={copy} aria-label={label}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}</span>
    </button>
  );
}
