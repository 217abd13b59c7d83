/**
 * Broadcasts: one message an operator sends to many travellers. Plain data
 * shared by the service, the database and the bot.
 *
 * A delivery moves  pending → sending → sent | blocked | skipped | failed,
 * and back from sending to pending only when Telegram refused the send
 * (429), so no traveller ever gets a second copy: see BroadcastSender.
 */

/** A formatting span of a Telegram message (bold, link, …), as Telegram gives it. */
export interface TextEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
  user?: { id: number; is_bot: boolean; first_name: string };
}

/** What travellers receive: a text, or a photo with an optional caption, with the operator's formatting. */
export type BroadcastContent =
  | { kind: "text"; text: string; entities: TextEntity[] }
  | { kind: "photo"; fileId: string; caption: string; captionEntities: TextEntity[] };

/** How far back "bought recently" looks, in days: the choices the operator gets. */
export const RECENT_BUYER_DAYS = [7, 30, 90] as const;
/** One of RECENT_BUYER_DAYS. */
export type RecentBuyerDays = (typeof RECENT_BUYER_DAYS)[number];

/**
 * Who gets a broadcast. Travellers who opted out (/stop_news) or blocked the
 * bot are never included.
 * - all: everyone who talked to the bot;
 * - recent-buyers: got an eSIM or a top-up delivered in the last `days` days;
 * - active-esim: own an eSIM that has not expired.
 */
export type Audience = { kind: "all" } | { kind: "recent-buyers"; days: RecentBuyerDays } | { kind: "active-esim" };

/** Every audience the operator can choose, in menu order. */
export const AUDIENCES: readonly Audience[] = [
  { kind: "all" },
  ...RECENT_BUYER_DAYS.map((days): Audience => ({ kind: "recent-buyers", days })),
  { kind: "active-esim" },
];

/** Whether two audiences are the same choice. */
export function sameAudience(a: Audience, b: Audience): boolean {
  return a.kind === b.kind && (a.kind !== "recent-buyers" || (b.kind === "recent-buyers" && a.days === b.days));
}

/** Where one recipient's delivery stands. */
export type DeliveryStatus = "pending" | "sending" | "sent" | "blocked" | "skipped" | "failed";

/** A broadcast's deliveries counted by status. */
export type BroadcastTally = Record<DeliveryStatus, number>;

/** A tally with every count at zero. */
export function emptyTally(): BroadcastTally {
  return { pending: 0, sending: 0, sent: 0, blocked: 0, skipped: 0, failed: 0 };
}

/** Deliveries that are finished, one way or another. */
export function settledCount(tally: BroadcastTally): number {
  return tally.sent + tally.blocked + tally.skipped + tally.failed;
}

/** Whether no delivery is waiting or in flight any more. */
export function isSettled(tally: BroadcastTally): boolean {
  return tally.pending === 0 && tally.sending === 0;
}
