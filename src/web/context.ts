/** What every dashboard handler knows about its request: the session and the language. */
import type { DashboardSession } from "../services/operator/dashboard-auth.ts";

/** Translates a dashboard message in the request's language. */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** Hono's variables of a dashboard request. */
export interface DashboardEnv {
  Variables: {
    /** Set by the session guard on every page behind it. */
    session: DashboardSession;
    lang: string;
    t: Translate;
  };
}
