/**
 * Chooses and starts the upstream provider from the configuration: a real API
 * (giapi, octopus) or an in-process fake of one (sandbox, octopus-sandbox),
 * which the real HTTP client then talks to, exactly as in production. The
 * only real-side file that imports ./fakes/.
 */
import type { Config } from "../config.ts";
import type { Logger } from "../services/logger.ts";
import { startSandboxServer } from "./fakes/giapi-sandbox/server.ts";
import { startOctopusFake } from "./fakes/octopus/server.ts";
import { GenericApiProvider } from "./giapi/client.ts";
import { OctopusProvider } from "./octopus/client.ts";
import type { EsimProvider } from "./port.ts";

/** A started provider and what must be closed with it. */
export interface StartedProvider {
  provider: EsimProvider;
  /** The in-process fake's URL, for its control API (sandbox modes only). */
  sandboxUrl: string | undefined;
  close(): Promise<void>;
}

/** Built-in fakes accept any key; this one is sent so requests look like production. */
const SANDBOX_KEY = "sandbox";

/** Starts the configured provider (and its fake, in sandbox modes). */
export async function createProvider(config: Config["provider"], log: Logger): Promise<StartedProvider> {
  const onSkip = (details: Record<string, unknown>, message: string) => log.warn(details, message);
  switch (config.kind) {
    case "sandbox": {
      const sandbox = await startSandboxServer({ port: config.port, dbPath: config.databasePath });
      const provider = new GenericApiProvider({ baseUrl: sandbox.url, apiKey: SANDBOX_KEY });
      log.info({ url: sandbox.url }, "sandbox provider listening");
      return { provider, sandboxUrl: sandbox.url, close: closeBoth(provider, sandbox) };
    }
    case "octopus-sandbox": {
      const fake = await startOctopusFake({ port: config.port, apiKey: SANDBOX_KEY, dbPath: config.databasePath });
      const provider = new OctopusProvider({ baseUrl: fake.url, apiKey: SANDBOX_KEY, onSkip });
      log.info({ url: fake.url }, "octopus sandbox listening");
      return { provider, sandboxUrl: fake.url, close: closeBoth(provider, fake) };
    }
    case "giapi": {
      const provider = new GenericApiProvider({ baseUrl: config.baseUrl, apiKey: config.apiKey });
      return { provider, sandboxUrl: undefined, close: () => provider.close() };
    }
    case "octopus": {
      const provider = new OctopusProvider({ baseUrl: config.baseUrl, apiKey: config.apiKey, onSkip });
      return { provider, sandboxUrl: undefined, close: () => provider.close() };
    }
  }
}

function closeBoth(client: { close(): Promise<void> }, server: { close(): Promise<void> }) {
  return async () => {
    await client.close();
    await server.close();
  };
}
