// One entry point for every importable file: the content decides the format (Locust CSV, Locust JSON, k6 summary),
// never the file name, so a renamed file still imports and an unknown one is refused with one sentence.
import { importK6Summary, looksLikeK6Summary } from './k6Summary';
import { importLocustCsv, importLocustJson, looksLikeLocustCsv, looksLikeLocustJson, type ImportContext } from './locustStats';
import type { ImportedRunResult } from './importedResult';
import { ImportError } from './importError';

export type { ImportContext } from './locustStats';
export { ImportError } from './importError';

/** Larger than any summary or stats file (a 10,000-name Locust CSV is about 2 MB). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export function importResultText(text: string, context: ImportContext): ImportedRunResult {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (err) {
      throw new ImportError(`${context.file} is not valid JSON: ${(err as Error).message}`);
    }
    if (looksLikeK6Summary(parsed)) return importK6Summary(parsed, context);
    if (looksLikeLocustJson(parsed)) return importLocustJson(parsed, context);
    if (typeof parsed === 'object' && parsed !== null && 'schemaVersion' in parsed && 'options' in parsed) {
      throw new ImportError(`${context.file} is a Load Test Localhost result; it is already in the format history keeps`);
    }
    throw new ImportError(`${context.file} is neither a k6 summary (--summary-export or handleSummary) nor Locust --json stats`);
  }
  if (looksLikeLocustCsv(trimmed)) return importLocustCsv(trimmed, context);
  throw new ImportError(`${context.file} is not a file Load Test Localhost can import: give k6's --summary-export JSON, Locust's PREFIX_stats.csv, or Locust's --json output`);
}
