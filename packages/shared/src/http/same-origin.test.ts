import { describe, expect, it } from "vitest";
import { crossOriginRefusal } from "./same-origin";

const base = {
  method: "POST",
  origin: "http://rollscope.example.com",
  secFetchSite: "same-origin",
  host: "rollscope.example.com",
  allowedOrigins: [],
};

describe("same-origin rule for changes", () => {
  it("lets the dashboard's own page act on the address the browser used", () => {
    expect(crossOriginRefusal(base)).toBeUndefined();
    expect(
      crossOriginRefusal({ ...base, origin: "http://127.0.0.1:3100", host: "127.0.0.1:3100" }),
    ).toBeUndefined();
  });

  it("refuses another origin, a sibling port and a sandboxed page", () => {
    expect(
      crossOriginRefusal({ ...base, origin: "http://evil.example", secFetchSite: "cross-site" }),
    ).toMatch(/evil.example may not change anything/);
    expect(
      crossOriginRefusal({
        ...base,
        origin: "http://127.0.0.1:4444",
        secFetchSite: "same-site",
        host: "127.0.0.1:3100",
      }),
    ).toBeDefined();
    expect(
      crossOriginRefusal({
        ...base,
        origin: "http://127.0.0.1:4444",
        secFetchSite: undefined,
        host: "127.0.0.1:3100",
      }),
    ).toMatch(/--allowed-origin/);
    expect(crossOriginRefusal({ ...base, origin: "null", secFetchSite: undefined })).toMatch(/sandboxed/);
    expect(crossOriginRefusal({ ...base, origin: "::", secFetchSite: undefined })).toMatch(/malformed/);
  });

  it("leaves reads and non-browser clients alone, and honours configured origins", () => {
    expect(crossOriginRefusal({ ...base, method: "GET", origin: "http://evil.example" })).toBeUndefined();
    expect(crossOriginRefusal({ ...base, origin: undefined, secFetchSite: undefined })).toBeUndefined();
    expect(
      crossOriginRefusal({
        ...base,
        origin: "https://ops.example",
        secFetchSite: "cross-site",
        allowedOrigins: ["https://ops.example"],
      }),
    ).toBeUndefined();
  });
});
