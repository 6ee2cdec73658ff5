import { readFileSync } from 'node:fs';

/** A Markdown link to something in the repository: `[text](path#anchor)` or `[text](#anchor)`. */
export interface InternalLink {
  line: number;
  path: string;
  anchor: string | null;
}

/** Code that is shown, not linked: fenced blocks and inline spans. */
function withoutCode(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length));
}

/** Every link of a Markdown file that is neither an absolute URL nor a mail address. */
export function internalLinks(markdown: string): InternalLink[] {
  const links: InternalLink[] = [];
  withoutCode(markdown)
    .split('\n')
    .forEach((text, index) => {
      for (const [, target] of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue; // https:, mailto:, ...
        const [path = '', anchor] = target!.split('#', 2);
        links.push({ line: index + 1, path: path.split('?')[0]!, anchor: anchor === undefined ? null : decodeURIComponent(anchor) });
      }
    });
  return links;
}

/** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(file: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  const markdown = readFileSync(file, 'utf8').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, heading] of markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading!
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  }
  for (const [, id] of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(id!);
  return anchors;
}
