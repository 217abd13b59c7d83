/** What the sandbox routes share: state, catalog, faults, webhooks and the clock. */
import type { SandboxCatalog } from "./catalog.ts";
import type { SandboxFaults } from "./faults.ts";
import type { QrImages } from "./qr-images.ts";
import type { RequestJournal } from "./request-journal.ts";
import type { SandboxStore } from "./store.ts";
import type { SandboxWebhooks } from "./webhooks.ts";

/** Dependencies of the sandbox HTTP app. */
export interface SandboxDeps {
  store: SandboxStore;
  catalog: SandboxCatalog;
  faults: SandboxFaults;
  /** Every order-side request, for GET /sandbox/requests. */
  journal: RequestJournal;
  qr: QrImages;
  /** Webhook registrations; every eSIM change is announced through it. */
  webhooks: SandboxWebhooks;
  now: () => Date;
  /** SM-DP+ host written into every activation code. */
  smdpHost: string;
  /** When set, /esim/* requires `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Told about unexpected errors (answered with 500); the error never carries an activation code. */
  onError?: (error: unknown) => void;
}
