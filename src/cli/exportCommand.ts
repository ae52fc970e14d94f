// `load-test-localhost export k6|locust ...`: the same test as a k6 script or a Locust file, from the flags of a
// run or from a saved result (then with thresholds from what it measured). Nothing is loaded.
import { readFileSync } from 'node:fs';
import { normalizeLoadOptions, UsageError } from '../engine/loadOptions';
import { echoOptions } from '../engine/optionsEcho';
import { renderK6Script } from '../exportScripts/k6Script';
import { planFromOptions, planFromResult, type LoadPlan } from '../exportScripts/loadPlan';
import { renderLocustFile } from '../exportScripts/locustFile';
import type { RunResult } from '../shared/result';
import type { ExportRequest } from './cliArguments';
import { checkOutputPath, writeFileAtomically } from './jsonOutput';

function savedResult(file: string): RunResult {
  let parsed: Partial<RunResult>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunResult>;
  } catch (err) {
    throw new UsageError(`Cannot read ${file} as a saved result: ${(err as Error).message.split('\n')[0]}`);
  }
  if (parsed.schemaVersion !== 1 || !parsed.options || !parsed.latency || !parsed.requests) {
    throw new UsageError(`${file} is not a result saved with --json`);
  }
  if (parsed.imported) throw new UsageError(`${file} was imported from ${parsed.imported.format}: export from the run it came from`);
  return parsed as RunResult;
}

export function exportScript(request: ExportRequest): { text: string; plan: LoadPlan } {
  const plan = request.fromFile
    ? planFromResult(savedResult(request.fromFile), request.margin)
    : planFromOptions(echoOptions(normalizeLoadOptions(request.load!)), 'the command line');
  return { text: request.tool === 'k6' ? renderK6Script(plan) : renderLocustFile(plan), plan };
}

export function runExportCommand(request: ExportRequest, out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): void {
  // A bad -o is one line before anything else is read.
  if (request.outputFile) checkOutputPath(request.outputFile, '-o');
  const { text } = exportScript(request);
  if (!request.outputFile) {
    out.stdout.write(text);
    return;
  }
  try {
    writeFileAtomically(request.outputFile, text);
  } catch (err) {
    throw new UsageError(`-o ${request.outputFile} could not be written: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const run = request.tool === 'k6' ? `k6 run ${request.outputFile}` : `locust -f ${request.outputFile} --headless`;
  out.stderr.write(`${request.tool === 'k6' ? 'k6 script' : 'Locust file'} written to ${request.outputFile}; run it with: ${run} (the comment at its top says how to run it distributed)\n`);
}
