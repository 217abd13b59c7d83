/**
 * What the app opens before anything else is built: the migrated database,
 * and the catalog with its destination search (loaded once at start, kept
 * fresh by the catalog refresher).
 */
import { ConfigError, type Config } from "../config.ts";
import { createDatabase, parseDatabaseUrl, type Database } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { createDestinationIndex, type DestinationIndex, type DestinationMatch } from "../domain/destinations/index.ts";
import { ProviderAuthError } from "../providers/errors.ts";
import type { EsimProvider } from "../providers/port.ts";
import { CatalogRefresher } from "../scheduler/catalog-refresh.ts";
import { CatalogService } from "../services/catalog.ts";
import type { Logger } from "../services/logger.ts";

/** Opens the database and applies the committed migrations; closes it again if migrating fails. */
export async function openDatabase(config: Config, pgSchema: string | undefined, log: Logger): Promise<Database> {
  const db = createDatabase(config.databaseUrl, { pgSchema });
  try {
    const target = parseDatabaseUrl(config.databaseUrl);
    const migrated = await applyMigrations(pgSchema ? { ...target, schema: pgSchema } : target);
    if (migrated.applied.length) log.info({ applied: migrated.applied }, "database migrated");
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** The catalog, the search over its destinations, and what keeps both fresh. */
export interface LoadedCatalog {
  catalog: CatalogService;
  /** Searches the destinations of the latest catalog. */
  searchDestinations(query: string, language: string): DestinationMatch;
  refresher: CatalogRefresher;
}

/**
 * Loads the catalog from the provider. A provider that is down only leaves
 * the catalog empty (the refresher retries); a refused API key stops the
 * start with one line for the operator, as it will not fix itself.
 */
export async function loadCatalog(provider: EsimProvider, config: Config, log: Logger): Promise<LoadedCatalog> {
  const catalog = new CatalogService(provider, config.payments, log.child({ part: "catalog" }));
  let index: DestinationIndex = createDestinationIndex([]);
  const reindex = () => (index = createDestinationIndex(catalog.destinations()));
  try {
    await catalog.refresh();
    reindex();
  } catch (error) {
    if (error instanceof ProviderAuthError) throw new ConfigError([`PROVIDER_API_KEY is refused by the provider: ${error.message}`]);
    log.error({ err: error }, "catalog unavailable at start; retrying every 30 s");
  }
  return {
    catalog,
    searchDestinations: (query, language) => index.search(query, language),
    refresher: new CatalogRefresher(catalog, reindex, log),
  };
}
