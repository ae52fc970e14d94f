// The data discovery hands out: plain objects, so the CLI, the VS Code wiring and tests read the same thing.

export type CandidateSource = 'listening' | 'configured' | 'default-port';

export interface DevServerCandidate {
  url: string;
  /** What to connect to: a numeric loopback address the socket accepts, or `localhost` when nothing listens yet. */
  host: string;
  port: number;
  source: CandidateSource;
  pid?: number;
  commandLine?: string;
  cwd?: string;
  framework?: string;
  /** Effective accept-queue capacity (ss -ltn Send-Q), when `ss` is available. */
  backlog?: number;
  /**
   * Listening: the process, one of its ancestors, or a path on its command line is inside a workspace folder.
   * Configured / default-port: always true (the configuration was read from a workspace folder).
   */
  insideWorkspace: boolean;
  isLoopback: boolean;
  /** One line for a quick pick. */
  detail: string;
}

export interface DevScript {
  name: string;
  command: string;
  /** e.g. "npm run dev", "pnpm run dev", "python manage.py runserver". */
  runCommand: string;
  cwd: string;
  expectedPort?: number;
  framework?: string;
}

export interface DiscoveryReport {
  /** Best first. */
  candidates: DevServerCandidate[];
  /** What was read, for a "nothing found" message. */
  lookedAt: string[];
  notes: string[];
  /** Scripts that would start a dev server, best first. */
  startable: DevScript[];
  /** Loopback servers outside the workspace, lowest port first; looked for only when none of it is running. */
  otherServers: DevServerCandidate[];
}
