// What the panel says before any run.
import { el } from './dom';

export function createEmptyState(): HTMLElement {
  return el(
    'section',
    { className: 'empty-state' },
    el('h2', { text: 'No load test yet' }),
    el('p', {}, 'Run ', el('strong', { text: 'Load Test: Load test localhost' }), ' from the Command Palette. This panel then shows throughput, latency, errors and what the kernel did, live.'),
  );
}
