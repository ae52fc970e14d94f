// A Flask app that `flask run` finds on its own (app.py or wsgi.py with `Flask(__name__)`), and its port:
// FLASK_RUN_PORT in .flaskenv or .env, or `app.run(port=N)` when the file runs itself, else 5000.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'dotenv';

export interface FlaskApp {
  file: string;
  /** The file runs the server itself under `if __name__ == "__main__":`. */
  runsItself: boolean;
  port?: number;
  portFrom?: string;
}

const validPort = (text: string | undefined) => (text && /^\d{1,5}$/.test(text) && Number(text) > 0 && Number(text) < 65536 ? Number(text) : undefined);

export function parseFlaskApp(text: string, file: string): FlaskApp | undefined {
  if (!/\bFlask\s*\(\s*__name__/.test(text)) return undefined;
  const runsItself = /__name__\s*==\s*['"]__main__['"]/.test(text) && /\.run\s*\(/.test(text);
  const port = runsItself ? validPort(/\.run\s*\([^)]*\bport\s*=\s*(\d+)/.exec(text)?.[1]) : undefined;
  return { file, runsItself, port, portFrom: port !== undefined ? `app.run(port=${port}) in ${path.basename(file)}` : undefined };
}

export async function readFlaskApp(folder: string): Promise<FlaskApp | undefined> {
  for (const name of ['app.py', 'wsgi.py']) {
    const file = path.join(folder, name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    const app = text === undefined ? undefined : parseFlaskApp(text, file);
    if (!app) continue;
    if (app.runsItself) return app; // app.run() ignores FLASK_RUN_PORT
    for (const env of ['.flaskenv', '.env']) {
      const envText = await readFile(path.join(folder, env), 'utf8').catch(() => undefined);
      const port = envText === undefined ? undefined : validPort(parse(envText).FLASK_RUN_PORT?.trim());
      if (port !== undefined) return { ...app, port, portFrom: `FLASK_RUN_PORT in ${env}` };
    }
    return app;
  }
  return undefined;
}
