// Finds the dev server of the workspace: what "Load test localhost" should hit, without asking in the common
// cases. Plain Node (no vscode import): the VS Code wiring is src/extension/targetPicker.ts and devServerTask.ts.
export type { DevServerCandidate, DiscoveryReport, DevScript, CandidateSource } from './candidate';
export { discoverDevServers } from './discoverDevServers';
export { waitForPort, probePort } from './waitForPort';
export { waitForDevServer, type WaitForDevServerOptions } from './waitForDevServer';
export { recheckCandidate, type RecheckStatus } from './recheckCandidate';
export { preferredCandidate, rankCandidates } from './candidateRanking';
export { isLoopbackHost, isLoopbackUrl, normalizePath } from './loopbackHost';
export { frameworkFromCommand } from './frameworkFromCommand';
export { DEFAULT_PORTS } from './frameworkDefaults';
