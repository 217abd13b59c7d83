/**
 * A world for unit tests of the operator services (broadcasts, audit): the
 * real repositories on a fresh SQLite or PostgreSQL database, an operator
 * list the test changes at will, a clock it moves, and a fake Telegram side
 * that records every broadcast message per chat and answers as scripted.
 */
import { pino } from "pino";
import { AuditRepository } from "../../src/db/audit-repository.ts";
import { BroadcastDeliveriesRepository } from "../../src/db/broadcast-deliveries-repository.ts";
import { BroadcastsRepository } from "../../src/db/broadcasts-repository.ts";
import type { DatabaseProvider } from "../../src/db/client.ts";
import { UsersRepository } from "../../src/db/users-repository.ts";
import type { BroadcastContent, BroadcastTally } from "../../src/domain/broadcast.ts";
import { OperatorAccess } from "../../src/services/operator/access.ts";
import { AuditLog } from "../../src/services/operator/audit.ts";
import {
  BroadcastSender,
  type Broadcast,
  type BroadcastMessenger,
  type BroadcastProgress,
  type BroadcastRecipient,
  type SenderOptions,
  type SendOutcome,
} from "../../src/services/operator/broadcast-sender.ts";
import { BroadcastService } from "../../src/services/operator/broadcasts.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";

/** The operator of every test unless it says otherwise. */
export const OPERATOR = 900_001;

/** Records broadcast messages per chat; `script` answers the next sends to a chat instead of "sent". */
export class FakeBroadcastMessenger implements BroadcastMessenger {
  readonly received = new Map<number, BroadcastContent[]>();
  readonly script = new Map<number, SendOutcome[]>();
  readonly progress: BroadcastProgress[] = [];
  readonly tallies: Array<{ broadcastId: string; tally: BroadcastTally }> = [];
  #nextMessageId = 1;

  async deliver(content: BroadcastContent, recipient: BroadcastRecipient): Promise<SendOutcome> {
    const scripted = this.script.get(recipient.chatId)?.shift();
    if (scripted) return scripted;
    this.received.set(recipient.chatId, [...(this.received.get(recipient.chatId) ?? []), content]);
    return { kind: "sent" };
  }

  async showProgress(progress: BroadcastProgress): Promise<number> {
    this.progress.push(structuredClone(progress));
    return progress.broadcast.progressMessageId ?? this.#nextMessageId++;
  }

  async postTally(broadcast: Broadcast, tally: BroadcastTally): Promise<void> {
    this.tallies.push({ broadcastId: broadcast.id, tally: { ...tally } });
  }

  /** How many messages `chatId` got. */
  count(chatId: number): number {
    return this.received.get(chatId)?.length ?? 0;
  }
}

/** Everything an operator-service test needs. */
export interface OperatorWorld {
  database: TestDatabase;
  /** The operator ids right now; change it to add or remove operators. */
  operators: number[];
  access: OperatorAccess;
  auditRepo: AuditRepository;
  broadcastsRepo: BroadcastsRepository;
  deliveriesRepo: BroadcastDeliveriesRepository;
  users: UsersRepository;
  broadcasts: BroadcastService;
  messenger: FakeBroadcastMessenger;
  /** How often the service woke the sender. */
  kicks: number;
  now(): Date;
  advance(ms: number): void;
  /** A sender on this world's database (tests make several to play several processes). */
  sender(options?: Partial<SenderOptions>): BroadcastSender;
  close(): Promise<void>;
}

/** Creates a world on `kind`; close it after the test. */
export async function createOperatorWorld(kind: DatabaseProvider = "sqlite"): Promise<OperatorWorld> {
  const database = await createTestDatabase(kind);
  const { prisma, provider } = database.db;
  let time = Date.now();
  const now = () => new Date(time);
  const log = pino({ level: "silent" });
  const world = { operators: [OPERATOR] } as { operators: number[]; kicks: number };
  world.kicks = 0;
  const access = new OperatorAccess(() => world.operators);
  const auditRepo = new AuditRepository(prisma);
  const broadcastsRepo = new BroadcastsRepository(prisma);
  const deliveriesRepo = new BroadcastDeliveriesRepository(prisma, provider);
  const users = new UsersRepository(prisma);
  const messenger = new FakeBroadcastMessenger();
  const audit = new AuditLog({ repo: auditRepo, log, now });
  const broadcasts = new BroadcastService({
    access,
    broadcasts: broadcastsRepo,
    audit,
    worker: { kick: () => void world.kicks++ },
    log,
    now,
  });
  return Object.assign(world, {
    database,
    access,
    auditRepo,
    broadcastsRepo,
    deliveriesRepo,
    users,
    broadcasts,
    messenger,
    now,
    advance: (ms: number) => void (time += ms),
    sender: (options: Partial<SenderOptions> = {}) =>
      new BroadcastSender({ deliveries: deliveriesRepo, broadcasts: broadcastsRepo, users, messenger, log, now, options }),
    close: () => database.drop(),
  });
}
