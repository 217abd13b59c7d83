/**
 * Scenario (b): the search step. Each round, every chat enters the purchase
 * conversation (/buy, measured as its own phase) and then types the
 * destination; the reply is its plan picker. A fresh conversation per round
 * keeps the replay log the same length in every round.
 */
import { burst } from "./load.ts";
import { replyOf } from "./reply-watch.ts";
import { combine, measure, type PhaseResult, type Session } from "./session.ts";
import { timedSend } from "./user-actions.ts";

/** What the conversation shows when it starts, and after a destination was found (English locale). */
export const DESTINATION_STEP = "Where are you travelling?";
export const PLANS_STEP = "Choose a plan";

/** The /buy phase and the search phase, each summed over the rounds. */
export async function searchScenario(session: Session): Promise<PhaseResult[]> {
  const { users, options, watch } = session;
  const enter: PhaseResult[] = [];
  const search: PhaseResult[] = [];
  for (let round = 0; round < options.searchRounds; round += 1) {
    enter.push(
      await measure(session, "/buy", () =>
        burst(users.length, options.window, (i) => timedSend(watch, users[i]!, "/buy", replyOf("sendMessage", DESTINATION_STEP))),
      ),
    );
    search.push(
      await measure(session, "search", () =>
        burst(users.length, options.window, (i) =>
          timedSend(watch, users[i]!, options.destination, replyOf("sendMessage", PLANS_STEP)),
        ),
      ),
    );
  }
  return [combine("/buy (enter conversation)", enter), combine(`search "${options.destination}"`, search)];
}
