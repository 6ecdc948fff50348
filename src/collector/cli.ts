/**
 * The `consentlog` bin (built to dist/collector/cli.js; the build adds the shebang).
 * A thin shell around runCli so every command stays testable without a process.
 */
import { runCli } from './commands/index.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
