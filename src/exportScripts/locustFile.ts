// A load plan as a Locust file: one HttpUser with the run's request, a LoadTestShape that holds the users and the
// duration or request count (so master and workers need no -u/-t), constant_throughput for a rate, a new connection
// per request when keep-alive was off, and the run's thresholds checked when Locust quits (exit code 1).
import { exportHeaderLines } from './exportHeader';
import type { LoadPlan } from './loadPlan';

/** A Python literal for a JSON-like value (str, number, bool, None, dict). */
function py(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  // A JSON string is a valid Python string literal once non-ASCII is escaped the way both languages read it.
  if (typeof value === 'string') {
    // Python reads \uXXXX for the BMP and \UXXXXXXXX above it (a surrogate pair would become two characters).
    return JSON.stringify(value).replace(/[^\x00-\x7e]/gu, (c) => {
      const code = c.codePointAt(0)!;
      return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
  }
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${py(k)}: ${py(v)}`).join(', ')}}`;
  }
  throw new Error(`no Python literal for ${typeof value}`);
}

export function renderLocustFile(plan: LoadPlan): string {
  const { request, shape, thresholds } = plan;
  const lines: string[] = exportHeaderLines(plan, 'locust').map((line) => (line ? `# ${line}` : '#'));
  const requests = shape.requests;
  lines.push(
    '',
    'import math',
    'import os',
    'from urllib.parse import quote',
    '',
    'from locust import HttpUser, LoadTestShape, constant, constant_throughput, events, task',
    'from locust.exception import StopUser',
    'from locust.runners import WorkerRunner',
    '',
    `TARGET_URL = os.environ.get("TARGET_URL", ${py(request.origin)}).rstrip("/")`,
    `USERS = ${shape.users}`,
    `DURATION_SECONDS = ${shape.durationSeconds ?? 'None'}`,
    `# Locust has no request-count limit: each user sends its share, and the run ends once the total is reached.`,
    `REQUEST_COUNT = ${requests ?? 'None'}`,
    `RATE_PER_SECOND = ${shape.kind === 'open' ? shape.rate : 'None'}`,
    `KEEP_ALIVE = ${py(plan.keepAlive)}`,
    `METHOD = ${py(request.method)}`,
    `PATH = ${py(request.path)}`,
    `HEADERS = ${py(request.headers)}`,
    `BODY = ${request.body === undefined ? 'None' : py(request.body)}`,
    `TIMEOUT_SECONDS = ${plan.responseTimeoutMs / 1000}`,
  );
  for (const secret of request.secretHeaders) {
    lines.push(`if os.environ.get(${py(secret.env)}):`, `    HEADERS[${py(secret.name)}] = os.environ[${py(secret.env)}]`);
  }
  for (const secret of request.secretQuery) {
    lines.push(
      `if os.environ.get(${py(secret.env)}):`,
      `    PATH += ("&" if "?" in PATH else "?") + ${py(`${encodeURIComponent(secret.name)}=`)} + quote(os.environ[${py(secret.env)}], safe="")`,
    );
  }
  lines.push(
    'if not KEEP_ALIVE:',
    '    # The server closes after each response, so every request opens a new TCP connection (ab without -k).',
    '    HEADERS["Connection"] = "close"',
  );
  if (thresholds) {
    lines.push(
      '',
      '# Limits = what the exported run measured x (1 + THRESHOLD_MARGIN). Edit the margin here or set THRESHOLD_MARGIN=0.5.',
      `THRESHOLD_MARGIN = float(os.environ.get("THRESHOLD_MARGIN", "${thresholds.margin}"))`,
      `MEASURED = {"p95": ${thresholds.measured.p95}, "p99": ${thresholds.measured.p99}, "error_rate": ${thresholds.measured.errorRate}}`,
    );
  }
  lines.push(
    '',
    '',
    'class ExportedRequest(HttpUser):',
    '    host = TARGET_URL',
    '    wait_time = constant_throughput(RATE_PER_SECOND / USERS) if RATE_PER_SECOND else constant(0)',
    '',
    '    def on_start(self):',
    '        self.sent = 0',
    '        self.share = math.ceil(REQUEST_COUNT / USERS) if REQUEST_COUNT else None',
    '',
    '    @task',
    '    def send(self):',
    '        if self.share is not None and self.sent >= self.share:',
    '            raise StopUser()',
    '        self.sent += 1',
    '        self.client.request(METHOD, PATH, headers=HEADERS, data=BODY, name=PATH, timeout=TIMEOUT_SECONDS)',
    '',
    '',
    'class ExportedShape(LoadTestShape):',
    '    """All users at once, until the duration or the request count is reached (runs on the master)."""',
    '',
    '    def tick(self):',
    '        if DURATION_SECONDS is not None and self.get_run_time() >= DURATION_SECONDS:',
    '            return None',
    '        if REQUEST_COUNT is not None and self.runner.stats.total.num_requests >= REQUEST_COUNT:',
    '            return None',
    '        return (USERS, USERS)',
  );
  if (thresholds) {
    lines.push(
      '',
      '',
      '@events.quitting.add_listener',
      'def check_thresholds(environment, **kwargs):',
      '    if isinstance(environment.runner, WorkerRunner):',
      '        return  # the master holds the totals',
      '    total = environment.stats.total',
      '    if total.num_requests == 0:',
      '        return',
      '    checks = [',
      '        ("p95", total.get_response_time_percentile(0.95), MEASURED["p95"] * (1 + THRESHOLD_MARGIN), "{:.1f}ms"),',
      '        ("p99", total.get_response_time_percentile(0.99), MEASURED["p99"] * (1 + THRESHOLD_MARGIN), "{:.1f}ms"),',
      `        ("errors", total.fail_ratio, max(${0.001}, MEASURED["error_rate"] * (1 + THRESHOLD_MARGIN)), "{:.2%}"),`,
      '    ]',
      '    for name, value, limit, shown in checks:',
      '        passed = value < limit',
      '        print(f"threshold {name} < {shown.format(limit)}: {shown.format(value)} {\'pass\' if passed else \'FAIL\'}")',
      '        if not passed:',
      '            environment.process_exit_code = 1',
    );
  }
  lines.push('');
  return lines.join('\n');
}
