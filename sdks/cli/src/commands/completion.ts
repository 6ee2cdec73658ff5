import { type Command, Argument } from 'commander';
import { bashCompletion, zshCompletion } from '../completion/completion-script.js';

/** `namaskah completion bash|zsh`: prints the completion script of the whole tree. */
export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('Print a shell completion script: eval "$(namaskah completion bash)" in ~/.bashrc (zsh: ~/.zshrc)')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
    .action((shell: 'bash' | 'zsh') => {
      process.stdout.write(shell === 'bash' ? bashCompletion(program) : zshCompletion(program));
    });
}
