/**
 * A small multipart/form-data parser. grammY writes compact part headers
 * (`content-disposition:form-data;name="x";filename=a.png`), which Telegram
 * accepts but undici's strict `Request#formData()` rejects, so the emulator
 * parses the body itself.
 */

/** One part of a multipart body. */
export interface MultipartPart {
  name: string;
  /** Present on file parts. */
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary of a multipart content type, if any. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Splits a multipart body into parts; throws on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position === -1) throw new Error("multipart boundary not found");
  position += delimiter.length;
  for (;;) {
    if (body.subarray(position, position + 2).toString("latin1") === "--") return parts;
    position = skipLineBreak(body, position);
    const headerEnd = body.indexOf("\r\n\r\n", position);
    if (headerEnd === -1) throw new Error("multipart part without a header end");
    const headers = parseHeaders(body.subarray(position, headerEnd).toString("utf8"));
    const dataStart = headerEnd + 4;
    const dataEnd = body.indexOf(nextDelimiter, dataStart);
    if (dataEnd === -1) throw new Error("multipart part without a closing boundary");
    parts.push(toPart(headers, body.subarray(dataStart, dataEnd)));
    position = dataEnd + nextDelimiter.length;
  }
}

function skipLineBreak(body: Buffer, position: number): number {
  if (body[position] === 0x0d && body[position + 1] === 0x0a) return position + 2;
  if (body[position] === 0x0a) return position + 1;
  return position;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function toPart(headers: Map<string, string>, data: Buffer): MultipartPart {
  const disposition = headers.get("content-disposition") ?? "";
  const parameters = new Map<string, string>();
  for (const match of disposition.matchAll(/;\s*([A-Za-z*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    const value = match[2] === undefined ? (match[3] ?? "").trim() : match[2].replace(/\\(.)/g, "$1");
    parameters.set((match[1] ?? "").toLowerCase(), value);
  }
  const name = parameters.get("name");
  if (name === undefined) throw new Error("multipart part without a name");
  const part: MultipartPart = { name, data: Buffer.from(data) };
  const fileName = parameters.get("filename");
  if (fileName !== undefined) part.fileName = fileName;
  const contentType = headers.get("content-type");
  if (contentType !== undefined) part.contentType = contentType;
  return part;
}
