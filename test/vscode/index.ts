// Entry point the VS Code extension host loads as `extensionTestsPath` (desktop via @vscode/test-electron,
// offline via code-server). It runs every compiled suite file in out/test/vscode/suite/ with mocha, BDD style
// (`describe`/`it`). Suite files are separate esbuild bundles so mocha installs its globals before each loads.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** The last line printed; scripts/vscode/run-extension-tests.ts and CI read it. */
export function summaryLine(passed: number, failed: number): string {
  return `${passed} passed, ${failed} failed`;
}

function suiteFiles(suiteDir: string): string[] {
  if (!fs.existsSync(suiteDir)) return [];
  return fs
    .readdirSync(suiteDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(suiteDir, name));
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    // The output travels through the workbench log, which shows escape codes verbatim.
    color: false,
    timeout: Number(process.env.LTL_MOCHA_TIMEOUT_MS ?? 20_000),
    // Lets a developer run one test: LTL_MOCHA_GREP="activates".
    grep: process.env.LTL_MOCHA_GREP || undefined,
  });
  const files = suiteFiles(path.join(__dirname, 'suite'));
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js in ${path.join(__dirname, 'suite')}; run \`npm run build\` first`));
  }
  for (const file of files) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? failures;
        console.log(summaryLine(passed, failed));
        if (failed > 0) reject(new Error(`${failed} test(s) failed`));
        else if (passed === 0) reject(new Error('no test ran'));
        else resolve();
      });
    } catch (err) {
      // A suite file that throws while loading lands here, not in the failure count.
      console.error(err);
      console.log(summaryLine(0, 1));
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
