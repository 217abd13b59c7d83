/**
 * Reads a Bot API request: a JSON body, multipart/form-data (grammY's
 * uploads: fields plus file parts referenced as "attach://<part>"), a
 * urlencoded form, or the query string.
 */
import type { IncomingMessage } from "node:http";
import { badRequest } from "./api-error.ts";
import type { UploadedFile } from "./call-log.ts";
import { multipartBoundary, parseMultipart, type MultipartPart } from "./multipart.ts";
import { isObject, normalizeFormFields, type JsonObject } from "./params.ts";

/** Parameters and uploaded files of one call. */
export interface ParsedRequest {
  params: JsonObject;
  /** Files by the parameter that referenced them (e.g. `photo`). */
  files: Record<string, UploadedFile>;
}

/** Collects the request body. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Parses a body by its content type; query parameters fill in what the body lacks. */
export function parseBotRequest(contentType: string | undefined, body: Buffer, query: URLSearchParams): ParsedRequest {
  const fromQuery = normalizeFormFields(Object.fromEntries(query));
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (body.length === 0) return { params: fromQuery, files: {} };
  if (type === "application/json") return { params: { ...fromQuery, ...parseJson(body) }, files: {} };
  if (type === "multipart/form-data") {
    const parsed = parseMultipartRequest(contentType ?? "", body);
    return { params: { ...fromQuery, ...parsed.params }, files: parsed.files };
  }
  if (type === "application/x-www-form-urlencoded") {
    const form = Object.fromEntries(new URLSearchParams(body.toString("utf8")));
    return { params: { ...fromQuery, ...normalizeFormFields(form) }, files: {} };
  }
  throw badRequest(`unsupported content type "${type}"`);
}

function parseJson(body: Buffer): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    throw badRequest("can't parse JSON request body");
  }
  if (!isObject(value)) throw badRequest("JSON request body must be an object");
  if (hasLoneSurrogate(value)) throw badRequest("strings must be encoded in UTF-8");
  return value;
}

/**
 * Whether any string in a parsed JSON value holds half a surrogate pair
 * (text cut in the middle of an emoji): not valid UTF-8, which Telegram
 * refuses. Form fields cannot carry one (their UTF-8 encoding replaces it).
 */
function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === "string") return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (isObject(value)) return Object.values(value).some(hasLoneSurrogate);
  return false;
}

function parseMultipartRequest(contentType: string, body: Buffer): ParsedRequest {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw badRequest("multipart/form-data request without a boundary");
  let decoded: MultipartPart[];
  try {
    decoded = parseMultipart(body, boundary);
  } catch (error) {
    throw badRequest(`can't parse multipart/form-data request body: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fields: Record<string, string> = {};
  const parts = new Map<string, UploadedFile>();
  for (const part of decoded) {
    if (part.fileName === undefined) {
      fields[part.name] = part.data.toString("utf8");
    } else {
      const file: UploadedFile = { bytes: part.data };
      if (part.fileName) file.fileName = part.fileName;
      if (part.contentType) file.contentType = part.contentType;
      parts.set(part.name, file);
    }
  }
  const files: Record<string, UploadedFile> = {};
  const referenced = new Set<string>();
  for (const [name, value] of Object.entries(fields)) {
    const partName = value.startsWith("attach://") ? value.slice("attach://".length) : undefined;
    const part = partName === undefined ? undefined : parts.get(partName);
    if (partName !== undefined && part) {
      files[name] = part;
      referenced.add(partName);
    }
  }
  // A file part sent under the parameter's own name (no attach:// indirection) is accepted too.
  for (const [name, part] of parts) {
    if (!referenced.has(name)) files[name] = part;
  }
  return { params: normalizeFormFields(fields), files };
}
