import encodeQR from '@paulmillr/qr';
import { useEffect, useMemo, useRef } from 'react';

const MODULE_PX = 6;
const QUIET_MODULES = 4;

/**
 * A QR code drawn on a canvas in the page itself (no image service, nothing the CSP would have to
 * allow), dark on white whatever the theme, with the quiet zone scanners need.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const modules = useMemo(() => encodeQR(text, 'raw', { ecc: 'medium', border: 0 }), [text]);
  const size = (modules.length + 2 * QUIET_MODULES) * MODULE_PX;
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size, size);
    context.fillStyle = '#000';
    modules.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) context.fillRect((x + QUIET_MODULES) * MODULE_PX, (y + QUIET_MODULES) * MODULE_PX, MODULE_PX, MODULE_PX);
      });
    });
  }, [modules, size]);
  return <canvas ref={canvas} className="qr-code" width={size} height={size} role="img" aria-label={label} data-testid="qr-code" />;
}
