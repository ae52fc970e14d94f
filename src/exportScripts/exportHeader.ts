// The comment at the top of an exported script: where it came from, how it maps the run, and how to run it on
// this machine, against staging, and distributed (k6-operator TestRun, Locust master and workers).
import type { LoadPlan } from './loadPlan';
import { durationText, thresholdLimits } from './loadPlan';

function shapeLine(plan: LoadPlan, tool: 'k6' | 'locust'): string {
  const { shape } = plan;
  const who = tool === 'k6' ? `${shape.users} VUs` : `${shape.users} users`;
  const connection = plan.keepAlive ? 'connections reused' : 'a new TCP connection per request';
  if (shape.kind === 'open') {
    return `${shape.rate} requests/s for ${durationText(shape.durationSeconds)} with at most ${who}, ${connection}.`;
  }
  const count = shape.requests !== undefined ? `${shape.requests} requests` : undefined;
  const time = shape.durationSeconds !== undefined ? durationText(shape.durationSeconds) : undefined;
  const until = count && time ? `${count} or ${time}, whichever comes first` : (count ?? time ?? '10s');
  return `${who}, each sending its next request when the previous one finished: ${until}, ${connection}.`;
}

export function exportHeaderLines(plan: LoadPlan, tool: 'k6' | 'locust'): string[] {
  const file = tool === 'k6' ? 'script.js' : 'locustfile.py';
  const { request, thresholds } = plan;
  const secrets = [...request.secretHeaders, ...request.secretQuery];
  const envFlag = (name: string, value: string) => (tool === 'k6' ? `-e ${name}=${value}` : `${name}=${value}`);
  const lines = [
    `Exported by Load Test Localhost from ${plan.from}.`,
    shapeLine(plan, tool),
    '',
  ];
  if (tool === 'k6') {
    lines.push(
      'On this machine:',
      `  k6 run --summary-export summary.json ${file}`,
      'Against staging (the target is one variable):',
      `  k6 run -e TARGET_URL=https://staging.example.com --summary-export summary.json ${file}`,
      'Distributed on Kubernetes with the k6-operator (VUs, iterations and the rate are split across the runners):',
      `  kubectl create configmap load-test --from-file=${file}`,
      '  kubectl apply -f - <<EOF',
      '  apiVersion: k6.io/v1alpha1',
      '  kind: TestRun',
      '  metadata:',
      '    name: load-test',
      '  spec:',
      '    parallelism: 4',
      '    script:',
      '      configMap:',
      '        name: load-test',
      `        file: ${file}`,
      '    arguments: -e TARGET_URL=https://staging.example.com',
      '  EOF',
      `Or on Grafana Cloud k6: k6 cloud run ${file}`,
      'Back into the panel to compare with local runs: load-test-localhost import summary.json',
      '(or the command "Load Test: Import k6 or Locust results" in VS Code).',
    );
  } else {
    lines.push(
      'The users, the duration or request count and the rate are in this file (a LoadTestShape), so -u and -t are not needed.',
      'On this machine:',
      `  locust -f ${file} --headless --csv results`,
      'Against staging (the target is one variable, or pass --host):',
      `  TARGET_URL=https://staging.example.com locust -f ${file} --headless --csv results`,
      'Distributed: one master, any number of workers on other machines (users are split across the workers):',
      `  locust -f ${file} --headless --master --expect-workers 4 --csv results`,
      `  locust -f ${file} --worker --master-host <master address>     # on each worker machine`,
      'Azure Load Testing runs this file as a Locust test as it is.',
      'Back into the panel to compare with local runs: load-test-localhost import results_stats.csv',
      '(or the command "Load Test: Import k6 or Locust results" in VS Code).',
    );
  }
  if (thresholds) {
    const limits = thresholdLimits(thresholds);
    const failure = tool === 'k6' ? 'k6 exits with 99' : 'locust exits with 1';
    lines.push(
      '',
      `Thresholds: the exported run measured p95 ${thresholds.measured.p95} ms, p99 ${thresholds.measured.p99} ms and an error rate of ${(thresholds.measured.errorRate * 100).toFixed(2)} %.`,
      `${failure} when a run exceeds them by more than THRESHOLD_MARGIN (${Math.round(thresholds.margin * 100)} %: p95 < ${limits.p95} ms,`,
      `p99 < ${limits.p99} ms, errors < ${(limits.errorRate * 100).toFixed(2)} %). Edit THRESHOLD_MARGIN below or set ${envFlag('THRESHOLD_MARGIN', '0.5')}.`,
    );
  }
  if (secrets.length > 0) {
    lines.push(
      '',
      'Credentials are read from the environment and were not written here:',
      `  ${secrets.map((s) => envFlag(s.env, '...')).join(' ')}`,
    );
  }
  if (request.droppedCredentials) lines.push('', 'The URL carried a user name and password; they were left out.');
  if (request.bodyMissingBytes !== undefined) {
    lines.push('', `The run sent a ${request.bodyMissingBytes}-byte body that its result does not keep (binary or over 64 KiB): set BODY below.`);
  }
  if (tool === 'locust') {
    lines.push('', 'Locust counts a response of 400 or above as a failure; Load Test Localhost counts it as a completed response (non-2xx).');
  } else {
    lines.push('', 'k6 counts a response outside 200-399 as failed (http_req_failed); Load Test Localhost counts it as a completed response (non-2xx).');
  }
  return lines;
}
