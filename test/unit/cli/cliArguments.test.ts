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

  it('without a URL: the dev server of the current folder; --discover [--json] lists them', () => {
    const noUrl = parseCliArguments(['-c', '5'], { ...env, cwd: '/work/project' });
    assert.equal(noUrl.kind, 'run');
    if (noUrl.kind === 'run') {
      assert.equal(noUrl.request.discoverIn, '/work/project');
      assert.equal(noUrl.request.start, false, 'nothing is started unless --start');
    }
    assert.deepEqual(parseCliArguments(['--discover'], { ...env, cwd: '/p' }), { kind: 'discover', folder: '/p', json: false, color: false });
    assert.deepEqual(parseCliArguments(['--discover', '--json'], { ...env, cwd: '/p' }), { kind: 'discover', folder: '/p', json: true, color: false });
    assert.deepEqual(parseCliArguments(['--json', '--discover'], { ...env, cwd: '/p' }), { kind: 'discover', folder: '/p', json: true, color: false });
    assert.deepEqual(parseCliArguments(['--discover', '--json', '-'], { ...env, cwd: '/p' }), { kind: 'discover', folder: '/p', json: true, color: false });
    assert.equal(run(['http://localhost:3000/']).discoverIn, undefined);
  });

  it('reads the open model rate', () => {
    assert.equal(run(['localhost:3000', '-R', '250', '-d', '5s']).load.rate, 250);
  });

  it('refuses what makes no sense, in one sentence', () => {
    assert.throws(() => parseCliArguments(['--discover', 'http://localhost:3000/'], env), /--discover takes no URL/);
    assert.throws(() => parseCliArguments(['--discover', '--json', 'out.json'], env), /--discover takes no URL|JSON to stdout only/);
    assert.throws(() => parseCliArguments(['http://localhost:3000/', '--start'], env), /--start is for running without a URL/);
    assert.throws(() => parseCliArguments(['a', 'b'], env), /One URL at a time/);
    assert.throws(() => parseCliArguments(['x', '-c', 'many'], env), /-c must be a number/);
    assert.throws(() => parseCliArguments(['x', '-H', 'nocolon'], env), /not a header/);
    assert.throws(() => parseCliArguments(['x', '--bogus'], env), (err: Error) => err instanceof UsageError && err.message === 'Unknown option --bogus');
    assert.throws(() => parseCliArguments(['x', '-c'], env), (err: Error) => err.message === '-c, --connections needs a value');
    assert.throws(() => parseCliArguments(['x', '-c', '--no-keepalive'], env), (err: Error) => err.message === '-c needs a value');
    assert.throws(() => parseCliArguments(['x', '--json'], env), (err: Error) => err.message === '--json needs a value');
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
