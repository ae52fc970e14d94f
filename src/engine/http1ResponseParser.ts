// Frames HTTP/1.x responses on one socket's byte stream for the lean load path. It reads only what a load test needs:
// the status, the framing (Content-Length, chunked, until close) and whether the connection stays open. Headers are
// never turned into strings or arrays: that materialisation is most of what llhttp-based clients spend per response
// beyond the socket (measured with 50 keep-alive connections: ~16.6 us CPU per response with Node's llhttp binding,
// ~12.5 us with this framing only). A head that repeats the last one byte for byte, as most servers' heads do between
// the seconds of their Date header, is recognised by one compare and not parsed again.

export interface ResponseEvents {
  /** The final (non-1xx) status line and headers are in. */
  onHead(status: number): void;
  onBodyBytes(count: number): void;
  /** The response is complete; `keepAlive`: the connection may carry the next request. */
  onComplete(keepAlive: boolean): void;
}

/** The response is not valid HTTP/1.x. Named like llhttp's errors so it is classified the same way. */
export class HttpParseError extends Error {
  override name = 'HTTPParserError';
  constructor(
    message: string,
    readonly code = 'HPE_INVALID_RESPONSE',
  ) {
    super(message);
  }
}

/** As undici's default maxHeaderSize: a larger head is an error, not an unbounded buffer. */
const MAX_HEAD_BYTES = 16 * 1024;
/** Longer heads are parsed each time: the copy and compare would cost more than they save. */
const MAX_REMEMBERED_HEAD_BYTES = 2048;
/**
 * Most servers' heads change once a second at most (Date). After this many changes in a row, the head is taken to
 * change with every response (a request id), and is no longer remembered.
 */
const HEAD_CHANGES_BEFORE_GIVING_UP = 16;
/** A chunk-size line with extensions longer than this is garbage. */
const MAX_CHUNK_LINE_BYTES = 1024;

const CR = 13;
const LF = 10;
const COLON = 58;
const SPACE = 32;
const TAB = 9;
const SEMICOLON = 59;
const HEAD_END = Buffer.from('\r\n\r\n');

const enum Phase {
  /** Between responses: bytes here are unsolicited. */
  Idle,
  Head,
  FixedBody,
  ChunkSizeLine,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
}

export class Http1ResponseParser {
  private phase = Phase.Idle;
  private expectBody = true;
  private keepAlive = true;
  /** A head (or chunk-size line) split across reads, kept until its end arrives. */
  private pending: Buffer | undefined;
  private remaining = 0;
  /** Trailers: bytes matched of the CRLF that ends an empty line (0..2), and whether the line so far is empty. */
  private trailerLineEmpty = true;
  // The last head read, as parseHead left it.
  private status = 0;
  private contentLength = -1;
  private transferEncoding = false;
  private chunked = false;
  private connectionClose = false;
  /** A copy of the last head parsed, while these fields describe it (see afterRememberedHead). */
  private lastHead: Buffer | undefined;
  /** How many responses in a row had a head other than the one remembered. */
  private headChanges = 0;

  constructor(private readonly events: ResponseEvents) {}

  /** Expects the response to the request just sent. `expectBody` is false for HEAD, whose response has no body. */
  expectResponse(expectBody: boolean): void {
    this.phase = Phase.Head;
    this.expectBody = expectBody;
    this.pending = undefined;
  }

  /** Between responses, or waiting for one that has not started: the connection can close without losing data. */
  get atMessageStart(): boolean {
    return this.phase === Phase.Idle || (this.phase === Phase.Head && this.pending === undefined);
  }

  /**
   * Consumes chunk[0, end); returns how many bytes belong to responses. Fewer than `end` means bytes arrived after
   * a complete response with no request waiting. Throws HttpParseError on anything that is not HTTP. Keeps no
   * reference to `chunk`: the caller may reuse it for the next read.
   */
  execute(chunk: Buffer, end = chunk.length): number {
    let at = 0;
    while (at < end) {
      switch (this.phase) {
        case Phase.Idle:
          return at;
        case Phase.Head:
          at = this.readHead(chunk, at, end);
          break;
        case Phase.FixedBody:
          at += this.takeBody(end - at);
          if (this.remaining === 0) this.complete();
          break;
        case Phase.ChunkSizeLine:
          at = this.readChunkSizeLine(chunk, at, end);
          break;
        case Phase.ChunkData:
          at += this.takeBody(end - at);
          if (this.remaining === 0) {
            this.phase = Phase.ChunkDataEnd;
            this.remaining = 2;
          }
          break;
        case Phase.ChunkDataEnd: {
          const expected = this.remaining === 2 ? CR : LF;
          if (chunk[at] !== expected) throw new HttpParseError('chunk data not followed by CRLF', 'HPE_INVALID_CHUNK_SIZE');
          at++;
          if (--this.remaining === 0) this.phase = Phase.ChunkSizeLine;
          break;
        }
        case Phase.Trailers:
          at = this.readTrailers(chunk, at, end);
          break;
        case Phase.UntilClose:
          this.events.onBodyBytes(end - at);
          at = end;
          break;
      }
    }
    return at;
  }

  /**
   * The peer closed. Completes a body that runs until close; returns false if a response was cut short (or never
   * began: the caller knows which from its own state).
   */
  finish(): boolean {
    if (this.phase === Phase.UntilClose) {
      this.keepAlive = false;
      this.complete();
      return true;
    }
    return this.phase === Phase.Idle;
  }

  /** Counts body bytes of a known length (a fixed body or one chunk) out of `available`; returns how many. */
  private takeBody(available: number): number {
    const take = Math.min(this.remaining, available);
    this.remaining -= take;
    this.events.onBodyBytes(take);
    return take;
  }

  private complete(): void {
    this.phase = Phase.Idle;
    this.events.onComplete(this.keepAlive);
  }

  private readHead(chunk: Buffer, at: number, end: number): number {
    if (!this.pending) {
      // Nearly always: the whole head is in this read, and one pass over it both frames and reads it.
      let after = this.afterRememberedHead(chunk, at, end);
      if (after < 0) after = this.parseHead(chunk, at, end);
      if (after >= 0) {
        this.startBody();
        return after;
      }
      this.keepPartialHead(chunk, at, end);
      return end;
    }
    // Rare: the head arrives in pieces. Search only where its end marker could newly appear, and parse the head
    // once it is all there (parsing every piece from the start again would cost O(n²) for a head sent bytewise).
    const pendingBytes = this.pending.length;
    const buffer = Buffer.concat([this.pending, chunk.subarray(at, end)]);
    const headEnd = buffer.indexOf(HEAD_END, Math.max(0, pendingBytes - 3));
    if (headEnd < 0) {
      this.keepPartialHead(buffer, 0, buffer.length);
      return end;
    }
    this.pending = undefined;
    const after = this.parseHead(buffer, 0, headEnd + 4);
    if (after < 0) throw new HttpParseError('malformed response head', 'HPE_INVALID_CONSTANT');
    this.startBody();
    // Back to `chunk`'s coordinates: the buffer began with the pending bytes, then chunk[at...].
    return after - pendingBytes + at;
  }

  /**
   * When chunk[at...] begins with the same bytes as the last head parsed, the index after them, as parseHead would
   * return it; otherwise -1. Such a head needs no parsing: its fields are still those parseHead left. One memcmp
   * (~60 ns for nginx's 240-byte head) against ~230 ns to parse it.
   */
  private afterRememberedHead(chunk: Buffer, at: number, end: number): number {
    const last = this.lastHead;
    if (last === undefined || end - at < last.length) return -1;
    if (chunk.compare(last, 0, last.length, at, at + last.length) === 0) {
      this.headChanges = 0;
      return at + last.length;
    }
    // A server whose every head differs (a request id, a timestamp in ms) stops being compared and copied.
    this.headChanges++;
    return -1;
  }

  /** Keeps the start of a head until the rest arrives, unless it is already too long or not HTTP. */
  private keepPartialHead(buffer: Buffer, start: number, end: number): void {
    if (end - start > MAX_HEAD_BYTES) throw new HttpParseError('response head larger than 16 KiB', 'HPE_HEADER_OVERFLOW');
    this.checkStatusLinePrefix(buffer, start, end);
    this.pending = Buffer.from(buffer.subarray(start, end));
  }

  /** Fails fast on garbage instead of waiting for 16 KiB of it. */
  private checkStatusLinePrefix(buffer: Buffer, start: number, end: number): void {
    const prefix = 'HTTP/';
    const n = Math.min(prefix.length, end - start);
    if (n >= 2 && answeredWithTls(buffer[start], buffer[start + 1])) {
      throw new HttpParseError('the server answered with TLS: it expects https://', 'ERR_TLS_ANSWER_TO_PLAIN_HTTP');
    }
    for (let i = 0; i < n; i++) {
      if (buffer[start + i] !== prefix.charCodeAt(i)) throw new HttpParseError('response does not start with HTTP/', 'HPE_INVALID_CONSTANT');
    }
  }

  /**
   * Parses the head that starts at buffer[start] if all of it lies in buffer[start, end): returns the index after its
   * final CRLF, or -1 when it goes on past `end` (nothing is reported then). Each line's LF is found by
   * Buffer.indexOf with a byte (~15 ns: V8 calls Node's C++ through its fast API path), then its name is read up to
   * the colon. Searching for the CRLF CRLF first (a Buffer needle: ~90 ns) and testing every byte in JS for both LF
   * and colon cost 510 ns per nginx response (9 header lines); this, 260 ns.
   */
  private parseHead(buffer: Buffer, start: number, end: number): number {
    // Whatever happens below, the fields no longer describe the last head.
    this.lastHead = undefined;
    // Status line: HTTP/<d>.<d> SP <3 digits> [SP reason] CRLF
    if (end - start < 13) return -1;
    if (
      buffer[start] !== 72 || buffer[start + 1] !== 84 || buffer[start + 2] !== 84 || buffer[start + 3] !== 80 ||
      buffer[start + 4] !== 47 || buffer[start + 6] !== 46 || buffer[start + 8] !== SPACE
    ) {
      throw new HttpParseError('invalid status line', 'HPE_INVALID_CONSTANT');
    }
    const major = buffer[start + 5] - 48;
    const minor = buffer[start + 7] - 48;
    const status = digit(buffer[start + 9]) * 100 + digit(buffer[start + 10]) * 10 + digit(buffer[start + 11]);
    if (major !== 1 || minor < 0 || minor > 9 || !(status >= 100 && status <= 999)) {
      throw new HttpParseError('invalid status line', 'HPE_INVALID_STATUS');
    }
    const afterStatus = buffer[start + 12];
    if (afterStatus !== SPACE && afterStatus !== CR) throw new HttpParseError('invalid status line', 'HPE_INVALID_STATUS');
    const statusLineEnd = lineFeed(buffer, start + 12, end);
    if (statusLineEnd < 0) return tooLong(start, end);
    if (buffer[statusLineEnd - 1] !== CR) throw new HttpParseError('status line without CRLF', 'HPE_LF_EXPECTED');

    let contentLength = -1;
    let chunked = false;
    let transferEncoding = false;
    let connectionClose = minor === 0;
    let lineStart = statusLineEnd + 1;
    for (;;) {
      if (lineStart + 1 >= end) return tooLong(start, end);
      if (buffer[lineStart] === CR) {
        if (buffer[lineStart + 1] !== LF) throw new HttpParseError('header line without CRLF', 'HPE_LF_EXPECTED');
        lineStart += 2;
        break;
      }
      const lineEnd = lineFeed(buffer, lineStart, end);
      if (lineEnd < 0) return tooLong(start, end);
      if (buffer[lineEnd - 1] !== CR) throw new HttpParseError('header line without CRLF', 'HPE_LF_EXPECTED');
      let colon = lineStart;
      while (colon < lineEnd && buffer[colon] !== COLON) colon++;
      if (colon === lineStart || colon === lineEnd) throw new HttpParseError('header line without a name', 'HPE_INVALID_HEADER_TOKEN');
      // Only three headers decide the framing; their names are compared as bytes, without making strings.
      if (nameIs(buffer, lineStart, colon, CONTENT_LENGTH)) {
        const length = decimalValue(buffer, colon + 1, lineEnd - 1);
        if (contentLength >= 0 && contentLength !== length) throw new HttpParseError('conflicting Content-Length headers', 'HPE_UNEXPECTED_CONTENT_LENGTH');
        contentLength = length;
      } else if (nameIs(buffer, lineStart, colon, TRANSFER_ENCODING)) {
        transferEncoding = true;
        // Chunked must be the last coding (RFC 9112 6.1); anything else runs until close.
        chunked = /(?:^|,)\s*chunked\s*$/i.test(trimmedValue(buffer, colon + 1, lineEnd - 1));
      } else if (nameIs(buffer, lineStart, colon, CONNECTION)) {
        const options = connectionOptions(buffer, colon + 1, lineEnd - 1);
        if (options.close) connectionClose = true;
        else if (minor === 0 && options.keepAlive) connectionClose = false;
      }
      lineStart = lineEnd + 1;
    }
    if (lineStart - start > MAX_HEAD_BYTES + 4) throw new HttpParseError('response head larger than 16 KiB', 'HPE_HEADER_OVERFLOW');

    this.status = status;
    this.contentLength = contentLength;
    this.transferEncoding = transferEncoding;
    this.chunked = chunked;
    this.connectionClose = connectionClose;
    if (status >= 200 && this.headChanges < HEAD_CHANGES_BEFORE_GIVING_UP && lineStart - start <= MAX_REMEMBERED_HEAD_BYTES) {
      this.lastHead = Buffer.from(buffer.subarray(start, lineStart));
    }
    return lineStart;
  }

  /** Acts on the head just read (its fields): what follows it, and what it tells the connection. */
  private startBody(): void {
    const status = this.status;
    if (status < 200) {
      // 1xx (100 Continue, 103 Early Hints): the final response follows on the same stream.
      this.phase = Phase.Head;
      return;
    }
    this.events.onHead(status);
    this.keepAlive = !this.connectionClose;
    if (!this.expectBody || status === 204 || status === 304) {
      this.complete();
    } else if (this.transferEncoding) {
      if (this.chunked) this.phase = Phase.ChunkSizeLine;
      else this.untilClose();
    } else if (this.contentLength >= 0) {
      this.remaining = this.contentLength;
      if (this.contentLength === 0) this.complete();
      else this.phase = Phase.FixedBody;
    } else {
      this.untilClose();
    }
  }

  private untilClose(): void {
    this.keepAlive = false;
    this.phase = Phase.UntilClose;
  }

  private readChunkSizeLine(chunk: Buffer, at: number, end: number): number {
    let buffer = chunk;
    let start = at;
    let bufferEnd = end;
    if (this.pending) {
      buffer = Buffer.concat([this.pending, chunk.subarray(at, end)]);
      start = 0;
      bufferEnd = buffer.length;
    }
    let lineEnd = buffer.indexOf(LF, start);
    if (lineEnd >= bufferEnd) lineEnd = -1;
    if (lineEnd < 0) {
      if (bufferEnd - start > MAX_CHUNK_LINE_BYTES) throw new HttpParseError('chunk-size line too long', 'HPE_INVALID_CHUNK_SIZE');
      this.pending = Buffer.from(buffer.subarray(start, bufferEnd));
      return end;
    }
    if (buffer[lineEnd - 1] !== CR || lineEnd - 1 <= start) throw new HttpParseError('invalid chunk-size line', 'HPE_INVALID_CHUNK_SIZE');
    let size = 0;
    let digits = 0;
    for (let i = start; i < lineEnd - 1; i++) {
      const c = buffer[i];
      if (c === SEMICOLON || c === SPACE || c === TAB) break; // chunk extensions are ignored
      const value = hexDigit(c);
      if (value < 0 || ++digits > 12) throw new HttpParseError('invalid chunk size', 'HPE_INVALID_CHUNK_SIZE');
      size = size * 16 + value;
    }
    if (digits === 0) throw new HttpParseError('invalid chunk size', 'HPE_INVALID_CHUNK_SIZE');
    const pendingBytes = this.pending ? this.pending.length : 0;
    this.pending = undefined;
    if (size === 0) {
      this.phase = Phase.Trailers;
      this.trailerLineEmpty = true;
    } else {
      this.phase = Phase.ChunkData;
      this.remaining = size;
    }
    return pendingBytes > 0 ? lineEnd + 1 - pendingBytes + at : lineEnd + 1;
  }

  /** Skips trailer fields up to the empty line that ends the message. */
  private readTrailers(chunk: Buffer, at: number, end: number): number {
    for (let i = at; i < end; i++) {
      const c = chunk[i];
      if (c === LF) {
        if (this.trailerLineEmpty) {
          this.complete();
          return i + 1;
        }
        this.trailerLineEmpty = true;
      } else if (c !== CR) {
        this.trailerLineEmpty = false;
      }
    }
    return end;
  }
}

/** Lower-case header names as byte codes. */
const CONTENT_LENGTH = codes('content-length');
const TRANSFER_ENCODING = codes('transfer-encoding');
const CONNECTION = codes('connection');
const KEEP_ALIVE = codes('keep-alive');
const CLOSE = codes('close');

function codes(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

/** buffer[from, to) equals `lower` ignoring ASCII case (only letters fold: '-' must be '-'). */
function nameIs(buffer: Buffer, from: number, to: number, lower: number[]): boolean {
  if (to - from !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const b = buffer[from + i];
    const t = lower[i];
    if (b !== t && !(t >= 97 && t <= 122 && b === t - 32)) return false;
  }
  return true;
}

/** A Content-Length value: 1 to 15 digits between optional spaces, read from the bytes. */
function decimalValue(buffer: Buffer, start: number, end: number): number {
  const from = valueStart(buffer, start, end);
  const to = valueEnd(buffer, from, end);
  if (to === from || to - from > 15) throw new HttpParseError(`invalid Content-Length "${buffer.toString('latin1', from, to)}"`, 'HPE_INVALID_CONTENT_LENGTH');
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = buffer[i] - 48;
    if (d < 0 || d > 9) throw new HttpParseError(`invalid Content-Length "${buffer.toString('latin1', from, to)}"`, 'HPE_INVALID_CONTENT_LENGTH');
    value = value * 10 + d;
  }
  return value;
}

/** The Connection header's close and keep-alive options: the single values servers send, read as bytes; a list as text. */
function connectionOptions(buffer: Buffer, start: number, end: number): { close: boolean; keepAlive: boolean } {
  const from = valueStart(buffer, start, end);
  const to = valueEnd(buffer, from, end);
  if (nameIs(buffer, from, to, KEEP_ALIVE)) return KEEP_ALIVE_ONLY;
  if (nameIs(buffer, from, to, CLOSE)) return CLOSE_ONLY;
  const value = buffer.toString('latin1', from, to).toLowerCase();
  return { close: /(?:^|,)\s*close\s*(?:,|$)/.test(value), keepAlive: /(?:^|,)\s*keep-alive\s*(?:,|$)/.test(value) };
}
const KEEP_ALIVE_ONLY = { close: false, keepAlive: true } as const;
const CLOSE_ONLY = { close: true, keepAlive: false } as const;

/** The index of the first LF in buffer[from, end), or -1. */
function lineFeed(buffer: Buffer, from: number, end: number): number {
  const at = buffer.indexOf(LF, from);
  return at < end ? at : -1;
}

/** A head not complete in buffer[start, end): -1, unless it is already over the limit. */
function tooLong(start: number, end: number): number {
  if (end - start > MAX_HEAD_BYTES) throw new HttpParseError('response head larger than 16 KiB', 'HPE_HEADER_OVERFLOW');
  return -1;
}

function digit(c: number): number {
  return c >= 48 && c <= 57 ? c - 48 : NaN;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** A field value's first byte after leading spaces and tabs (RFC 9110 OWS), in buffer[from, to). */
function valueStart(buffer: Buffer, from: number, to: number): number {
  while (from < to && (buffer[from] === SPACE || buffer[from] === TAB)) from++;
  return from;
}

/** The end of a field value without its trailing spaces and tabs, in buffer[from, to). */
function valueEnd(buffer: Buffer, from: number, to: number): number {
  while (to > from && (buffer[to - 1] === SPACE || buffer[to - 1] === TAB)) to--;
  return to;
}

function trimmedValue(buffer: Buffer, start: number, end: number): string {
  const from = valueStart(buffer, start, end);
  return buffer.toString('latin1', from, valueEnd(buffer, from, end));
}

/** A TLS record (alert 0x15 or handshake 0x16, version 3.x) where an HTTP/1.1 status line should be. */
export function answeredWithTls(first: number, second: number): boolean {
  return (first === 0x15 || first === 0x16) && second === 0x03;
}
