/** Progress for people: written to stderr on a terminal only, so pipes and JSON output stay clean. */
export function status(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`${message}\n`);
}

/** A notice every caller sees on stderr (the number bought, the session secret). */
export function notice(message: string): void {
  process.stderr.write(`${message}\n`);
}
