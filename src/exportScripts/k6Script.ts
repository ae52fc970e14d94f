// A load plan as a k6 script: the same request and load shape, the target URL and secrets from the environment,
// thresholds from the exported run so that k6 itself fails a regression (exit 99), and how to run it at scale.
import { durationText, type LoadPlan } from './loadPlan';
import { exportHeaderLines } from './exportHeader';

const js = (value: unknown) => JSON.stringify(value);

/** `{ executor: 'constant-vus', vus: 10 }`: flat objects of strings and numbers, as a person would write them. */
function jsObject(value: Record<string, string | number>): string {
  return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : v}`).join(', ')} }`;
}

/** k6's `rate` is a whole number of iterations per `timeUnit`: 2.5 req/s becomes 5 per 2s. */
function arrivalRate(rate: number): { rate: number; timeUnit: string } {
  for (const seconds of [1, 2, 4, 5, 10, 100]) {
    const perUnit = rate * seconds;
    if (Math.abs(perUnit - Math.round(perUnit)) < 1e-9) return { rate: Math.round(perUnit), timeUnit: `${seconds}s` };
  }
  return { rate: Math.max(1, Math.round(rate * 1000)), timeUnit: '1000s' };
}

function scenario(plan: LoadPlan): Record<string, string | number> {
  const { shape } = plan;
  if (shape.kind === 'open') {
    return {
      executor: 'constant-arrival-rate',
      ...arrivalRate(shape.rate),
      duration: durationText(shape.durationSeconds),
      // The engine's connection count is the most the open model may use: the same cap on VUs.
      preAllocatedVUs: shape.users,
      maxVUs: shape.users,
    };
  }
  if (shape.requests !== undefined) {
    // shared-iterations stops at the count or at maxDuration, whichever comes first, as the engine does.
    return {
      executor: 'shared-iterations',
      vus: Math.min(shape.users, shape.requests),
      iterations: shape.requests,
      maxDuration: durationText(shape.durationSeconds ?? 600),
    };
  }
  return { executor: 'constant-vus', vus: shape.users, duration: durationText(shape.durationSeconds ?? 10) };
}

export function renderK6Script(plan: LoadPlan): string {
  const { request, thresholds } = plan;
  const lines: string[] = exportHeaderLines(plan, 'k6').map((line) => (line ? `// ${line}` : '//'));
  lines.push('', "import http from 'k6/http';", '');
  lines.push(`const TARGET_URL = (__ENV.TARGET_URL || ${js(request.origin)}).replace(/\\/+$/, '');`);
  if (thresholds) {
    lines.push(
      '// Limits = what the exported run measured x (1 + THRESHOLD_MARGIN). Edit the margin here or pass -e THRESHOLD_MARGIN=0.5.',
      `const THRESHOLD_MARGIN = Number(__ENV.THRESHOLD_MARGIN || ${thresholds.margin});`,
      `const MEASURED = { p95: ${thresholds.measured.p95}, p99: ${thresholds.measured.p99}, errorRate: ${thresholds.measured.errorRate} };`,
      '/** Rounded up to `step` (0.1 ms, 0.0001): k6 compares the strings it is given. */',
      'function limit(measured, step, floor = 0) {',
      '  return Math.max(floor, Math.ceil((measured * (1 + THRESHOLD_MARGIN)) / step - 1e-9) * step).toFixed(step < 0.001 ? 4 : 1);',
      '}',
    );
  }
  lines.push('', "/** @type {import('k6/options').Options} */", 'export const options = {');
  lines.push(`  scenarios: { load: ${jsObject(scenario(plan))} },`);
  if (!plan.keepAlive) lines.push('  // The exported run opened a new TCP connection per request (like ab without -k).', '  noConnectionReuse: true,');
  lines.push('  discardResponseBodies: true,');
  lines.push("  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],");
  if (thresholds) {
    lines.push(
      '  thresholds: {',
      '    http_req_duration: [`p(95)<${limit(MEASURED.p95, 0.1)}`, `p(99)<${limit(MEASURED.p99, 0.1)}`],',
      '    http_req_failed: [`rate<${limit(MEASURED.errorRate, 0.0001, 0.001)}`],',
      '  },',
    );
  }
  lines.push('};', '');
  lines.push(`const HEADERS = ${js(request.headers)};`);
  for (const secret of request.secretHeaders) {
    lines.push(`if (__ENV.${secret.env}) HEADERS[${js(secret.name)}] = __ENV.${secret.env};`);
  }
  lines.push(`let PATH = ${js(request.path)};`);
  for (const secret of request.secretQuery) {
    lines.push(`if (__ENV.${secret.env}) PATH += (PATH.includes('?') ? '&' : '?') + ${js(`${encodeURIComponent(secret.name)}=`)} + encodeURIComponent(__ENV.${secret.env});`);
  }
  lines.push(`const BODY = ${request.body === undefined ? 'null' : js(request.body)};`, '');
  lines.push('export default function () {');
  lines.push(`  http.request(${js(request.method)}, TARGET_URL + PATH, BODY, { headers: HEADERS, timeout: ${js(`${plan.responseTimeoutMs}ms`)} });`);
  lines.push('}', '');
  return lines.join('\n');
}
