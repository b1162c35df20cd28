import { describe, expect, it } from "vitest";
import { collectGarbageOnceSynced } from "./collect-listing-garbage";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("collecting the garbage of the first listing", () => {
  it("waits for the sync to hold a while, then collects what is no longer referenced", async () => {
    let synced = false;
    let garbage: object[] | undefined = Array.from({ length: 1000 }, (_, i) => ({ i }));
    const collected = new FinalizationRegistry<string>((name) => names.push(name));
    const names: string[] = [];
    collected.register(garbage, "listing");
    garbage = undefined;
    const stop = collectGarbageOnceSynced(() => synced, 30, 10);
    await sleep(50);
    expect(names).toEqual([]); // too little allocated meanwhile for V8 to collect by itself
    synced = true;
    // A finalizer runs in a task after the collection that found its object unreachable.
    for (let i = 0; i < 50 && names.length === 0; i++) await sleep(20);
    stop();
    expect(names).toEqual(["listing"]);
  });
});
