// Loads a webview page again when it never says `ready`. In VS Code for the Web (code-server) a webview's page
// fetches its script through a service worker, which answers 404 when it cannot find the webview's outer frame and
// 408 after 30 s without an answer. Either way the page stays blank for good: CI here saw such a blank page in about
// 5 of 35 runs of one UI test, right after another editor group closed. A page normally says `ready` within 1 s (2-3 s
// on a busy 2-core machine), so after 6 s without it the page is set again, at most 3 times, then the user is told
// what to do.

export interface PageLoadWatchOptions {
  /** Sets the page's HTML again (a fresh nonce, so the webview really reloads). */
  reload(): void;
  /** Whether the page can load now: a hidden webview has no page to wait for. */
  canLoad(): boolean;
  log(level: 'warn' | 'error', message: string): void;
  graceMs?: number;
  maxReloads?: number;
}

export class PageLoadWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reloads = 0;
  private readonly graceMs: number;
  private readonly maxReloads: number;

  constructor(private readonly options: PageLoadWatchOptions) {
    this.graceMs = options.graceMs ?? 6_000;
    this.maxReloads = options.maxReloads ?? 3;
  }

  /** A page is (re)loading: expect its `ready`. */
  expectReady(): void {
    this.clear();
    this.timer = setTimeout(() => this.overdue(), this.graceMs);
  }

  /** The page said `ready`. */
  ready(): void {
    this.clear();
    this.reloads = 0;
  }

  /** The page went away (hidden or closed): nothing to wait for. */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private overdue(): void {
    this.timer = undefined;
    if (!this.options.canLoad()) return;
    if (this.reloads >= this.maxReloads) {
      this.options.log('error', `The results panel did not load after ${this.reloads} reloads; close it and run "Load Test: Show results", or reload the window.`);
      return;
    }
    this.reloads++;
    this.options.log('warn', `The results panel's page did not load within ${this.graceMs / 1000} s; loading it again (${this.reloads} of ${this.maxReloads}).`);
    this.options.reload();
    this.expectReady();
  }
}
