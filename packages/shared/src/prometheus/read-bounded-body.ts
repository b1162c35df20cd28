// Reads an HTTP answer's body without trusting its size: a declared Content-Length over the cap is
// refused before any of the body is read, and otherwise bytes are counted as they stream in and the
// read is cancelled the moment they pass the cap (the header may be absent, lie, or describe gzip).

export type BoundedBody =
  | { ok: true; text: string }
  | {
      ok: false;
      /** The size the server announced, when that alone was over the cap. */
      declaredBytes?: number;
    };

function declaredLength(response: Response): number | undefined {
  const header = response.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header);
}

export async function readBoundedBody(response: Response, maxBytes: number): Promise<BoundedBody> {
  const declared = declaredLength(response);
  if (declared !== undefined && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, declaredBytes: declared };
  }
  if (!response.body) return { ok: true, text: "" };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, text: new TextDecoder().decode(Buffer.concat(chunks, received)) };
}
