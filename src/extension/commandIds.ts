// Every command id, written once. package.json contributes the same ids; test/unit/extension/commandIds.test.ts
// checks that the two lists match, so a renamed or missing command fails a test instead of doing nothing.

export const COMMANDS = {
  run: 'loadTest.run',
  runAgain: 'loadTest.runAgain',
  stop: 'loadTest.stop',
  showResults: 'loadTest.showResults',
  showKernelSettings: 'loadTest.showKernelSettings',
  export: 'loadTest.export',
  exportPastRun: 'loadTest.exportPastRun',
  copyCliCommand: 'loadTest.copyCliCommand',
  importResults: 'loadTest.importResults',
  dismissHints: 'loadTest.dismissHints',
  openSysctlConf: 'loadTest.openSysctlConf',
  setListenBacklog: 'loadTest.hints.setListenBacklog',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
