/** Scenario (a): /start from many chats — warm-up, a burst, and a paced phase for latency. */
import type { TestUser } from "../../test/support/telegram/user.ts";
import { burst, paced, type UpdateJob } from "./load.ts";
import { replyOf, type ReplyWatch } from "./reply-watch.ts";
import { measure, type PhaseResult, type Session } from "./session.ts";
import { timedSend } from "./user-actions.ts";

/** /start from the `index`-th chat, round robin; the reply is the bot's next message there. */
function startJob(watch: ReplyWatch, users: TestUser[]): UpdateJob {
  return (index) => timedSend(watch, users[index % users.length]!, "/start", replyOf("sendMessage"));
}

/** One /start per chat, so every user is known before anything is measured (only its memory is reported). */
export function warmUp(session: Session): Promise<PhaseResult> {
  const { users, options, watch } = session;
  return measure(session, "warm-up", () => burst(users.length, options.window, startJob(watch, users)));
}

/** The /start burst and the paced /start phase. */
export async function startScenario(session: Session): Promise<PhaseResult[]> {
  const { users, options, watch } = session;
  const job = startJob(watch, users);
  const phases = [await measure(session, "/start burst", () => burst(options.startUpdates, options.window, job))];
  if (options.pacedSeconds > 0) {
    phases.push(
      await measure(session, `/start at ${options.pacedRate}/s`, () => paced(options.pacedRate, options.pacedSeconds, job), {
        saturating: false,
      }),
    );
  }
  return phases;
}
