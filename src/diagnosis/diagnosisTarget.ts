/** What the run is aimed at, as the engine resolved it. */
export interface DiagnosisTarget {
  host: string;
  port: number;
  /** Resolved addresses the engine may connect to, e.g. ["::1", "127.0.0.1"] for localhost. */
  addresses: string[];
  connections: number;
  keepAlive: boolean;
}
