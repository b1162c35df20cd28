import { describe, expect, it } from "vitest";
import { InFlightActions } from "./in-flight-actions";

const promote = { action: "promote" as const, args: "{}", identity: "ana", startedAt: new Date() };
const abort = { action: "abort" as const, args: "{}", identity: "bo", startedAt: new Date() };

describe("in-flight actions", () => {
  it("lets one action hold an object and names it to the next", () => {
    const inFlight = new InFlightActions();
    const first = inFlight.claim("myapp", promote);
    expect(first.ok).toBe(true);
    expect(inFlight.claim("myapp", abort)).toEqual({ ok: false, holder: promote });
    // Other objects are independent.
    expect(inFlight.claim("cart", abort).ok).toBe(true);
  });

  it("frees the object on release, once, without freeing a later holder", () => {
    const inFlight = new InFlightActions();
    const first = inFlight.claim("myapp", promote);
    if (!first.ok) throw new Error("expected the claim to succeed");
    first.release();
    const second = inFlight.claim("myapp", abort);
    expect(second.ok).toBe(true);
    first.release();
    expect(inFlight.claim("myapp", promote)).toEqual({ ok: false, holder: abort });
    expect(inFlight.size).toBe(1);
  });
});
