import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { outputTail } from "./output-tail";

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("outputTail", () => {
  it("keeps the latest characters of every stream, in the order they arrived", async () => {
    const out = new PassThrough();
    const err = new PassThrough();
    const tail = outputTail([out, undefined, err], 10);
    expect(tail()).toBe("");
    out.write("starting\n");
    await settled();
    err.write("error: x\n");
    await settled();
    expect(tail()).toBe("\nerror: x\n");
    out.write(Buffer.from("done"));
    await settled();
    expect(tail()).toBe("or: x\ndone");
  });
});
