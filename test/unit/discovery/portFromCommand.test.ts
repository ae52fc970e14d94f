import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { portFromCommand } from '../../../src/discovery/portFromCommand';

const CASES: Array<[string, number | undefined]> = [
  ['vite --port 5174', 5174],
  ['vite --port=5175 --host', 5175],
  ['next dev -p 3001', 3001],
  ['PORT=3002 react-scripts start', 3002],
  ['cross-env PORT=3003 react-scripts start', 3003],
  ['bundle exec jekyll serve -P 4001', 4001],
  ['python manage.py runserver 0.0.0.0:8001', 8001],
  ['python manage.py runserver 8002', 8002],
  ['python manage.py runserver [::1]:8003', 8003],
  ['php -S localhost:8080 -t public', 8080],
  ['php -S [::1]:8081', 8081],
  ['python3 -m http.server 8004', 8004],
  ['python3 -m http.server --bind 127.0.0.1 8005', 8005],
  ['python3 -m http.server 8006 --bind ::1', 8006],
  ['gunicorn -b 127.0.0.1:8007 app:app', 8007],
  ['gunicorn --bind=:8008 app:app', 8008],
  ['serve --listen 3009', 3009],
  ['hugo server --port 1314', 1314],
  ['vite', undefined],
  ['vite --port $PORT', undefined],
  ['tsc -p tsconfig.json && node dist/index.js', undefined],
  ['python3 -m http.server --bind ::1', undefined],
  ['vite --port 99999', undefined],
];

describe('portFromCommand', () => {
  for (const [command, expected] of CASES) {
    it(`${JSON.stringify(command)} -> ${expected ?? 'nothing'}`, () => {
      assert.equal(portFromCommand(command), expected);
    });
  }
});
