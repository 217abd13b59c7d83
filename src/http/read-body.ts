/**
 * Reading a request body with a size limit, for bodies sent with a
 * Content-Length and for chunked ones alike. Hand-written because hono's
 * bodyLimit middleware rebuilds the request with the global `Request`, which
 * cannot take @hono/node-server's request object unless the server replaces
 * the process's global Request and Response (serveApp keeps them untouched),
 * so every chunked body failed with a 500.
 */

/** The bytes of the body, or "too_large" as soon as more than `maxBytes` are declared or arrive (the rest is not read). */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Uint8Array | "too_large"> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return "too_large";
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
