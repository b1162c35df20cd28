// A snapshot file's bytes as text. kubectl writes UTF-8, but a dump redirected by Windows PowerShell
// is UTF-16 with a byte order mark; anything else that is not valid UTF-8 is refused rather than read
// with replacement characters that would silently change names and values.

export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

export function decodeSnapshotText(bytes: Uint8Array): DecodedText {
  try {
    if (startsWith(bytes, [0xff, 0xfe]))
      return { ok: true, text: new TextDecoder("utf-16le", { fatal: true }).decode(bytes) };
    if (startsWith(bytes, [0xfe, 0xff]))
      return { ok: true, text: new TextDecoder("utf-16be", { fatal: true }).decode(bytes) };
    // The UTF-8 decoder drops a leading byte order mark itself.
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: "is not UTF-8 text (nor UTF-16 with a byte order mark); not read" };
  }
}
