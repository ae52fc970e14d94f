// "Copy as CLI command": the command line of a run, read back by a real shell and the CLI's own parser, gives the
// same options; credentials travel as shell variables, never as text.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parseCliArguments } from '../../../src/cli/cliArguments';
import { echoOptions } from '../../../src/engine/optionsEcho';
import { normalizeLoadOptions, type LoadOptions } from '../../../src/engine/loadOptions';
import { cliCommandLine } from '../../../src/shared/cliCommandLine';

/** The words /bin/sh makes of a command line (quotes removed, variables expanded from `env`). */
function shellWords(command: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${command}`], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

function roundTrip(load: LoadOptions, env: Record<string, string> = {}) {
  const echo = echoOptions(normalizeLoadOptions(load));
  const line = cliCommandLine(echo);
  const [program, ...args] = shellWords(line, env);
  assert.equal(program, 'load-test-localhost');
  const command = parseCliArguments(args, { noColor: true, isTty: false });
  assert.equal(command.kind, 'run');
  return { line, echo, again: echoOptions(normalizeLoadOptions(command.kind === 'run' ? command.request.load : load)) };
}

describe('Copy as CLI command', () => {
  it('reads back to the same options through sh and the CLI parser', () => {
    const { echo, again } = roundTrip({
      url: "http://127.0.0.1:3000/search?q=it's & more",
      connections: 50,
      requests: 1000,
      durationMs: 1500,
      keepAlive: false,
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'X-Quote': 'say "hi" $HOME `x`' },
      body: '{"a": "b c", "d": \'e\'}',
      responseTimeoutMs: 5000,
      connectTimeoutMs: 2000,
      workers: 2,
      httpClient: 'undici',
    });
    assert.deepEqual(again, echo);
  });

  it('writes credentials as shell variables, which the shell fills in', () => {
    const { line, echo, again } = roundTrip({ url: 'http://localhost:8080/', headers: { Authorization: 'Bearer s3cret', 'X-Api-Key': 'k' } }, { HEADER_AUTHORIZATION: 'Bearer s3cret', HEADER_X_API_KEY: 'k' });
    assert.doesNotMatch(line, /s3cret/);
    assert.match(line, /-H "authorization: \$HEADER_AUTHORIZATION"/);
    assert.deepEqual(again, echo);
  });

  it('rates and durations: -R and the shortest duration text; a non-loopback target says so', () => {
    const { line, echo, again } = roundTrip({ url: 'https://staging.example.com/', rate: 250, durationMs: 120_000, allowNonLoopback: true });
    assert.match(line, /-d 2m -R 250 /);
    assert.match(line, /--allow-non-loopback$/);
    assert.deepEqual(again, echo);
  });
});
