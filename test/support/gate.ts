/** A point where the code under test waits until the test opens it, and a promise saying the code reached it. */
export interface Gate {
  /** Lets the waiting code go on. */
  open(): void;
  /** Resolves once the code is waiting. */
  readonly reached: Promise<void>;
  /** What the code under test awaits. */
  wait(): Promise<void>;
}

/** A new closed gate. */
export function gate(): Gate {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const wasReached = new Promise<void>((resolve) => (reached = resolve));
  return { open, reached: wasReached, wait: () => (reached(), opened) };
}
