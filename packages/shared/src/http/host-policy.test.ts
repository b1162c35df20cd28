import { describe, expect, it } from "vitest";
import { hostPolicy, hostRefusal, parseHost } from "./host-policy";

describe("host policy", () => {
  const policy = hostPolicy({ ports: [3100], allowedHosts: ["rollscope.example.com", "10.0.0.5:8080"] });

  it("accepts loopback names and addresses on the served port", () => {
    for (const host of [
      "localhost:3100",
      "127.0.0.1:3100",
      "[::1]:3100",
      "LOCALHOST:3100",
      "localhost.:3100",
    ])
      expect(hostRefusal(policy, host), host).toBeUndefined();
  });

  it("refuses a rebinding attacker's name, another port, and malformed hosts, saying what to configure", () => {
    expect(hostRefusal(policy, "evil.example:3100")).toMatch(
      /not served as evil.example:3100: add --allowed-host evil.example/,
    );
    expect(hostRefusal(policy, "localhost:3101")).toBeDefined();
    expect(hostRefusal(policy, "localhost")).toBeDefined(); // port 80
    expect(hostRefusal(policy, undefined)).toMatch(/no Host/);
    expect(hostRefusal(policy, "a b")).toMatch(/malformed/);
    expect(hostRefusal(policy, "x".repeat(10_000))).toMatch(/malformed/);
  });

  it("accepts configured names on any port when given without one, or on their port", () => {
    expect(hostRefusal(policy, "rollscope.example.com")).toBeUndefined();
    expect(hostRefusal(policy, "rollscope.example.com:443")).toBeUndefined();
    expect(hostRefusal(policy, "10.0.0.5:8080")).toBeUndefined();
    expect(hostRefusal(policy, "10.0.0.5:3100")).toBeDefined();
  });

  it("adds the addresses a server is bound to, IPv6 in brackets", () => {
    const bound = hostPolicy({ ports: [3100], boundAddresses: ["192.168.1.4", "fe80::1"] });
    expect(hostRefusal(bound, "192.168.1.4:3100")).toBeUndefined();
    expect(hostRefusal(bound, "[fe80::1]:3100")).toBeUndefined();
  });

  it("refuses an --allowed-host that is not a host", () => {
    expect(() => hostPolicy({ ports: [1], allowedHosts: ["http://x/"] })).toThrow(/--allowed-host/);
    expect(parseHost("Example.COM:80")).toEqual({ name: "example.com", port: "80" });
  });
});
