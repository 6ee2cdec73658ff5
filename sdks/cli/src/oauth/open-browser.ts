import { spawn } from 'node:child_process';

/**
 * Opens `url` in the user's browser: `$BROWSER` when set (`none` opens nothing), else the platform's
 * opener. Failing to open is not an error: the URL is printed for the user to open by hand.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): void {
  const chosen = env.BROWSER;
  if (chosen === 'none') return;
  const [command, ...args] = chosen
    ? [chosen, url]
    : process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  try {
    const child = spawn(command!, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // printed already; the user opens it
  }
}
