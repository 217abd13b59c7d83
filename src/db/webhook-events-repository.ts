/**
 * Provider webhook events already handled, by event id. A claim is one
 * INSERT on the primary key, so of several instances sharing a database
 * (or two deliveries of one event at once) exactly one wins.
 */
import { isUniqueViolation, type ShopPrisma } from "./prisma-types.ts";

/** The WebhookEvent table. */
export class WebhookEventsRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /** Records the event as handled; false when it already was. */
  async claim(eventId: string, at: Date): Promise<boolean> {
    try {
      await this.prisma.webhookEvent.create({ data: { id: eventId, receivedAt: at } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Forgets a claim whose handling failed, so the provider's retry is handled. */
  async release(eventId: string): Promise<void> {
    await this.prisma.webhookEvent.deleteMany({ where: { id: eventId } });
  }

  /** Deletes claims received before `cutoff`; returns how many went. */
  async deleteReceivedBefore(cutoff: Date): Promise<number> {
    const { count } = await this.prisma.webhookEvent.deleteMany({ where: { receivedAt: { lt: cutoff } } });
    return count;
  }
}
