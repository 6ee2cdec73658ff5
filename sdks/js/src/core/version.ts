// Stamped by scripts/stamp-version.mjs from the repository's VERSION file; do not edit by hand.
export const VERSION = '0.1.0';
