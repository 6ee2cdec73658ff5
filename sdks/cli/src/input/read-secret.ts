import { createInterface } from 'node:readline';

/**
 * A secret from the terminal without echoing it (the prompt on stderr), or the first line of stdin when
 * it is a pipe (`echo $KEY | namaskah login`).
 */
export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.split('\n')[0]!.trim();
  }
  const output = process.stderr;
  output.write(prompt);
  const rl = createInterface({ input, output, terminal: true });
  // readline echoes what is typed through _writeToOutput: silence it while the key is typed.
  (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  output.write('\n');
  return answer.trim();
}
