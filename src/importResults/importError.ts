// A file that cannot be imported: one sentence for the user (the CLI exits 2, the extension shows it).
import { UsageError } from '../engine/loadOptions';

export class ImportError extends UsageError {
  override name = 'ImportError';
}
