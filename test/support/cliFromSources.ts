// The CLI run from its TypeScript sources, load threads included (the npm package runs out/cli.js).
import './sourceLoadWorker';
import '../../src/cli/cliEntry';
