// The kernel sampler thread's script when tests run the TypeScript sources (the bundles run
// out/kernelSamplerWorker.js): loads src/diagnosis/kernelSamplerWorker.ts through tsx.
require('tsx/cjs/api').register();
require('../../src/diagnosis/kernelSamplerWorker.ts');
