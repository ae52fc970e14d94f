// `load-test-localhost import <file>`: a k6 summary or Locust stats as a result: the usual report (empty where the
// other tool measured nothing), `--json` for the whole result, and `--fail-on` to gate CI on another tool's run.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../engine/loadOptions';
import { importResultText, MAX_IMPORT_BYTES } from '../importResults/importResultFile';
import type { ImportedRunResult } from '../importResults/importedResult';
import type { ImportRequest } from './cliArguments';
import { saveJson } from './jsonOutput';

export function readImportFile(file: string, url?: string): ImportedRunResult {
  let size: number;
  let modifiedAt: Date;
  try {
    const stat = statSync(file);
    size = stat.size;
    modifiedAt = stat.mtime;
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (size > MAX_IMPORT_BYTES) throw new UsageError(`${file} is ${size} bytes: larger than any k6 summary or Locust stats file`);
  return importResultText(readFileSync(file, 'utf8'), { file: basename(file), modifiedAt, url });
}

/** Writes --json (checked before the import); false when it could not be written where asked. */
export function writeImportJson(request: ImportRequest, result: ImportedRunResult, out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): boolean {
  if (!request.jsonFile) return true;
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (request.jsonFile === '-') {
    out.stdout.write(json);
    return true;
  }
  const saved = saveJson(request.jsonFile, json);
  if ('lost' in saved) out.stderr.write(`load-test-localhost: --json ${request.jsonFile} could not be written: ${saved.lost}\n`);
  else if (saved.failed) out.stderr.write(`load-test-localhost: --json ${saved.failed} could not be written (${saved.why}); saved to ${saved.written}\n`);
  return !('lost' in saved) && !saved.failed;
}
