/** A fenced code block of a Markdown page: its language, the words after it, where it starts and its text. */
export interface CodeBlock {
  language: string;
  /** The words of the info string after the language, e.g. `['runnable']` for ```` ```sh runnable ````. */
  flags: string[];
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

/** Every fenced (``` or ~~~) block of `markdown`, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const open = /^(```|~~~)\s*(\S*)\s*(.*)$/.exec(lines[index] ?? '');
    if (!open) continue;
    const [, fence = '', language = '', rest = ''] = open;
    const start = index;
    const body: string[] = [];
    while (++index < lines.length && !(lines[index] ?? '').startsWith(fence)) body.push(lines[index] ?? '');
    blocks.push({ language, flags: rest.split(/\s+/).filter(Boolean), line: start + 1, code: `${body.join('\n')}\n` });
  }
  return blocks;
}

/** The blocks a page marks as runnable (```` ```sh runnable ````), which the docs test runs against a live server. */
export const runnableBlocks = (markdown: string): CodeBlock[] => codeBlocks(markdown).filter((block) => block.flags.includes('runnable'));
