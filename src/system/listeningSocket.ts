// One listening TCP socket, as read from the kernel (Linux /proc) or lsof (macOS).

export interface ListeningSocket {
  /** Bound address without brackets: "127.0.0.1", "0.0.0.0", "::", "::1". */
  address: string;
  port: number;
  family: 4 | 6;
  /** Socket inode (Linux only); lets us join with /proc/<pid>/fd and `ss -e`. */
  inode?: number;
  /** Processes holding the socket (several after fork, e.g. cluster or gunicorn workers). */
  pids: number[];
}
