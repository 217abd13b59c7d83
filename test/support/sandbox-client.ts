/** A sandbox provider on a free port with the real HTTP client and the control API, for provider tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GenericApiProvider } from "../../src/providers/giapi/client.ts";
import { startSandboxServer, type SandboxServer } from "../../src/providers/fakes/giapi-sandbox/server.ts";
import { SandboxControl } from "./sandbox-control.ts";

/** The API key the sandbox requires and the client sends. */
export const SANDBOX_TEST_KEY = "secret-key";

/** A running sandbox with its client. */
export interface SandboxWithClient {
  sandbox: SandboxServer;
  client: GenericApiProvider;
  control: SandboxControl;
  close(): Promise<void>;
}

/** Starts a sandbox (state in a temporary directory) and a client for it. */
export async function startSandboxWithClient(): Promise<SandboxWithClient> {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-client-"));
  const sandbox = await startSandboxServer({ port: 0, dbPath: join(dir, "sandbox.db"), apiKey: SANDBOX_TEST_KEY });
  const client = new GenericApiProvider({ baseUrl: sandbox.url, apiKey: SANDBOX_TEST_KEY });
  return {
    sandbox,
    client,
    control: new SandboxControl(sandbox.url),
    async close() {
      await client.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
