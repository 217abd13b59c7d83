/**
 * Registering the bot's webhook endpoint with the provider at start. Webhooks
 * only speed things up (polling finds every change anyway), so a failed
 * registration is one warning and the bot starts regardless.
 */
import type { Config } from "../config.ts";
import type { EsimProvider } from "../providers/port.ts";
import type { Logger } from "../services/logger.ts";

/** The path the provider posts to, under PUBLIC_URL or the local server URL. */
export const PROVIDER_WEBHOOK_PATH = "/webhooks/provider";

/**
 * Where the provider should post: `${PUBLIC_URL}/webhooks/provider`, or, for
 * the built-in sandbox (which runs in this process), the local server, so
 * the demo works without a public URL. Undefined when neither applies.
 */
export function webhookTargetUrl(input: {
  providerKind: Config["provider"]["kind"];
  publicUrl: string | undefined;
  localUrl: string;
}): string | undefined {
  if (input.publicUrl !== undefined) return input.publicUrl + PROVIDER_WEBHOOK_PATH;
  if (input.providerKind === "sandbox") return input.localUrl + PROVIDER_WEBHOOK_PATH;
  return undefined;
}

/** Registers the endpoint if the provider supports it and a URL is known; never throws. */
export async function registerProviderWebhook(input: {
  provider: EsimProvider;
  providerKind: Config["provider"]["kind"];
  publicUrl: string | undefined;
  localUrl: string;
  secret: string;
  log: Logger;
}): Promise<void> {
  const { provider, log } = input;
  if (!provider.registerWebhook) {
    log.info({ provider: input.providerKind }, "this provider has no webhook registration; polling alone watches eSIMs");
    return;
  }
  const url = webhookTargetUrl(input);
  if (url === undefined) {
    log.info({}, "PUBLIC_URL is not set: webhooks are not registered with the provider (register <PUBLIC_URL>/webhooks/provider yourself, or set PUBLIC_URL)");
    return;
  }
  try {
    await provider.registerWebhook({ url, secret: input.secret });
    log.info({ url }, "webhook registered with the provider");
  } catch (error) {
    log.warn({ err: error, url }, "registering the webhook with the provider failed; polling still watches every eSIM");
  }
}
