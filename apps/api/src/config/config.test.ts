import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("configuration", () => {
  it("has safe defaults", () => {
    const result = parseConfig([], {});
    expect(result).toMatchObject({
      ok: true,
      config: { host: "127.0.0.1", port: 3101, demoSpeed: 1, readOnly: false, dataDir: ".rollscope" },
    });
  });

  it("serves the dashboard's pages on its own port with --web-dir, as npm start runs it", () => {
    const served = parseConfig(["--port", "3200", "--web-dir", "/srv/rollscope/out"], { PORT: "3100" });
    expect(served).toMatchObject({
      ok: true,
      config: { port: 3200, webPort: 3200, webDir: "/srv/rollscope/out" },
    });
    // Without pages, the dashboard in front (npm run dev's next dev) is on PORT.
    expect(parseConfig(["--port", "3101"], { PORT: "3100" })).toMatchObject({
      ok: true,
      config: { port: 3101, webPort: 3100 },
    });
    expect(parseConfig(["--web-dir"], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/web-dir/),
    });
  });

  it("reads repeatable flags and per-cluster Prometheus URLs", () => {
    const result = parseConfig(
      [
        "--context",
        "a",
        "--context",
        "b",
        "--namespace",
        "shop",
        "--prometheus-url",
        "http://prom:9090",
        "--prometheus-url",
        "b=http://prom-b:9090",
      ],
      {},
    );
    expect(result).toMatchObject({
      ok: true,
      config: {
        contexts: ["a", "b"],
        namespaces: ["shop"],
        prometheusUrls: { "*": "http://prom:9090", b: "http://prom-b:9090" },
      },
    });
  });

  it("refuses a non-loopback bind without a token or read-only", () => {
    const result = parseConfig(["--host", "0.0.0.0"], {});
    expect(result).toEqual({
      ok: false,
      error:
        "--host: refusing to listen on 0.0.0.0 without --auth-token-file or --read-only (add --allow-anonymous if you really mean it)",
    });
    expect(parseConfig(["--host", "0.0.0.0", "--read-only"], {}).ok).toBe(true);
    expect(parseConfig(["--host", "0.0.0.0"], { ROLLSCOPE_TOKEN: "0123456789abcdef0123" }).ok).toBe(true);
    expect(parseConfig(["--host", "0.0.0.0", "--allow-anonymous"], {}).ok).toBe(true);
  });

  it("refuses a dashboard exposed beyond loopback by `npm start --web-host` the same way", () => {
    const web = { ROLLSCOPE_WEB_HOST: "0.0.0.0" };
    expect(parseConfig([], web)).toEqual({
      ok: false,
      error:
        "--web-host: refusing to serve the dashboard on 0.0.0.0 without --auth-token-file or --read-only (add --allow-anonymous if you really mean it)",
    });
    expect(parseConfig([], { ...web, ROLLSCOPE_TOKEN: "0123456789abcdef0123" }).ok).toBe(true);
    expect(parseConfig(["--read-only"], web).ok).toBe(true);
    expect(parseConfig(["--allow-anonymous"], web).ok).toBe(true);
    expect(parseConfig([], { ROLLSCOPE_WEB_HOST: "localhost" }).ok).toBe(true);
  });

  it("says which flag is wrong", () => {
    expect(parseConfig(["--port", "99999"], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^--port: /),
    });
    expect(parseConfig(["--demo-speed", "0"], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^--demo-speed: /),
    });
    expect(parseConfig(["--auth-token", "short"], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at least 16/),
    });
    expect(parseConfig(["--prometheus-url", "not a url"], {})).toMatchObject({ ok: false });
    expect(parseConfig(["--bogus"], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Unknown option '--bogus'[\s\S]*Usage/),
    });
    expect(parseConfig(["--demo", "--snapshot", "x"], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cannot be combined/),
    });
  });
});
