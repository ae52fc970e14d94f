// A /proc file opened once and read again from its start (pread at offset 0 restarts a seq_file) for as long as a
// run is sampled. Opening a /proc/net file costs the machine more than reading it: against a CPU-bound Node server
// (wrk, 50 keep-alive connections, 2 cores), another process opening and closing /proc/net/tcp every 100 ms took
// 5-7% of the server's requests per second, and reading its first 450 bytes the same; reading those bytes through
// one descriptor kept open took nothing measurable (88-90k req/s against 87-89k with no reader). The same held for
// /proc/net/netstat.
import { closeSync, openSync, readSync } from 'node:fs';

export class OpenProcFile {
  private fd: number | undefined;
  private static readonly wholeFile = Buffer.allocUnsafe(64 * 1024);

  constructor(readonly path: string) {}

  get isOpen(): boolean {
    return this.fd !== undefined;
  }

  /** Reads up to `length` bytes at `position` (0: the start, made anew); opens the file on first use. Throws. */
  readAt(buffer: Buffer, length: number, position: number): number {
    if (this.fd === undefined) this.fd = openSync(this.path, 'r');
    return readSync(this.fd, buffer, 0, length, position);
  }

  /** The whole file as text, read from its start. Throws. */
  readText(): string {
    const buffer = OpenProcFile.wholeFile;
    let text = '';
    let position = 0;
    for (;;) {
      const n = this.readAt(buffer, buffer.length, position);
      if (n === 0) return text;
      text += buffer.toString('latin1', 0, n);
      position += n;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // Already gone: nothing to release.
    }
    this.fd = undefined;
  }
}
