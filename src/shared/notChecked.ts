// What the diagnosis could not see, as every consumer says it: the CLI report, the panel (and the HTML export,
// which is the panel), the status bar tooltip. Pure (no Node imports): the webview uses it too.
import type { BlindSpot, KernelReport } from './findings';

export const NO_TROUBLE = 'No kernel TCP trouble found.';
/** Said instead of NO_TROUBLE when something that could hide trouble was not read. */
export const NO_TROUBLE_SEEN = 'No kernel TCP trouble in what could be read.';

export interface DiagnosisCoverage {
  /** Blind spots that could hide trouble: "no trouble found" would overstate the diagnosis. */
  notChecked: BlindSpot[];
  /** Reminders of what the readings cover (e.g. a container's own counters); the checks themselves ran. */
  caveats: BlindSpot[];
}

export function diagnosisCoverage(kernel: Pick<KernelReport, 'blindSpots'> | undefined): DiagnosisCoverage {
  const spots = kernel?.blindSpots ?? [];
  return { notChecked: spots.filter((s) => !s.caveat), caveats: spots.filter((s) => s.caveat) };
}

/** The one line for a run without findings: never "no trouble found" while something was not checked. */
export function cleanVerdict(kernel: Pick<KernelReport, 'blindSpots'> | undefined): string {
  return diagnosisCoverage(kernel).notChecked.length > 0 ? NO_TROUBLE_SEEN : NO_TROUBLE;
}
