// The load thread's script: runs one share of the load and reports to the caller's thread. Loaded into the
// caller's thread instead (workers: 0), it only exports runLoadShare; generateLoad drives the share directly.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority } from './threadPriority';
import { runLoadShare } from './loadShare';
import type { ShareCommand, ShareSetup } from './workerMessages';

export { runLoadShare };

if (!isMainThread && parentPort) {
  // undici builds an Error with a stack for every socket the server resets; under a storm of resets the stack
  // capture alone costs ~15% of CPU. Nothing here prints stacks: messages and codes are enough.
  Error.stackTraceLimit = 0;

  const setup = workerData as ShareSetup;
  const port = parentPort;
  if (setup.yieldCpu) lowerThisThreadPriority();
  try {
    const share = runLoadShare(setup, (message) => port.postMessage(message));
    port.on('message', (command: ShareCommand) => {
      if (command.type === 'start') share.start(command.startAt, command.deadline);
      else if (command.type === 'stop') share.stop();
    });
    void share.done.then(() => port.close());
    port.postMessage({ type: 'ready', workerIndex: setup.workerIndex });
  } catch (err) {
    port.postMessage({ type: 'crashed', workerIndex: setup.workerIndex, message: (err as Error).message });
  }
}
