import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog } from "./audit-log";

const entry = (action: string, name: string) => ({
  id: `id-${action}`,
  identity: "ana",
  cluster: "prod",
  object: { kind: "Rollout", namespace: "shop", name },
  action,
  requests: [{ type: "patch" }],
  result: "succeeded" as const,
});

describe("audit log", () => {
  it("is on disk before append resolves, newest first when listed, and survives a torn line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rollscope-audit-"));
    const log = new AuditLog(dir);
    await log.append(entry("promote", "web"));
    await log.append(entry("abort", "api"));
    expect(readFileSync(log.file, "utf8").trim().split("\n")).toHaveLength(2);
    expect(log.list().map((e) => e.action)).toEqual(["abort", "promote"]);
    expect(log.list({ name: "web" }).map((e) => e.action)).toEqual(["promote"]);
    appendFileSync(log.file, '{"id":"torn","ti');
    const reopened = new AuditLog(dir);
    expect(reopened.list().map((e) => e.action)).toEqual(["abort", "promote"]);
  });

  it("keeps concurrent appends whole and in order", async () => {
    const log = new AuditLog(mkdtempSync(join(tmpdir(), "rollscope-audit-")));
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(entry(`a${i}`, "web"))));
    const lines = readFileSync(log.file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).action);
    expect(lines).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
  });
});
