import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Http1ResponseParser, HttpParseError } from '../../../src/engine/http1ResponseParser';

interface Seen {
  statuses: number[];
  bodyBytes: number;
  completions: boolean[];
  consumed: number;
}

/** What a reused read buffer holds past the bytes of the current read: framing that must be ignored. */
const staleBytes = Buffer.from('\r\n\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n'.repeat(20), 'latin1');

/** Feeds `wire` in pieces cut at `cuts`, expecting one response per `expectResponse` call in `heads`. */
function parse(wire: string | Buffer, cuts: number[] = [], expectBody = true, atEof = false): Seen {
  const bytes = typeof wire === 'string' ? Buffer.from(wire, 'latin1') : wire;
  const seen: Seen = { statuses: [], bodyBytes: 0, completions: [], consumed: 0 };
  const parser = new Http1ResponseParser({
    onHead: (status) => seen.statuses.push(status),
    onBodyBytes: (n) => (seen.bodyBytes += n),
    onComplete: (keepAlive) => seen.completions.push(keepAlive),
  });
  parser.expectResponse(expectBody);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    const piece = bytes.subarray(from, cut);
    let at = 0;
    // Like the connection: after a complete response, the next one is expected only when a request was sent.
    while (at < piece.length) {
      // Like a socket's reused read buffer: the bytes of this read, then stale ones that must not be read.
      const readBuffer = Buffer.concat([piece.subarray(at), staleBytes]);
      const used = parser.execute(readBuffer, piece.length - at);
      seen.consumed += used;
      at += used;
      if (at < piece.length) parser.expectResponse(expectBody);
    }
    from = cut;
  }
  if (atEof) parser.finish();
  return seen;
}

/** Every way to cut the bytes in two, and byte by byte: framing must not depend on how reads split the stream. */
function everySplit(wire: string, check: (seen: Seen) => void, expectBody = true, atEof = false): void {
  const n = Buffer.byteLength(wire, 'latin1');
  check(parse(wire, [], expectBody, atEof));
  for (let cut = 1; cut < n; cut++) check(parse(wire, [cut], expectBody, atEof));
  check(parse(wire, Array.from({ length: n - 1 }, (_, i) => i + 1), expectBody, atEof));
}

const ok = (headers: string, body: string) => `HTTP/1.1 200 OK\r\n${headers}\r\n${body}`;

describe('Http1ResponseParser frames responses however the reads split them', () => {
  it('Content-Length bodies, keep-alive by default in HTTP/1.1', () => {
    everySplit(ok('Content-Length: 5\r\nServer: x\r\n', 'hello'), (seen) => {
      assert.deepEqual(seen.statuses, [200]);
      assert.equal(seen.bodyBytes, 5);
      assert.deepEqual(seen.completions, [true]);
    });
  });

  it('two responses back to back on one connection', () => {
    const wire = ok('Content-Length: 3\r\n', 'abc') + 'HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\nno';
    everySplit(wire, (seen) => {
      assert.deepEqual(seen.statuses, [200, 404]);
      assert.equal(seen.bodyBytes, 5);
      assert.deepEqual(seen.completions, [true, true]);
    });
  });

  it('chunked bodies with extensions and trailers', () => {
    const body = '4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n';
    everySplit(ok('Transfer-Encoding: chunked\r\n', body), (seen) => {
      assert.equal(seen.bodyBytes, 4 + 5 + 14);
      assert.deepEqual(seen.completions, [true]);
    });
    everySplit(ok('transfer-encoding: gzip, chunked\r\n', 'a\r\n0123456789\r\n0\r\n\r\n'), (seen) => {
      assert.equal(seen.bodyBytes, 10);
      assert.deepEqual(seen.completions, [true]);
    });
  });

  it('Connection: close and HTTP/1.0 end the connection; HTTP/1.0 keep-alive keeps it', () => {
    everySplit(ok('Content-Length: 2\r\nConnection: close\r\n', 'ok'), (seen) => assert.deepEqual(seen.completions, [false]));
    everySplit('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok', (seen) => assert.deepEqual(seen.completions, [false]));
    everySplit('HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: Keep-Alive\r\n\r\nok', (seen) => assert.deepEqual(seen.completions, [true]));
  });

  it('framing header names in any case, and only those names; Connection values as sent, single or listed', () => {
    everySplit(ok('CONTENT-LENGTH: 3\r\ncOnNeCtIoN: CLOSE\r\n', 'abc'), (seen) => {
      assert.equal(seen.bodyBytes, 3);
      assert.deepEqual(seen.completions, [false]);
    });
    everySplit(ok('Content-Length:\t 4 \t\r\nConnection: keep-alive, Upgrade\r\n', 'abcd'), (seen) => assert.deepEqual(seen.completions, [true]));
    everySplit(ok('Content-Length: 2\r\nConnection: Upgrade, close\r\n', 'ok'), (seen) => assert.deepEqual(seen.completions, [false]));
    everySplit('HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: KEEP-ALIVE\r\n\r\nok', (seen) => assert.deepEqual(seen.completions, [true]));
    // Names of the same length that are not framing headers, and a value with a colon in it, change nothing.
    everySplit(ok('Content_Length: 9\r\nXonnection: close\r\nContent-Lengtz: 7\r\nLocation: http://x:1/\r\nContent-Length: 1\r\n', 'z'), (seen) => {
      assert.equal(seen.bodyBytes, 1);
      assert.deepEqual(seen.completions, [true]);
    });
  });

  it('a body without a length runs until the server closes', () => {
    everySplit('HTTP/1.0 200 OK\r\nServer: old\r\n\r\nuntil the end', (seen) => {
      assert.equal(seen.bodyBytes, 13);
      assert.deepEqual(seen.completions, [false]);
    }, true, true);
    // Without the close it is not complete.
    assert.deepEqual(parse('HTTP/1.1 200 OK\r\n\r\npartial').completions, []);
  });

  it('no body for HEAD, 204 and 304, whatever Content-Length says', () => {
    everySplit(ok('Content-Length: 100\r\n', ''), (seen) => assert.deepEqual(seen.completions, [true]), false);
    everySplit('HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n', (seen) => assert.equal(seen.bodyBytes, 0));
    everySplit('HTTP/1.1 304 Not Modified\r\n\r\n', (seen) => assert.deepEqual(seen.completions, [true]));
  });

  it('skips 1xx interim responses before the final one', () => {
    everySplit('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n' + ok('Content-Length: 1\r\n', 'x'), (seen) => {
      assert.deepEqual(seen.statuses, [200]);
      assert.deepEqual(seen.completions, [true]);
    });
  });

  it('a head that repeats byte for byte is framed as before; one that differs in any byte is read again', () => {
    // The same head length each time: only the bytes tell them apart.
    const keepAlive = 'Content-Length: 5\r\nConnection: keep-alive\r\n';
    const closeWithSpaces = 'Content-Length: 5\r\nConnection: close     \r\n';
    const longer = 'Content-Length: 6\r\nConnection: keep-alive\r\n';
    assert.equal(keepAlive.length, closeWithSpaces.length);
    assert.equal(keepAlive.length, longer.length);
    const wire = [
      ok(keepAlive, 'hello'),
      ok(keepAlive, 'hello'),
      ok(longer, 'hello!'),
      ok(keepAlive, 'hello'),
      ok(closeWithSpaces, 'hello'),
      ok(keepAlive, 'hello'),
      'HTTP/1.1 100 Continue\r\n\r\n' + ok(keepAlive, 'hello'),
      'HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nnope!',
      ok(keepAlive, 'hello'),
    ].join('');
    everySplit(wire, (seen) => {
      assert.deepEqual(seen.statuses, [200, 200, 200, 200, 200, 200, 200, 404, 200]);
      assert.equal(seen.bodyBytes, 9 * 5 + 1);
      assert.deepEqual(seen.completions, [true, true, true, true, false, true, true, true, true]);
      assert.equal(seen.consumed, wire.length);
    });
    // HEAD: a remembered head still has no body.
    const heads = ok('Content-Length: 100\r\n', '').repeat(3);
    everySplit(heads, (seen) => assert.deepEqual(seen.completions, [true, true, true]), false);
  });

  it('heads that change with every response are read every time, before and after they start repeating', () => {
    // 40 heads that differ (a request id), framing alternating between two lengths; then 20 alike; then a close.
    const varying = Array.from({ length: 40 }, (_, i) =>
      ok(`X-Request-Id: ${String(i).padStart(4, '0')}\r\nContent-Length: ${1 + (i % 2)}\r\n`, i % 2 ? 'ab' : 'a'),
    );
    const alike = Array.from({ length: 20 }, () => ok('X-Request-Id: same\r\nContent-Length: 3\r\n', 'abc'));
    const wire = [...varying, ...alike, ok('X-Request-Id: same\r\nContent-Length: 3\r\nConnection: close\r\n', 'abc')].join('');
    const expectedBody = 20 * 1 + 20 * 2 + 21 * 3;
    for (const cuts of [[], Array.from({ length: wire.length - 1 }, (_, i) => i + 1)]) {
      const seen = parse(wire, cuts);
      assert.equal(seen.statuses.length, 61);
      assert.equal(seen.bodyBytes, expectedBody);
      assert.deepEqual(seen.completions, [...Array<boolean>(60).fill(true), false]);
      assert.equal(seen.consumed, wire.length);
    }
  });

  it('says how many bytes belong to the response when more follow unasked', () => {
    const parser = new Http1ResponseParser({ onHead() {}, onBodyBytes() {}, onComplete() {} });
    parser.expectResponse(true);
    const wire = Buffer.from(ok('Content-Length: 2\r\n', 'okEXTRA'));
    assert.equal(parser.execute(wire), wire.length - 5);
  });
});

describe('Http1ResponseParser rejects what is not HTTP', () => {
  const rejects = (wire: string, code: RegExp) =>
    assert.throws(() => parse(wire), (err: Error) => err instanceof HttpParseError && code.test((err as HttpParseError).code));

  it('garbage, at once or byte by byte', () => {
    rejects('this is not http\r\n\r\n', /HPE_INVALID_CONSTANT/);
    assert.throws(() => parse('SSH-2.0-OpenSSH\r\n', [1, 2, 3]), HttpParseError);
  });

  it('bad status lines and header lines', () => {
    rejects('HTTP/2.0 200 OK\r\n\r\n', /HPE_INVALID_STATUS/);
    rejects('HTTP/1.1 2x0 OK\r\n\r\n', /HPE_INVALID_STATUS/);
    rejects('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', /HPE_INVALID_HEADER_TOKEN/);
    rejects('HTTP/1.1 200 OK\nServer: x\r\n\r\n', /HPE_LF_EXPECTED/);
  });

  it('bad or conflicting Content-Length', () => {
    rejects(ok('Content-Length: -1\r\n', ''), /HPE_INVALID_CONTENT_LENGTH/);
    rejects(ok('Content-Length: 1\r\nContent-Length: 2\r\n', 'x'), /HPE_UNEXPECTED_CONTENT_LENGTH/);
    for (const value of ['', ' ', '12a', '1 2', '+5', '0x10', '1234567890123456']) rejects(ok(`Content-Length: ${value}\r\n`, ''), /HPE_INVALID_CONTENT_LENGTH/);
    const fifteenDigits = parse(ok('Content-Length: 123456789012345\r\n', 'abc'));
    assert.deepEqual([fifteenDigits.bodyBytes, fifteenDigits.completions], [3, []], '15 digits are a length: its body goes on');
  });

  it('bad chunk framing', () => {
    rejects(ok('Transfer-Encoding: chunked\r\n', 'zz\r\n'), /HPE_INVALID_CHUNK_SIZE/);
    rejects(ok('Transfer-Encoding: chunked\r\n', '2\r\nabXX'), /HPE_INVALID_CHUNK_SIZE/);
  });

  it('a head that never ends is bounded', () => {
    const endless = 'HTTP/1.1 200 OK\r\n' + 'X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(400);
    assert.throws(() => parse(endless, [100, 200, 5000]), (err: Error) => (err as HttpParseError).code === 'HPE_HEADER_OVERFLOW');
    assert.throws(() => parse(endless), (err: Error) => (err as HttpParseError).code === 'HPE_HEADER_OVERFLOW', 'in one read');
    const complete = endless + '\r\n';
    assert.throws(() => parse(complete), (err: Error) => (err as HttpParseError).code === 'HPE_HEADER_OVERFLOW', 'complete, in one read');
    assert.throws(() => parse(complete, [9000]), (err: Error) => (err as HttpParseError).code === 'HPE_HEADER_OVERFLOW', 'complete, in two');
    // Status line, filler and Content-Length lines: 46 bytes besides the filler's value, up to the final CRLF CRLF.
    const headOf = (bytes: number) => 'HTTP/1.1 200 OK\r\n' + `X-Filler: ${'a'.repeat(bytes - 46)}\r\n` + 'Content-Length: 1\r\n\r\nz';
    assert.deepEqual(parse(headOf(16 * 1024)).completions, [true], 'a head of 16 KiB is still a head');
    assert.deepEqual(parse(headOf(16 * 1024), [5000]).completions, [true], 'in two reads');
    assert.throws(() => parse(headOf(16 * 1024 + 1)), (err: Error) => (err as HttpParseError).code === 'HPE_HEADER_OVERFLOW', 'one byte more');
  });

  it('a header line that ends in a bare LF, in one read or split anywhere', () => {
    const wire = ok('Server: x\nContent-Length: 1\r\n', 'z');
    for (let cut = 0; cut < wire.length; cut++) {
      assert.throws(() => parse(wire, cut ? [cut] : []), (err: Error) => (err as HttpParseError).code === 'HPE_LF_EXPECTED');
    }
  });
});
