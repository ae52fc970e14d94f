// The accept queue's capacity: the kernel caps the listen() argument at net.core.somaxconn.

export interface EffectiveBacklog {
  /** Undefined when somaxconn is unknown and the argument is the kernel maximum (Go). */
  value: number | undefined;
  /** What listen() is given: the explicit argument, else the API's default. */
  requested: number | 'somaxconn';
  /** Which of the two sets the capacity. */
  limitedBy: 'listen-argument' | 'somaxconn';
}

export function effectiveBacklog(
  argument: number | undefined,
  defaultArgument: number | 'somaxconn',
  somaxconn: number | undefined,
): EffectiveBacklog {
  const requested = argument ?? defaultArgument;
  if (requested === 'somaxconn') return { value: somaxconn, requested, limitedBy: 'somaxconn' };
  // listen() with a negative backlog gets somaxconn too.
  if (somaxconn !== undefined && (requested > somaxconn || requested < 0)) {
    return { value: somaxconn, requested, limitedBy: 'somaxconn' };
  }
  return { value: requested, requested, limitedBy: 'listen-argument' };
}
