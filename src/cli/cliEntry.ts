#!/usr/bin/env node
// The `load-test-localhost` executable.
import { runCli } from './main';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`load-test-localhost: internal error: ${err.stack ?? err.message}\n`);
    process.exitCode = 1;
  },
);
