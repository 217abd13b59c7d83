/**
 * How errors look in the logs. pino's standard serializer copies every
 * enumerable property, which for grammY's errors means the request payload
 * (message texts with activation codes, `provider_token`) and, for network
 * errors, the failed request's URL with the bot token in it. This one keeps
 * what an operator needs: for Telegram, the method, error code and
 * description; for anything else its type, message, stack, simple fields
 * (codes, statuses) and causes. Written by hand because it has to know
 * grammY's error classes; the secret scrubber (./secret-scrubber.ts) still
 * runs over every line afterwards.
 */
import { GrammyError, HttpError } from "grammy";

/** Causes deeper than this are left out (a cause chain is rarely longer than three). */
const MAX_DEPTH = 4;

/** An error as logged. */
export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
  [field: string]: unknown;
}

/** pino's serializer for `err`: an Error becomes a {@link SerializedError}, anything else is kept. */
export function serializeError(value: unknown): unknown {
  return value instanceof Error ? describe(value, 0) : value;
}

function describe(error: Error, depth: number): SerializedError {
  if (error instanceof GrammyError) return describeGrammyError(error);
  if (error instanceof HttpError) return describeHttpError(error, depth);
  const described: SerializedError = { type: typeName(error), message: error.message, stack: error.stack };
  for (const [field, value] of Object.entries(error)) {
    if (field === "cause" || field === "errors") continue;
    if (isSimple(value)) described[field] = value;
  }
  const database = databaseReason(error);
  if (database) described.database = database;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && depth < MAX_DEPTH) described.cause = describe(cause, depth + 1);
  if (error instanceof AggregateError && depth < MAX_DEPTH) {
    described.errors = error.errors.map((inner: unknown) => (inner instanceof Error ? describe(inner, depth + 1) : String(inner)));
  }
  return described;
}

/** Telegram said no: what was called and what it answered, never what was sent. */
function describeGrammyError(error: GrammyError): SerializedError {
  const { retry_after, migrate_to_chat_id } = error.parameters;
  return {
    type: "GrammyError",
    message: error.message,
    method: error.method,
    error_code: error.error_code,
    description: error.description,
    ...(retry_after === undefined ? {} : { retry_after }),
    ...(migrate_to_chat_id === undefined ? {} : { migrate_to_chat_id }),
    stack: error.stack,
  };
}

/**
 * The request never got an answer. grammY's message names the method; the
 * wrapped error says why (its message may hold the URL, which the scrubber
 * strips of the token).
 */
function describeHttpError(error: HttpError, depth: number): SerializedError {
  const method = /'([^']+)'/.exec(error.message)?.[1];
  const described: SerializedError = { type: "HttpError", message: error.message, stack: error.stack };
  if (method !== undefined) described.method = method;
  if (error.error instanceof Error && depth < MAX_DEPTH) described.cause = describe(error.error, depth + 1);
  return described;
}

/**
 * What the database itself said under a Prisma error (`meta.driverAdapterError`
 * of the driver adapters): Prisma's own message is generic ("Foreign key
 * constraint violated") while the database's names the trigger or constraint.
 */
function databaseReason(error: Error): Record<string, string> | undefined {
  const meta = (error as { meta?: unknown }).meta;
  if (typeof meta !== "object" || meta === null) return undefined;
  const driverError = (meta as { driverAdapterError?: unknown }).driverAdapterError;
  const reason = driverError instanceof Error ? (driverError as { cause?: unknown }).cause : undefined;
  if (typeof reason !== "object" || reason === null) return undefined;
  const picked: Record<string, string> = {};
  for (const field of ["kind", "originalCode", "originalMessage"] as const) {
    const value = (reason as Record<string, unknown>)[field];
    if (typeof value === "string") picked[field] = value;
  }
  return Object.keys(picked).length ? picked : undefined;
}

function typeName(error: Error): string {
  const constructorName = error.constructor?.name;
  return constructorName && constructorName !== "Object" ? constructorName : error.name;
}

/** Strings, numbers, booleans and lists of them (e.g. a ConfigError's problems); objects may carry payloads. */
function isSimple(value: unknown): boolean {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return true;
  return Array.isArray(value) && value.every((item) => item === null || ["string", "number", "boolean"].includes(typeof item));
}
