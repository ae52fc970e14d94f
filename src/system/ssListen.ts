// Parses `ss -ltn` output (with -p: the owning processes; with -e: the socket inode). For a LISTEN socket ss prints
// Recv-Q = accept queue now and Send-Q = its capacity, min(listen() backlog, somaxconn at listen() time), which is
// nowhere in /proc. Discovery joins the rows to sockets by inode; the diagnosis by address and port.

export interface SsListener {
  /** As printed, without brackets or %interface: "127.0.0.1", "::1", "::ffff:127.0.0.1", "0.0.0.0", "::", "*". */
  address: string;
  /** The interface a socket is bound to ("lo" in 127.0.0.53%lo), if any. */
  device?: string;
  port: number;
  /** Accept queue length now. */
  queued: number;
  /** Accept queue capacity. */
  backlog: number;
  /**
   * True when ss printed an unbracketed IPv6 wildcard (":::80", iproute2 < 4.17) or "*" — both accept IPv4 too
   * unless IPV6_V6ONLY; "[::]" in newer ss means a v6-only socket.
   */
  dualStack: boolean;
  processes: Array<{ name: string; pid: number }>;
  /** The socket's inode (`ss -e`), to join with /proc/net/tcp rows. */
  inode?: number;
}

/** Splits "addr:port" where addr may be "[v6]", "v6" (old ss), "v4%dev" or "*". */
export function splitSsAddress(text: string): { address: string; port: number; device?: string; bracketed: boolean } | undefined {
  const cut = text.lastIndexOf(':');
  if (cut <= 0) return undefined;
  const port = Number(text.slice(cut + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) return undefined;
  let address = text.slice(0, cut);
  let device: string | undefined;
  const bracketed = address.startsWith('[');
  if (bracketed) {
    const close = address.indexOf(']');
    if (close < 0) return undefined;
    const rest = address.slice(close + 1);
    address = address.slice(1, close);
    if (rest.startsWith('%')) device = rest.slice(1);
  }
  const pct = address.indexOf('%');
  if (pct >= 0) {
    device = address.slice(pct + 1);
    address = address.slice(0, pct);
  }
  return { address, port, device, bracketed };
}

/** users:(("node",pid=12,fd=3),("node",pid=13,fd=3)) -> [{name,pid}...] */
export function parseSsUsers(text: string): Array<{ name: string; pid: number }> {
  const out: Array<{ name: string; pid: number }> = [];
  const re = /\("((?:[^"\\]|\\.)*)",pid=(\d+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ name: m[1], pid: Number(m[2]) });
  return out;
}

export function parseSsListen(text: string): SsListener[] {
  const out: SsListener[] = [];
  for (const line of text.split('\n')) {
    const tokens = line.trim().split(/\s+/);
    // With a Netid column ("tcp LISTEN ...") the state is the second token; without -l other states may appear.
    const at = tokens.indexOf('LISTEN');
    if (at < 0 || at > 1 || tokens.length < at + 5) continue;
    const queued = Number(tokens[at + 1]);
    const backlog = Number(tokens[at + 2]);
    const local = splitSsAddress(tokens[at + 3]);
    if (!local || !Number.isFinite(queued) || !Number.isFinite(backlog)) continue;
    const unbracketedV6Any = !local.bracketed && local.address === '::';
    const inode = /\bino:(\d+)/.exec(line);
    out.push({
      address: local.address,
      device: local.device,
      port: local.port,
      queued,
      backlog,
      dualStack: local.address === '*' || unbracketedV6Any,
      processes: parseSsUsers(tokens.slice(at + 5).join(' ')),
      ...(inode ? { inode: Number(inode[1]) } : {}),
    });
  }
  return out;
}
