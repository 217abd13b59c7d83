/**
 * The logging interface services depend on: pino's, narrowed to what we use,
 * so tests can pass pino with level "silent" or a recording fake.
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}
