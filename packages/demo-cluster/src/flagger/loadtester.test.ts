import { describe, expect, it } from "vitest";
import { DemoLoadtester, isDemoLoadtesterUrl } from "./loadtester";

const cart = { name: "cart", namespace: "shop" };

describe("DemoLoadtester", () => {
  it("answers gate checks like flagger-loadtester: closed by default, open until closed", () => {
    const lt = new DemoLoadtester();
    expect(lt.handle("/gate/check", cart)).toEqual({ status: 403, body: "Forbidden" });
    expect(lt.handle("/gate/open", cart)).toEqual({ status: 202, body: "" });
    expect(lt.handle("/gate/check", { ...cart, phase: "Progressing", checksum: "x" })).toEqual({
      status: 200,
      body: "Approved",
    });
    // Another release of the same canary is approved too: the gate is keyed by name only.
    expect(lt.handle("/gate/check", { ...cart, checksum: "y" }).status).toBe(200);
    expect(lt.handle("/gate/check", { name: "cart", namespace: "prod" }).status).toBe(403);
    expect(lt.handle("/gate/close", cart)).toEqual({ status: 202, body: "" });
    expect(lt.handle("/gate/check", cart).status).toBe(403);
    expect(lt.isOpen("cart.shop")).toBe(false);
  });

  it("keeps rollback gates apart from promotion gates", () => {
    const lt = new DemoLoadtester();
    lt.handle("/gate/open", cart);
    expect(lt.handle("/rollback/check", cart)).toEqual({ status: 403, body: "Forbidden" });
    lt.handle("/rollback/open", cart);
    expect(lt.handle("/rollback/check", cart)).toEqual({ status: 200, body: "Approved" });
    expect(lt.isOpen("rollback.cart.shop")).toBe(true);
    lt.handle("/rollback/close", cart);
    expect(lt.handle("/rollback/check", cart).status).toBe(403);
  });

  it("has fixed approve, halt and health endpoints", () => {
    const lt = new DemoLoadtester();
    expect(lt.handle("/gate/approve", undefined)).toEqual({ status: 200, body: "OK" });
    expect(lt.handle("/gate/halt", cart)).toEqual({ status: 403, body: "Forbidden" });
    expect(lt.handle("/healthz", undefined)).toEqual({ status: 200, body: "OK" });
  });

  it("rejects bodies encoding/json would reject", () => {
    const lt = new DemoLoadtester();
    expect(lt.handle("/gate/open", "{not json")).toEqual({ status: 400, body: "" });
    expect(lt.handle("/gate/open", { name: 3 })).toEqual({ status: 400, body: "" });
    expect(lt.handle("/gate/check", JSON.stringify(cart))).toEqual({ status: 403, body: "Forbidden" });
  });

  it("runs tasks posted to / with upstream's answers", () => {
    let now = 1_000_000;
    const lt = new DemoLoadtester({ now: () => now });
    expect(lt.handle("/", cart)).toEqual({ status: 400, body: "metadata not found in payload" });
    expect(lt.handle("/", { ...cart, metadata: { type: "gatling" } })).toEqual({
      status: 400,
      body: "unknown task type gatling",
    });
    expect(lt.handle("/", { ...cart, metadata: { type: "cmd" } })).toEqual({
      status: 400,
      body: "cmd not found in metadata",
    });
    expect(
      lt.handle("/", {
        ...cart,
        metadata: { type: "bash", cmd: "curl -s http://cart-canary.shop/ | grep ok" },
      }),
    ).toEqual({
      status: 200,
      body: "",
    });
    const cmd = "hey -z 1m -q 5 -c 2 -H 'Cookie: type=insider' http://cart-canary.shop/";
    expect(lt.handle("/", { ...cart, metadata: { cmd } })).toEqual({ status: 202, body: "" });
    expect(lt.activeLoadTests()).toEqual([
      {
        canary: "cart.shop",
        cmd,
        url: "http://cart-canary.shop/",
        headers: { cookie: "type=insider" },
        rps: 10,
        untilMs: 1_060_000,
      },
    ]);
    now += 61_000;
    expect(lt.activeLoadTests()).toEqual([]);
  });

  it("honours -namespace-regexp", () => {
    const lt = new DemoLoadtester({ namespaceRegexp: "^test$" });
    expect(lt.handle("/gate/open", cart)).toEqual({ status: 403, body: "Forbidden" });
    expect(lt.handle("/gate/open", { name: "podinfo", namespace: "test" }).status).toBe(202);
  });
});

describe("isDemoLoadtesterUrl", () => {
  it("recognises the loadtester service in any namespace form", () => {
    for (const url of [
      "http://flagger-loadtester.test/gate/check",
      "http://flagger-loadtester.test.svc.cluster.local:80/",
      "http://flagger-loadtester.prod.svc/rollback/check",
      "http://loadtester.test/",
      "http://flagger-loadtester/",
    ]) {
      expect(isDemoLoadtesterUrl(url), url).toBe(true);
    }
    for (const url of [
      "http://rollscope.example/api/gates/check",
      "http://podinfo-canary.test:9898/",
      "not a url",
      "http://flagger-loadtester.test.example.com/",
    ]) {
      expect(isDemoLoadtesterUrl(url), url).toBe(false);
    }
  });
});
