/**
 * Cases this runner is allowed to fail, each with a reason (README rule 2). A listed case that passes
 * fails the run, so the list cannot outlive the bug. Keep it empty.
 */
export const KNOWN_FAILURES: readonly { file: string; name: string; reason: string }[] = [];
