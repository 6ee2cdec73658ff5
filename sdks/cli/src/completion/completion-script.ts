import type { Command } from 'commander';

/** Every command path of the tree (`''` for the root) with the words that may follow it. */
function completionTable(root: Command): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const visit = (command: Command, path: string) => {
    const flags = command.options.map((o) => o.long).filter((f): f is string => Boolean(f));
    table.set(path, [...command.commands.map((c) => c.name()), ...flags]);
    for (const child of command.commands) visit(child, path ? `${path} ${child.name()}` : child.name());
  };
  visit(root, '');
  return table;
}

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/**
 * A bash completion function over the command tree (the API commands come from the generated table):
 * the words typed so far select the deepest known command (ids and flag values are skipped), whose
 * subcommands and flags are offered, global flags included.
 */
export function bashCompletion(root: Command): string {
  const table = completionTable(root);
  const globals = root.options
    .map((o) => o.long)
    .filter(Boolean)
    .join(' ');
  const entries = [...table].map(([path, words]) => `  [${quote(path || '_')}]=${quote(words.join(' '))}`).join('\n');
  return `# namaskah bash completion: eval "$(namaskah completion bash)"
declare -gA _namaskah_words=(
${entries}
)
_namaskah() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ $word == -* ]] && continue
    if [[ -n "\${_namaskah_words[\${path:+$path }$word]+set}" ]]; then path="\${path:+$path }$word"; fi
  done
  local words="\${_namaskah_words[\${path:-_}]} ${globals}"
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _namaskah namaskah
`;
}

/** zsh runs the bash function through bashcompinit. */
export function zshCompletion(root: Command): string {
  return `# namaskah zsh completion: eval "$(namaskah completion zsh)"
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(root).replace(/^# .*\n/, '')}`;
}
