// Listening sockets from /proc/net/tcp and /proc/net/tcp6 (Linux). No external command needed.
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';

export interface ProcNetListener {
  address: string;
  port: number;
  family: 4 | 6;
  inode: number;
}

const TCP_LISTEN = '0A';

/** The kernel prints each 32-bit word of the address in host byte order; put the bytes back in network order. */
function wordBytes(hex8: string, littleEndian: boolean): number[] {
  const bytes = [0, 2, 4, 6].map((i) => parseInt(hex8.slice(i, i + 2), 16));
  return littleEndian ? bytes.reverse() : bytes;
}

export function decodeProcAddress(hex: string, littleEndian = endianness() === 'LE'): string {
  if (hex.length === 8) return wordBytes(hex, littleEndian).join('.');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8), littleEndian));
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // The WHATWG URL parser prints IPv6 in its canonical compressed form ("::1", "::ffff:7f00:1").
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

/** Parses the text of /proc/net/tcp (family 4) or /proc/net/tcp6 (family 6); keeps LISTEN rows only. */
export function parseProcNetTcp(text: string, family: 4 | 6, littleEndian = endianness() === 'LE'): ProcNetListener[] {
  const listeners: ProcNetListener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== TCP_LISTEN) continue;
    const [addressHex, portHex] = fields[1]!.split(':');
    if (!addressHex || !portHex) continue;
    listeners.push({
      address: decodeProcAddress(addressHex, littleEndian),
      port: parseInt(portHex, 16),
      family,
      inode: Number(fields[9]),
    });
  }
  return listeners;
}

/** Reads both tables; a missing table (IPv6 disabled) is not an error. */
export async function readProcNetListeners(procRoot = '/proc'): Promise<ProcNetListener[]> {
  const tables: Array<[string, 4 | 6]> = [
    [`${procRoot}/net/tcp`, 4],
    [`${procRoot}/net/tcp6`, 6],
  ];
  const results = await Promise.all(
    tables.map(async ([file, family]) => {
      try {
        return parseProcNetTcp(await readFile(file, 'utf8'), family);
      } catch {
        return [];
      }
    }),
  );
  return results.flat();
}
