// Answers the extension-host tests give in place of a person (set through the API activate() returns). Every
// prompt that has an entry here skips its UI; with nothing set, the user is asked as usual.
import type { LoadProfile } from './loadProfiles';

export interface TestAnswers {
  /** The profile quick pick returns this. */
  profile?: LoadProfile;
  /** "A load test is running" question: stop it and start the new one, or keep it. */
  whenRunning?: 'stop' | 'cancel';
  /** The "run this command in a terminal?" confirmation. */
  confirmTerminal?: boolean;
}

export const testAnswers: TestAnswers = {};
