import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCliArguments, parseDuration } from '../../../src/cli/cliArguments';
import { UsageError } from '../../../src/engine/loadOptions';

const env = { noColor: false, isTty: false };
const run = (argv: string[]) => {
  const command = parseCliArguments(argv, env);
  assert.equal(command.kind, 'run');
  return (command as Extract<typeof command, { kind: 'run' }>).request;
};

describe('CLI arguments', () => {
  it('reads ab-like options', () => {
    const r = run(['http://localhost:8080/', '-c', '50', '-n', '1000', '--no-keepalive', '-H', 'X-Test: a: b', '-m', 'post', '-b', 'x=1', '--json', 'out.json']);
    assert.equal(r.load.connections, 50);
    assert.equal(r.load.requests, 1000);
    assert.equal(r.load.keepAlive, false);
    assert.deepEqual(r.load.headers, { 'X-Test': 'a: b' });
    assert.equal(r.load.method, 'post');
    assert.equal(r.load.body, 'x=1');
    assert.equal(r.jsonFile, 'out.json');
    assert.equal(r.diagnosis, true);
  });

  it('keeps keep-alive on by default and with -k', () => {
    assert.equal(run(['localhost:3000']).load.keepAlive, true);
    assert.equal(run(['localhost:3000', '-k']).load.keepAlive, true);
  });

  it('reads durations with units', () => {
    assert.equal(parseDuration('10s'), 10_000);
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('2m'), 120_000);
    assert.equal(parseDuration('1.5'), 1500);
    assert.throws(() => parseDuration('soon'), UsageError);
  });

  it('reads the open model rate', () => {
    assert.equal(run(['localhost:3000', '-R', '250', '-d', '5s']).load.rate, 250);
  });

  it('refuses what makes no sense, in one sentence', () => {
    assert.throws(() => parseCliArguments([], env), /Give the URL/);
    assert.throws(() => parseCliArguments(['a', 'b'], env), /One URL at a time/);
    assert.throws(() => parseCliArguments(['x', '-c', 'many'], env), /-c must be a number/);
    assert.throws(() => parseCliArguments(['x', '-H', 'nocolon'], env), /not a header/);
    assert.throws(() => parseCliArguments(['x', '--bogus'], env), UsageError);
    assert.throws(() => parseCliArguments(['x', '-k', '--no-keepalive'], env), /contradict/);
  });

  it('answers --help and --version', () => {
    assert.equal(parseCliArguments(['--help'], env).kind, 'help');
    assert.equal(parseCliArguments(['-V'], env).kind, 'version');
  });

  it('colours only a terminal that wants colour', () => {
    assert.equal(parseCliArguments(['x'], { noColor: false, isTty: true }).kind === 'run' && run(['x']).color, false);
    const tty = parseCliArguments(['x'], { noColor: false, isTty: true });
    assert.equal(tty.kind === 'run' && tty.request.color, true);
    const noColor = parseCliArguments(['x'], { noColor: true, isTty: true });
    assert.equal(noColor.kind === 'run' && noColor.request.color, false);
  });
});
