/**
 * Who is an operator: the Telegram user ids in ADMIN_IDS. Every operator
 * action asks at the moment it runs, never trusting what was true when a
 * menu or a button was shown: the list is read through a function, so a
 * changed configuration (or a test) takes effect at once.
 */

/** Operator rights, checked when an action runs. */
export class OperatorAccess {
  /** @param operatorIds the current operator ids (ADMIN_IDS), read on every check */
  constructor(private readonly operatorIds: () => readonly number[]) {}

  /** Access for a fixed list of ids (the configuration's). */
  static of(ids: readonly number[]): OperatorAccess {
    return new OperatorAccess(() => ids);
  }

  /** Whether `userId` is an operator now. */
  isOperator(userId: number): boolean {
    return this.operatorIds().includes(userId);
  }
}
