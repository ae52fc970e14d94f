// The results panel's reload of a page that never said `ready`: when it reloads, how often, and when it leaves a
// page alone (hidden, or it did say ready). Node's mock timers stand in for the clock.
import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { PageLoadWatch } from '../../../src/extension/pageLoadWatch';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
/** One grace period at a time: Node 20's mock clock does not run a timer set by a timer within the same tick. */
function graces(n: number): void {
  for (let i = 0; i < n; i++) mock.timers.tick(6_000);
}
afterEach(() => mock.timers.reset());

function watch(visible: () => boolean) {
  const events: string[] = [];
  const w = new PageLoadWatch({
    canLoad: visible,
    reload: () => events.push('reload'),
    log: (level, message) => events.push(`${level}: ${message}`),
    graceMs: 6_000,
    maxReloads: 3,
  });
  return { w, events, reloads: () => events.filter((e) => e === 'reload').length };
}

test('a page that says ready in time is never reloaded', () => {
  const { w, events } = watch(() => true);
  w.expectReady();
  mock.timers.tick(5_999);
  w.ready();
  graces(10);
  assert.deepEqual(events, []);
});

test('a page that never says ready is set again after the grace, at most 3 times, then the user is told what to do', () => {
  const { w, events, reloads } = watch(() => true);
  w.expectReady();
  mock.timers.tick(5_999);
  assert.equal(reloads(), 0);
  mock.timers.tick(1);
  assert.equal(reloads(), 1);
  assert.match(events[0]!, /^warn: .*did not load within 6 s; loading it again \(1 of 3\)/);
  graces(5);
  assert.equal(reloads(), 3);
  const last = events[events.length - 1]!;
  assert.match(last, /^error: .*did not load after 3 reloads; close it and run "Load Test: Show results", or reload the window/);
});

test('a reloaded page that then says ready resets the count, so a later stall gets its own 3 reloads', () => {
  const { w, reloads } = watch(() => true);
  w.expectReady();
  graces(2);
  assert.equal(reloads(), 2);
  w.ready();
  w.expectReady();
  graces(10);
  assert.equal(reloads(), 5);
});

test('a hidden page is not reloaded, and a cleared watch does nothing', () => {
  let visible = false;
  const { w, reloads } = watch(() => visible);
  w.expectReady();
  graces(10);
  assert.equal(reloads(), 0);
  visible = true;
  w.expectReady();
  w.clear();
  graces(10);
  assert.equal(reloads(), 0);
});
