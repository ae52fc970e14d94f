// The load thread's script when tests run the TypeScript sources (the bundles run out/loadWorker.js): loads
// src/engine/loadWorker.ts through tsx, in a worker thread or, for `workers: 0`, in the test's own thread.
require('tsx/cjs/api').register();
module.exports = require('../../src/engine/loadWorker.ts');
