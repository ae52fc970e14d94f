// `load-test-localhost <url> ...`: the engine and the diagnosis for terminals and CI.
import { UsageError } from '../engine/loadOptions';
import { formatHostPort, TargetUnreachableError } from '../engine/loopbackTarget';
import { redactUrl } from '../shared/secrets';
import { TOOL_VERSION } from '../engine/toolVersion';
import { runLoadTest } from '../loadTest/runLoadTest';
import { formatRunReport } from '../report/textReport';
import { textStyle } from '../report/textStyle';
import type { RunResult } from '../shared/result';
import { formatVerdicts, judgeThresholds, type Threshold, type ThresholdVerdict } from '../thresholds/failOnThresholds';
import { parseCliArguments, USAGE, type CliRequest } from './cliArguments';
import { discoverIn, runningTarget, startDevScript, TargetNotFound, type StartedServer } from './devServerTarget';
import { discoveryListing, formatDiscoveryListing } from './discoveryListing';
import { checkOutputPath, saveJson } from './jsonOutput';
import { runExportCommand } from './exportCommand';
import { readImportFile, writeImportJson } from './importCommand';
import { renderProgressLine } from './progressLine';

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_UNREACHABLE = 3;
/** The run happened but its JSON could not be written where asked (it was saved elsewhere, or printed). */
export const EXIT_OUTPUT_FAILED = 1;

/** Ctrl-C, a closed terminal, and `timeout`, `docker stop` or a cancelled CI job all end a run the same way. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<(typeof STOP_SIGNALS)[number], number> = { SIGINT: 2, SIGHUP: 1, SIGTERM: 15 };
/** A --fail-on threshold failed (the report lists each as pass or FAIL). */
export const EXIT_THRESHOLDS = 4;

/** The result with its --fail-on verdicts, so a CI job reading the JSON sees which threshold failed. */
function withThresholds<T extends RunResult>(failOn: Threshold[] | undefined, result: T): { result: T; verdicts?: ThresholdVerdict[] } {
  if (!failOn) return { result };
  const verdicts = judgeThresholds(failOn, result);
  const thresholds = verdicts.map((v) => ({
    threshold: v.threshold.text,
    passed: v.passed,
    measured: Number.isFinite(v.measured) ? v.measured : null,
    measuredText: v.measuredText,
  }));
  return { result: { ...result, thresholds }, verdicts };
}

/** Prints the verdicts under the report; true when every threshold passed. */
function reportThresholds(verdicts: ThresholdVerdict[] | undefined, color: boolean, out: NodeJS.WritableStream): boolean {
  if (!verdicts) return true;
  out.write(`\n${formatVerdicts(verdicts, textStyle(color))}\n`);
  return verdicts.every((v) => v.passed);
}

export async function runCli(argv: string[]): Promise<number> {
  const stderr = process.stderr;
  let command;
  try {
    command = parseCliArguments(argv, { noColor: 'NO_COLOR' in process.env, isTty: Boolean(process.stdout.isTTY) });
  } catch (err) {
    stderr.write(`load-test-localhost: ${(err as Error).message} (see --help)\n`);
    return EXIT_USAGE;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  if (command.kind === 'export' || command.kind === 'import') {
    try {
      if (command.kind === 'export') {
        runExportCommand(command.request, { stdout: process.stdout, stderr });
        return EXIT_OK;
      }
      const { request } = command;
      if (request.jsonFile !== undefined && request.jsonFile !== '-') checkOutputPath(request.jsonFile, '--json');
      const { result, verdicts } = withThresholds(request.failOn, readImportFile(request.file, request.url));
      const reportOut = request.jsonFile === '-' ? stderr : process.stdout;
      reportOut.write(`${formatRunReport(result, { color: request.color })}\n`);
      const written = writeImportJson(request, result, { stdout: process.stdout, stderr });
      const passed = reportThresholds(verdicts, request.color, reportOut);
      return !written ? EXIT_OUTPUT_FAILED : passed ? EXIT_OK : EXIT_THRESHOLDS;
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      stderr.write(`load-test-localhost: ${err.message}\n`);
      return EXIT_USAGE;
    }
  }
  if (command.kind === 'discover') {
    const listing = discoveryListing(command.folder, await discoverIn(command.folder));
    process.stdout.write(command.json ? `${JSON.stringify(listing, null, 2)}\n` : `${formatDiscoveryListing(listing)}\n`);
    return EXIT_OK;
  }
  const { request } = command;
  if (request.jsonFile !== undefined && request.jsonFile !== '-') {
    try {
      checkOutputPath(request.jsonFile, '--json');
    } catch (err) {
      stderr.write(`load-test-localhost: ${(err as Error).message}\n`);
      return EXIT_USAGE;
    }
  }
  let started: StartedServer | undefined;
  if (request.discoverIn !== undefined) {
    try {
      const report = await discoverIn(request.discoverIn);
      try {
        request.load.url = runningTarget(report, request.discoverIn, request.start).url;
      } catch (err) {
        const script = report.startable[0];
        if (!(err instanceof TargetNotFound) || err.exitCode !== EXIT_UNREACHABLE || !request.start || !script) throw err;
        started = await startDevScript(script, request.discoverIn, (line) => stderr.write(`${line}\n`));
        request.load.url = started.candidate.url;
      }
      if (!request.quiet) stderr.write(`Found ${request.load.url} running from ${request.discoverIn}.\n`);
    } catch (err) {
      if (!(err instanceof TargetNotFound)) throw err;
      stderr.write(`load-test-localhost: ${err.message}\n`);
      return err.exitCode;
    }
  }
  try {
    return await runRequest(request);
  } finally {
    await started?.stop();
  }
}

async function runRequest(request: CliRequest): Promise<number> {
  const stderr = process.stderr;
  // A closed terminal (SIGHUP) makes writes fail with EIO or EPIPE: the JSON must still be written.
  for (const stream of [process.stdout, stderr]) stream.on('error', () => undefined);
  const live = !request.quiet && Boolean(stderr.isTTY);
  const controller = new AbortController();
  let interrupts = 0;
  const onStopSignal = (signal: (typeof STOP_SIGNALS)[number]) => {
    interrupts++;
    if (interrupts === 1) {
      const how = signal === 'SIGINT' ? 'Ctrl-C again to quit at once' : `${signal} again to quit at once`;
      stderr.write(`\nStopping (${signal}): the report covers everything done so far (${how}).\n`);
      controller.abort();
    } else {
      process.exit(128 + SIGNAL_NUMBERS[signal]);
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onStopSignal);
  try {
    const measured = await runLoadTest(request.load, {
      signal: controller.signal,
      skipDiagnosis: !request.diagnosis,
      // This thread only gathers the load threads' counts during the run: the kernel sampler shares it.
      kernelSamplerOnThisThread: true,
      onPreflight: (findings) => {
        for (const f of findings) if (!request.quiet) stderr.write(`Before the run: ${f.title}\n`);
      },
      onLoadStart: (target) => {
        if (!request.quiet) stderr.write(`Load-testing ${redactUrl(request.load.url)} at ${formatHostPort(target.connectAddress, target.port)}: Ctrl-C stops and reports what was measured.\n`);
      },
      onProgress: live ? (p) => stderr.write(`\r\x1b[2K${renderProgressLine(p)}`) : undefined,
    });
    if (live) stderr.write('\r\x1b[2K');
    const { result, verdicts } = withThresholds(request.failOn, measured);
    const report = formatRunReport(result, { color: request.color, findings: request.diagnosis });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    const reportOut = request.jsonFile === '-' ? stderr : process.stdout;
    if (request.jsonFile === '-') {
      process.stdout.write(json);
      stderr.write(`${report}\n`);
      return reportThresholds(verdicts, request.color, reportOut) ? EXIT_OK : EXIT_THRESHOLDS;
    }
    // The file first: after a SIGHUP the terminal may be gone before the report is printed.
    const saved = request.jsonFile !== undefined ? saveJson(request.jsonFile, json) : undefined;
    process.stdout.write(`${report}\n`);
    const thresholdsPassed = reportThresholds(verdicts, request.color, reportOut);
    if (saved !== undefined && 'lost' in saved) {
      stderr.write(`load-test-localhost: could not write ${request.jsonFile} (${saved.lost}); the JSON follows on stdout\n`);
      process.stdout.write(json);
      return EXIT_OUTPUT_FAILED;
    }
    if (saved?.failed !== undefined) {
      stderr.write(`load-test-localhost: could not write ${saved.failed} (${saved.why}); the result is saved in ${saved.written}\n`);
      return EXIT_OUTPUT_FAILED;
    }
    if (saved !== undefined) stderr.write(`Result written to ${saved.written}\n`);
    return thresholdsPassed ? EXIT_OK : EXIT_THRESHOLDS;
  } catch (err) {
    if (err instanceof UsageError) {
      stderr.write(`load-test-localhost: ${err.message}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof TargetUnreachableError) {
      stderr.write(`load-test-localhost: ${err.message}\n`);
      return EXIT_UNREACHABLE;
    }
    throw err;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onStopSignal);
  }
}
