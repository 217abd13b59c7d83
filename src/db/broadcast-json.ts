/** Broadcast content and audience as stored (JSON columns), validated when read back. */
import { z } from "zod";
import { RECENT_BUYER_DAYS, type Audience, type BroadcastContent, type TextEntity } from "../domain/broadcast.ts";

const entity: z.ZodType<TextEntity> = z.looseObject({
  type: z.string(),
  offset: z.number().int(),
  length: z.number().int(),
  url: z.string().optional(),
  language: z.string().optional(),
  custom_emoji_id: z.string().optional(),
  user: z.looseObject({ id: z.number(), is_bot: z.boolean(), first_name: z.string() }).optional(),
});

const contentSchema: z.ZodType<BroadcastContent> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().min(1), entities: z.array(entity) }),
  z.object({ kind: z.literal("photo"), fileId: z.string().min(1), caption: z.string(), captionEntities: z.array(entity) }),
]);

const audienceSchema: z.ZodType<Audience> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("recent-buyers"), days: z.union(RECENT_BUYER_DAYS.map((days) => z.literal(days))) }),
  z.object({ kind: z.literal("active-esim") }),
]);

/** The content stored in a Broadcast row. */
export function parseContent(json: string): BroadcastContent {
  return contentSchema.parse(JSON.parse(json));
}

/** The audience stored in a Broadcast row. */
export function parseAudience(json: string): Audience {
  return audienceSchema.parse(JSON.parse(json));
}
