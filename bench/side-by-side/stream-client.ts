// One open live stream, as a browser tab holds it: reads messages as they arrive, tells when it has the
// whole list, and when a message names a marker (the new state of a changed Rollout).
import { markerWaiters } from "./marker-waiters";

export interface StreamFormat {
  /** What ends one message on the wire: "\n" for grpc-gateway's JSON lines, "\n\n" for SSE. */
  delimiter: string;
  /** Called with each message; returns true once the client has the whole list. */
  synced(message: string): boolean;
}

export interface StreamClient {
  /** Resolves with performance.now() when the client has the whole list. */
  synced: Promise<number>;
  /** Resolves with performance.now() at the first message (what a tab can show first). */
  first: Promise<number>;
  /** Resolves with performance.now() at the arrival of the first message containing `marker`. */
  waitFor(marker: string, timeoutMs?: number): Promise<number>;
  /** Bytes received so far. */
  bytes(): number;
  close(): void;
}

export function openStream(
  url: string,
  format: StreamFormat,
  headers: Record<string, string> = {},
): StreamClient {
  const controller = new AbortController();
  const markers = markerWaiters(url);
  let received = 0;
  let markSynced: (at: number) => void = () => {};
  let failSync: (error: Error) => void = () => {};
  const synced = new Promise<number>((resolve, reject) => {
    markSynced = resolve;
    failSync = reject;
  });
  synced.catch(() => {}); // a client closed before it synced is not an error of its own
  let isSynced = false;
  let markFirst: (at: number) => void = () => {};
  const first = new Promise<number>((resolve) => {
    markFirst = resolve;
  });

  const onMessage = (message: string, at: number) => {
    markFirst(at);
    if (!isSynced && format.synced(message)) {
      isSynced = true;
      markSynced(at);
    }
    markers.seen(message, at);
  };

  void (async () => {
    const response = await fetch(url, { headers, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const at = performance.now();
      received += value.byteLength;
      // Only the new text can hold a delimiter (a long message arrives in many chunks).
      let scanFrom = Math.max(0, buffer.length - format.delimiter.length + 1);
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf(format.delimiter, scanFrom); end >= 0; ) {
        onMessage(buffer.slice(0, end), at);
        buffer = buffer.slice(end + format.delimiter.length);
        scanFrom = 0;
        end = buffer.indexOf(format.delimiter, scanFrom);
      }
    }
    throw new Error(`${url}: the stream ended`);
  })().catch((error: Error) => {
    if (!controller.signal.aborted) {
      console.error(`  stream error: ${error.message}`);
      failSync(error);
    }
  });

  return {
    synced,
    first,
    waitFor: (marker, timeoutMs = 30_000) => markers.waitFor(marker, timeoutMs),
    bytes: () => received,
    close: () => controller.abort(),
  };
}
