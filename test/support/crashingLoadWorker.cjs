// A load thread that crashes 200 ms after the start when it runs share 1, for the test of what a crash does to a
// run (test/integration/engine/loadThreadCrash.test.ts). Every other share runs the real load worker.
const { isMainThread, parentPort, workerData } = require('node:worker_threads');

module.exports = require('./loadWorker.cjs');
if (!isMainThread && workerData.workerIndex === 1) {
  parentPort.on('message', (command) => {
    if (command.type === 'start') {
      setTimeout(() => {
        throw new Error('crashed on purpose by the test');
      }, 200);
    }
  });
}
