// `npm run bench`: load-test-localhost side by side with wrk, ab and autocannon against loopback targets (nginx,
// a single-threaded Node dev server, python's http.server), in keep-alive and new-connection-per-request mode:
// requests/s and each generator's own CPU per request, then ratios, and the diagnosis's own CPU (ours runs as users
// run it, diagnosis on, and once more with --no-diagnosis to tell the two apart). Without keep-alive, two bare Node
// clients that measure nothing (nodeFloorClient.ts) show what Node's own per-connection cost allows.
// A measurement, not a test: it asserts nothing. Every load is bounded in time and goes to 127.0.0.1 only.
//
//   npm run bench -- [--seconds 5] [--rounds 3] [--connections 50] [--workers 1,2,3] [--modes keep-alive,new-connection]
//                    [--tools wrk,load-test-localhost] [--targets nginx,node,python]
import { join } from 'node:path';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { diagnosisCpuShare, formatDiagnosisCpu, formatModeTable, formatNodeFloors, formatRatios, median, type ModeResults, type Sample } from './benchTable';
import { startBenchTarget, type BenchTargetName } from './benchTarget';
import { runMeasured } from './childCpu';
import { defaultWorkerCount } from '../src/engine/loadOptions';
import { installedPeers, loadTestLocalhost, nodeFloor, type BenchMode, type LoadGenerator, type LoadSpec } from './generators';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    workers: { type: 'string' },
    modes: { type: 'string', default: 'keep-alive,new-connection' },
    /** Only these generators (comma-separated names, e.g. `load-test-localhost`), for quick tuning runs. */
    tools: { type: 'string' },
    targets: { type: 'string', default: 'nginx,node,python' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const modes = values.modes!.split(',') as BenchMode[];
/** out/bench.js sits next to out/cli.js; the repo root is one up. */
const cliScript = join(__dirname, 'cli.js');
const floorScript = join(__dirname, 'nodeFloorClient.js');
const repoRoot = join(__dirname, '..');
const SUBJECT = 'load-test-localhost';
const WITHOUT_DIAGNOSIS = 'load-test-localhost --no-diagnosis';
/** Time for sockets of the previous run to finish closing before the next one starts. */
const PAUSE_MS = 1000;
const WARM_UP_SECONDS = 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(generator: LoadGenerator, spec: LoadSpec): Promise<Sample | undefined> {
  const { command, args } = generator.command(spec);
  const run = await runMeasured(command, args, (spec.seconds + 30) * 1000);
  try {
    const reading = generator.read(run.stdout);
    if (reading.requests === 0) throw new Error('no requests completed');
    return {
      requestsPerSec: reading.requestsPerSec,
      cpuUsPerRequest: (run.cpuMs * 1000) / reading.requests,
      errors: reading.errors,
      requests: reading.requests,
      cpuMs: run.cpuMs,
      samplerCpuMs: reading.samplerCpuMs,
      samplerStartupCpuMs: reading.samplerStartupCpuMs,
    };
  } catch (err) {
    console.error(`  ${generator.name} (${spec.mode}) gave no reading: ${(err as Error).message}; exit ${run.exitCode}`);
    console.error(`  ${run.stderr.trim().split('\n').slice(-3).join('\n  ')}`);
    return undefined;
  }
}

async function benchMode(url: string, mode: BenchMode, generators: LoadGenerator[]): Promise<ModeResults> {
  const samples = new Map<string, Sample[]>(generators.map((g) => [g.name, []]));
  const spec: LoadSpec = { url, mode, connections, seconds };
  // Warm the server (page cache, nginx workers) with the first generator before anything is counted.
  await measure(generators[0], { ...spec, seconds: WARM_UP_SECONDS });
  for (let round = 0; round < rounds; round++) {
    // Interleaved, and the order rotates each round so no generator always runs right after the same one.
    for (let i = 0; i < generators.length; i++) {
      const generator = generators[(i + round) % generators.length];
      await sleep(PAUSE_MS);
      const sample = await measure(generator, spec);
      if (sample) samples.get(generator.name)!.push(sample);
      const line = sample
        ? `${Math.round(sample.requestsPerSec)} req/s, ${sample.cpuUsPerRequest.toFixed(1)} us CPU/req, ${sample.errors} errors`
        : 'failed';
      console.error(`  [${mode} round ${round + 1}/${rounds}] ${generator.name}: ${line}`);
    }
  }
  for (const [name, list] of samples) if (list.length === 0) samples.delete(name);
  return { mode, samples };
}

/**
 * CPU (ms) the diagnosis adds to one run whatever its length: one-request runs with and without it, alternated,
 * medians of `rounds` each (the sampler's start-up, ss, dmesg before and after, the findings).
 */
async function diagnosisFixedCpuMs(url: string, rounds = 7): Promise<number | undefined> {
  const cpu = { with: [] as number[], without: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    for (const variant of ['with', 'without'] as const) {
      const args = [cliScript, url, '-n', '1', '-c', '1', '-q', '--no-color', ...(variant === 'without' ? ['--no-diagnosis'] : [])];
      const run = await runMeasured(process.execPath, args, 30_000);
      if (run.exitCode === 0) cpu[variant].push(run.cpuMs);
    }
  }
  if (cpu.with.length === 0 || cpu.without.length === 0) return undefined;
  return Math.max(0, median(cpu.with) - median(cpu.without));
}

async function main(): Promise<void> {
  const workerCounts = values.workers ? values.workers.split(',').map(Number) : [];
  const wanted = values.tools?.split(',');
  const generators = [
    ...installedPeers(repoRoot),
    loadTestLocalhost(cliScript),
    loadTestLocalhost(cliScript, { diagnosis: false }),
    // Load threads at normal priority: what yielding the CPU to the server changes.
    loadTestLocalhost(cliScript, { fullPriority: true }),
    // The same engine on undici: how close undici gets, measured side by side.
    loadTestLocalhost(cliScript, { httpClient: 'undici' }),
    ...workerCounts.map((n) => loadTestLocalhost(cliScript, { workers: n })),
    // Without keep-alive: bare Node clients that measure nothing, the floor of any generator written on Node.
    nodeFloor(floorScript, 'net'),
    nodeFloor(floorScript, 'internal'),
  ].filter((g) => !wanted || wanted.some((name) => g.name.startsWith(name)));
  if (generators.length === 0) throw new Error(`No generator matches --tools ${values.tools}`);
  console.log(
    `Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; ` +
      `${connections} connections, ${seconds} s per run, ${rounds} rounds interleaved; ` +
      'CPU = user+system of the generator process (all threads) over its whole life, per response received. ' +
      `${SUBJECT} runs with its kernel diagnosis on, as users run it.`,
  );
  for (const name of values.targets!.split(',') as BenchTargetName[]) {
    const target = await startBenchTarget(name);
    if (!target) {
      console.log(`\n${name}: not installed, skipped`);
      continue;
    }
    const onSigint = () => {
      void target.stop();
      process.exit(130);
    };
    process.once('SIGINT', onSigint);
    console.log(`\n== ${target.name}: ${target.url} — ${target.description}`);
    try {
      const fixedMs = generators.some((g) => g.name === SUBJECT) ? await diagnosisFixedCpuMs(target.url) : undefined;
      for (const mode of modes) {
        const title = mode === 'keep-alive' ? 'Keep-alive' : 'New connection per request';
        if (mode === 'keep-alive' && !target.keepAlive) {
          console.log(`\n${title}: not measured, the server closes every connection`);
          continue;
        }
        console.error(`\n${target.name}, ${mode}:`);
        const here = generators.filter((g) => (!g.modes || g.modes.includes(mode)) && (!g.targets || g.targets.includes(name)));
        const results = await benchMode(target.url, mode, here);
        console.log(`\n${title}, ${connections} connections\n`);
        console.log(formatModeTable(results));
        const workers = defaultWorkerCount(connections);
        console.log(`\n${SUBJECT} (default: ${workers} workers at ${connections} connections):`);
        console.log(formatRatios(results, SUBJECT, target.name));
        const withDiagnosis = results.samples.get(SUBJECT) ?? [];
        const share = diagnosisCpuShare(withDiagnosis, results.samples.get(WITHOUT_DIAGNOSIS) ?? [], seconds);
        console.log(formatDiagnosisCpu(share, withDiagnosis, seconds, fixedMs));
        const floors = formatNodeFloors(results, SUBJECT);
        if (floors) console.log(`\n${floors}`);
      }
    } finally {
      process.removeListener('SIGINT', onSigint);
      await target.stop();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
