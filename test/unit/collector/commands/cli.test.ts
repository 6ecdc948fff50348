import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../../../../src/collector/commands/index.js';
import { captureIo } from '../../../helpers/collector-app.js';

describe('consentlog CLI', () => {
  it('--help lists every command', async () => {
    const { io, out } = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const name of ['serve', 'report', 'export', 'privacy', 'purge'])
      expect(out()).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('<command> --help describes every flag', async () => {
    for (const command of COMMANDS) {
      const { io, out } = captureIo();
      expect(await runCli([command.name, '--help'], io)).toBe(0);
      const args = command.positionals ? ` ${command.positionals}` : '';
      expect(out()).toContain(`Usage: consentlog ${command.name}${args} [options]`);
      for (const option of command.options) {
        expect(out()).toMatch(
          new RegExp(
            `^  --${option.name}\\b.*${option.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
            'm',
          ),
        );
      }
    }
  });

  it('no command: help on stderr and exit 2', async () => {
    const { io, err } = captureIo();
    expect(await runCli([], io)).toBe(2);
    expect(err()).toContain('Usage: consentlog <command>');
  });

  it('an unknown command or flag is named, exit 2', async () => {
    const a = captureIo();
    expect(await runCli(['serv'], a.io)).toBe(2);
    expect(a.err()).toContain('consentlog: unknown command "serv"');
    const b = captureIo();
    expect(await runCli(['report', '--sinse', '7d'], b.io)).toBe(2);
    expect(b.err()).toContain('consentlog report: unknown option --sinse');
    const c = captureIo();
    expect(await runCli(['export', 'extra'], c.io)).toBe(2);
    expect(c.err()).toContain('unexpected argument "extra"');
  });

  it('serve reports a bad option before binding anything', async () => {
    const { io, err } = captureIo();
    expect(await runCli(['serve', '--port', 'abc'], io)).toBe(2);
    expect(err()).toContain('consentlog serve: --port must be an integer 0-65535, got "abc"');
  });
});
