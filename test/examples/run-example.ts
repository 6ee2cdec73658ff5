import { type ChildProcess, spawn } from 'node:child_process';

/** A running example program: its combined stdout and stderr so far, and a way to wait for a line. */
export interface ExampleProcess {
  name: string;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited(): Promise<number | null>;
  stop(): void;
}

/** Starts `command` with `env` added to the environment; its output is collected, never inherited. */
export function startExample(name: string, command: string[], options: { cwd: string; env: Record<string, string> }): ExampleProcess {
  const [file, ...args] = command as [string, ...string[]];
  const child: ChildProcess = spawn(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let closed = false; // 'close' comes after the last output, unlike 'exit'
  const exit = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      closed = true;
      for (const check of waiters) check();
      resolve(code);
    }),
  );
  return {
    name,
    output: () => output,
    exited: () => exit,
    stop: () => {
      if (!closed) child.kill('SIGTERM');
    },
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`${name}: no ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
        const finish = (error: Error | null, match?: RegExpExecArray) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(match!);
        };
        const check = () => {
          const match = pattern.exec(output);
          if (match) finish(null, match);
          else if (closed)
            finish(new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}; output:\n${output}`));
        };
        waiters.add(check);
        check();
      }),
  };
}
