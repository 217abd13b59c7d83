/**
 * The audit log as the operator services use it: every action records who,
 * when, what and with which result. Actions that must happen once record
 * their entry inside their own transaction (see BroadcastsRepository.create);
 * the rest, and refusals, go through `record`.
 */
import type { AuditRepository } from "../../db/audit-repository.ts";
import type { AuditEntry, AuditSubject, JsonValue } from "../../domain/audit.ts";
import type { Logger } from "../logger.ts";

/** Recording and reading operator actions. */
export class AuditLog {
  constructor(
    private readonly deps: {
      repo: AuditRepository;
      log: Logger;
      now: () => Date;
    },
  ) {}

  /**
   * Records that `operatorId` was refused `action` (not an operator any more
   * when it ran). Refusals carry no action key: they never block the real
   * action later.
   */
  async refused(operatorId: number, action: string, subject: AuditSubject, details: { [key: string]: JsonValue } = {}): Promise<void> {
    this.deps.log.warn({ operatorId, action, subject }, "operator action refused: not in ADMIN_IDS");
    await this.deps.repo.record({ at: this.deps.now(), operatorId, action, subject, details, result: "refused" });
  }

  /** Records that an action of `operatorId` failed after it was recorded (e.g. Telegram did not take a resent message). */
  async failed(operatorId: number, action: string, subject: AuditSubject, details: { [key: string]: JsonValue } = {}): Promise<void> {
    await this.deps.repo.record({ at: this.deps.now(), operatorId, action, subject, details, result: "failed" });
  }

  /** A subject's entries, oldest first (e.g. an order's timeline). */
  forSubject(subject: AuditSubject): Promise<AuditEntry[]> {
    return this.deps.repo.forSubject(subject.kind, subject.id);
  }

  /** The latest entries, newest first. */
  recent(limit = 20): Promise<AuditEntry[]> {
    return this.deps.repo.recent(limit);
  }
}
