/**
 * A `random` that returns `values` in order and fails the test when asked for more: a test that passes
 * with it has also pinned down exactly which draws the code under test makes.
 */
export function randomSequence(...values: number[]): () => number {
  const queue = [...values];
  return () => {
    const next = queue.shift();
    if (next === undefined) throw new Error('randomSequence exhausted: the code drew more random numbers than expected');
    return next;
  };
}

/** A `random` that always returns `value`. */
export const constantRandom = (value: number) => () => value;
