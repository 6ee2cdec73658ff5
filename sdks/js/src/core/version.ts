// Stamped by scripts/stamp-version.mjs from sdks/VERSION; do not edit by hand.
export const VERSION = '0.1.0';
