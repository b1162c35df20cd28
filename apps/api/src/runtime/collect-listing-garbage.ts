// Listing a large cluster leaves much garbage behind: the list pages, the raw objects beside their
// parsed copies, the deliveries built as each kind arrived. At 10,000 deliveries that raised V8's heap
// to about 500 MB for 180 MB of live objects, and V8 collects again only when the heap next reaches
// the limit the listing raised, which an idle dashboard may not do for hours. One full collection
// once every cluster has listed gives those pages back to the system (measured: heap 650 → 190 MB).
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

type Collect = () => void;

/** V8's `gc`: the global one when Node runs with --expose-gc, else exposed for a context of its own. */
function exposedCollector(): Collect {
  const exposed = (globalThis as { gc?: Collect }).gc;
  if (exposed) return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as Collect;
}

/**
 * Waits until `synced()` has held for `quietMs` (checked every `everyMs`), so the deliveries built
 * and recorded just after the listing are garbage too, then runs one full collection. Returns a
 * function that stops waiting.
 */
export function collectGarbageOnceSynced(synced: () => boolean, quietMs = 5_000, everyMs = 500): () => void {
  let syncedSince: number | undefined;
  const timer = setInterval(() => {
    if (!synced()) {
      syncedSince = undefined;
      return;
    }
    syncedSince ??= Date.now();
    if (Date.now() - syncedSince < quietMs) return;
    clearInterval(timer);
    // Twice: the first finishes whatever marking is under way, the second starts from a quiet heap and
    // lets V8 size it to what is live.
    const collect = exposedCollector();
    collect();
    collect();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
