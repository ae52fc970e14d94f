// `load-test-localhost <url> ...`: the engine and the diagnosis for terminals and CI.
import { writeFileSync } from 'node:fs';
import { UsageError } from '../engine/loadOptions';
import { formatHostPort, TargetUnreachableError } from '../engine/loopbackTarget';
import { TOOL_VERSION } from '../engine/toolVersion';
import { runLoadTest } from '../loadTest/runLoadTest';
import { formatRunReport } from '../report/textReport';
import { textStyle } from '../report/textStyle';
import type { RunResult } from '../shared/result';
import { formatVerdicts, judgeThresholds, type Threshold } from '../thresholds/failOnThresholds';
import { parseCliArguments, USAGE, type CliRequest } from './cliArguments';
import { discoverIn, runningTarget, startDevScript, TargetNotFound, type StartedServer } from './devServerTarget';
import { discoveryListing, formatDiscoveryListing } from './discoveryListing';
import { runExportCommand } from './exportCommand';
import { readImportFile, writeImportJson } from './importCommand';
import { renderProgressLine } from './progressLine';

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_UNREACHABLE = 3;
/** A --fail-on threshold failed (the report lists each as pass or FAIL). */
export const EXIT_THRESHOLDS = 4;

/** Prints the verdicts under the report; true when every threshold passed. */
function reportThresholds(failOn: Threshold[] | undefined, result: RunResult, color: boolean, out: NodeJS.WritableStream): boolean {
  if (!failOn) return true;
  const verdicts = judgeThresholds(failOn, result);
  out.write(`\n${formatVerdicts(verdicts, textStyle(color))}\n`);
  return verdicts.every((v) => v.passed);
}

export async function runCli(argv: string[]): Promise<number> {
  const stderr = process.stderr;
  let command;
  try {
    command = parseCliArguments(argv, { noColor: 'NO_COLOR' in process.env, isTty: Boolean(process.stdout.isTTY) });
  } catch (err) {
    stderr.write(`load-test-localhost: ${(err as Error).message}\nTry --help.\n`);
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
      const result = readImportFile(request.file, request.url);
      const reportOut = request.jsonFile === '-' ? stderr : process.stdout;
      reportOut.write(`${formatRunReport(result, { color: request.color })}\n`);
      writeImportJson(request, result, { stdout: process.stdout });
      return reportThresholds(request.failOn, result, request.color, reportOut) ? EXIT_OK : EXIT_THRESHOLDS;
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
  const live = !request.quiet && Boolean(stderr.isTTY);
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      stderr.write('\nStopping: the report covers everything done so far (Ctrl-C again to quit at once).\n');
      controller.abort();
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await runLoadTest(request.load, {
      signal: controller.signal,
      skipDiagnosis: !request.diagnosis,
      onPreflight: (findings) => {
        for (const f of findings) if (!request.quiet) stderr.write(`Before the run: ${f.title}\n`);
      },
      onLoadStart: (target) => {
        if (!request.quiet) stderr.write(`Load-testing ${request.load.url} at ${formatHostPort(target.connectAddress, target.port)}: Ctrl-C stops and reports what was measured.\n`);
      },
      onProgress: live ? (p) => stderr.write(`\r\x1b[2K${renderProgressLine(p)}`) : undefined,
    });
    if (live) stderr.write('\r\x1b[2K');
    const report = formatRunReport(result, { color: request.color, findings: request.diagnosis });
    const reportOut = request.jsonFile === '-' ? stderr : process.stdout;
    if (request.jsonFile === '-') {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      stderr.write(`${report}\n`);
    } else {
      process.stdout.write(`${report}\n`);
      if (request.jsonFile) {
        writeFileSync(request.jsonFile, `${JSON.stringify(result, null, 2)}\n`);
        stderr.write(`Result written to ${request.jsonFile}\n`);
      }
    }
    return reportThresholds(request.failOn, result, request.color, reportOut) ? EXIT_OK : EXIT_THRESHOLDS;
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
    process.off('SIGINT', onSigint);
  }
}
