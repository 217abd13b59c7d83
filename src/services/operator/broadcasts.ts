/**
 * Broadcasts as operators start them: the audiences with their sizes, and
 * confirming a composed message. Each call re-checks that the caller is an
 * operator at that moment. Confirming creates the broadcast, one delivery
 * per recipient and the audit entry in one transaction, keyed by the
 * draft's id, so confirming the same draft twice (a double tap, a replayed
 * update) creates and sends it once. The sending is BroadcastSender's.
 */
import type { BroadcastsRepository } from "../../db/broadcasts-repository.ts";
import { isUniqueViolation } from "../../db/prisma-types.ts";
import type { NewAuditEntry } from "../../domain/audit.ts";
import { AUDIENCES, type Audience, type BroadcastContent } from "../../domain/broadcast.ts";
import type { Logger } from "../logger.ts";
import type { OperatorAccess } from "./access.ts";
import type { AuditLog } from "./audit.ts";

/** The audit action of a confirmed broadcast. */
export const BROADCAST_ACTION = "broadcast.send";

/** An audience and how many travellers it holds now. */
export interface AudienceSize {
  audience: Audience;
  size: number;
}

/** A composed broadcast the operator confirms. */
export interface BroadcastRequest {
  /** The draft's id: the broadcast's id and the key that makes confirming it happen once. */
  draftId: string;
  /** Where progress and the tally go (the operator's private chat). */
  operatorChatId: number;
  /** The operator's language. */
  languageCode: string;
  content: BroadcastContent;
  audience: Audience;
}

/** What confirming did. Plain JSON (conversations store it). */
export type StartResult =
  | { kind: "started"; recipients: number }
  | { kind: "already-started"; recipients: number }
  /** Nobody is in the audience now: nothing was created. */
  | { kind: "empty" }
  /** The caller is not an operator now: nothing was created. */
  | { kind: "refused" };

/** Wakes the sender (it also looks for work on its own timer). */
export interface BroadcastWorker {
  kick(): void;
}

/** Starting broadcasts. */
export class BroadcastService {
  constructor(
    private readonly deps: {
      access: OperatorAccess;
      broadcasts: BroadcastsRepository;
      audit: AuditLog;
      worker: BroadcastWorker;
      log: Logger;
      now: () => Date;
    },
  ) {}

  /** Every audience with its size now; null when `operatorId` is not an operator. */
  async audienceSizes(operatorId: number): Promise<AudienceSize[] | null> {
    if (!this.deps.access.isOperator(operatorId)) return null;
    const now = this.deps.now();
    return Promise.all(AUDIENCES.map(async (audience) => ({ audience, size: await this.deps.broadcasts.audienceSize(audience, now) })));
  }

  /** One audience's size now; null when `operatorId` is not an operator. */
  async audienceSize(operatorId: number, audience: Audience): Promise<number | null> {
    if (!this.deps.access.isOperator(operatorId)) return null;
    return this.deps.broadcasts.audienceSize(audience, this.deps.now());
  }

  /** Confirms a broadcast: see the module comment. */
  async start(operatorId: number, request: BroadcastRequest): Promise<StartResult> {
    const subject = { kind: "broadcast", id: request.draftId };
    if (!this.deps.access.isOperator(operatorId)) {
      await this.deps.audit.refused(operatorId, BROADCAST_ACTION, subject, { audience: request.audience });
      return { kind: "refused" };
    }
    const now = this.deps.now();
    const audit = (recipients: number): NewAuditEntry => ({
      at: now,
      operatorId,
      action: BROADCAST_ACTION,
      subject,
      details: { audience: request.audience, recipients, content: request.content.kind },
      result: "ok",
      actionKey: `broadcast:${request.draftId}`,
    });
    try {
      const recipients = await this.deps.broadcasts.create({ ...request, id: request.draftId, operatorId, createdAt: now }, audit);
      if (recipients === 0) return { kind: "empty" };
      this.deps.log.info({ operatorId, broadcastId: request.draftId, recipients }, "broadcast confirmed");
      this.deps.worker.kick();
      return { kind: "started", recipients };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.deps.broadcasts.find(request.draftId);
      return { kind: "already-started", recipients: existing?.recipients ?? 0 };
    }
  }
}
