import type { LoadResult } from '../../shared/result';
import type { Finding } from '../../shared/findings';
import type { DiagnosisFacts } from './diagnosisFacts';

/** A rule applied after the run. Returns nothing when it does not apply: a healthy run yields no finding. */
export type RunRule = (facts: DiagnosisFacts, result: LoadResult) => Finding | undefined;
/** A rule applied before the load, from settings and listeners only. */
export type PreflightRule = (facts: DiagnosisFacts) => Finding | undefined;
