import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const goldens = readdirSync(join(here, 'golden')).filter((name) => existsSync(join(here, 'golden', name, 'ruby')));
const sdk = resolve(here, '../../sdks/ruby');
const workDir = mkdtempSync(join(tmpdir(), 'namaskah-golden-ruby-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The rbs command that ships with Ruby (a bundled gem; libruby3.1 on Debian). */
const rbs = execFileSync('ruby', ['-e', 'print Gem::Specification.find_by_name("rbs").bin_file("rbs")'], { encoding: 'utf8' });

function run(cmd: string, args: string[], cwd: string): string {
  try {
    execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${cmd} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

/**
 * Each fixture's Ruby output, in place of the SDK's generated folder next to its hand-written core
 * (sdks/ruby/lib minus lib/namaskah/generated), must load (every resource and model constant resolves,
 * every descriptor names a model that exists), its RBS signatures validate against the core's, and every
 * golden is rubocop-clean with the SDK's config.
 */
describe('golden Ruby output loads with the SDK core', () => {
  it.each(goldens)(
    '%s',
    (name) => {
      const dir = join(workDir, name);
      cpSync(join(sdk, 'lib'), join(dir, 'lib'), { recursive: true, filter: (src) => !src.includes('/lib/namaskah/generated') });
      cpSync(join(here, 'golden', name, 'ruby', 'lib/namaskah/generated'), join(dir, 'lib/namaskah/generated'), { recursive: true });
      const check = [
        'require "namaskah"',
        'c = Namaskah::Client.new(api_key: "k", base_url: "http://golden.test")',
        'Namaskah::Models.constants.each do |n|',
        '  k = Namaskah::Models.const_get(n)',
        '  next unless k.is_a?(Class) && k < Namaskah::BaseModel',
        '  k.fields.each_value { |(_, t)| Array(t).flatten.grep(String).each { |r| Namaskah::Types.resolve(r) } }',
        'end',
        'Namaskah::ResourceAccessors.instance_methods.each { |m| c.public_send(m) }',
        'abort "no PROBLEM_ERROR_CLASSES" unless Namaskah::PROBLEM_ERROR_CLASSES.is_a?(Hash)',
      ].join('\n');
      expect(run('ruby', ['-w', '-I', join(dir, 'lib'), '-e', check], dir)).toBe('');
      // The golden signatures resolve against the core's (sig/namaskah.rbs; lib.rbs names spec resources).
      cpSync(join(sdk, 'sig/namaskah.rbs'), join(dir, 'sig/namaskah.rbs'));
      cpSync(join(here, 'golden', name, 'ruby', 'sig'), join(dir, 'sig'), { recursive: true });
      expect(run('ruby', [rbs, '-r', 'logger', '-r', 'monitor', '-I', 'sig', 'validate', '--silent'], dir)).toBe('');
    },
    60_000,
  );

  it('is rubocop-clean', () => {
    const dirs = goldens.map((name) => join(here, 'golden', name, 'ruby'));
    expect(run('rubocop', ['--no-server', '-c', join(sdk, '.rubocop.yml'), ...dirs], sdk)).toBe('');
  }, 120_000);
});
