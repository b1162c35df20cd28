import {
  appendFileSync,
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type AuditEntry, AuditLog, interruptedError } from "./audit-log";

const entry = (action: string, name: string, result: AuditEntry["result"] = "succeeded") => ({
  id: `id-${action}`,
  identity: "ana",
  cluster: "prod",
  object: { kind: "Rollout", namespace: "shop", name },
  action,
  requests: [{ type: "patch" }],
  result,
});

const linesOf = (file: string) => readFileSync(file, "utf8").trim().split("\n");

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "rollscope-audit-"));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function opened(dir: string, options?: ConstructorParameters<typeof AuditLog>[1]): Promise<AuditLog> {
  const log = new AuditLog(dir, options);
  await log.load();
  return log;
}

describe("audit log", () => {
  it("is on disk before append resolves, newest first when listed, and survives a torn line", async () => {
    const dir = tempDir();
    const log = new AuditLog(dir);
    await log.append(entry("promote", "web"));
    await log.append(entry("abort", "api"));
    expect(linesOf(log.file)).toHaveLength(2);
    expect(log.list().map((e) => e.action)).toEqual(["abort", "promote"]);
    expect(log.list({ name: "web" }).map((e) => e.action)).toEqual(["promote"]);
    appendFileSync(log.file, '{"id":"torn","ti');
    const reopened = await opened(dir);
    expect(reopened.list().map((e) => e.action)).toEqual(["abort", "promote"]);
  });

  it("keeps an entry appended after a line torn by a crash", async () => {
    const dir = tempDir();
    const log = new AuditLog(dir);
    await log.append(entry("promote", "web"));
    appendFileSync(log.file, '{"id":"torn","ti');
    await (await opened(dir)).append(entry("retry", "web"));
    expect((await opened(dir)).list().map((e) => e.action)).toEqual(["retry", "promote"]);
  });

  it("keeps concurrent appends whole and in order", async () => {
    const log = new AuditLog(tempDir());
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(entry(`a${i}`, "web"))));
    const lines = linesOf(log.file).map((l) => JSON.parse(l).action);
    expect(lines).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
  });

  it("reads the newest entries of a log too big to be read as one string", async () => {
    const dir = tempDir();
    const file = join(dir, "audit.jsonl");
    writeFileSync(file, `${JSON.stringify({ ...entry("oldest", "web"), time: "2026-01-01T00:00:00Z" })}\n`);
    // A hole, so the file is past V8's string limit (~512 MiB) without using the disk space.
    const handle = openSync(file, "r+");
    ftruncateSync(handle, 640 * 1024 * 1024);
    closeSync(handle);
    for (let i = 0; i < 5; i++)
      appendFileSync(file, `\n${JSON.stringify({ ...entry(`a${i}`, "web"), time: "2026-02-01T00:00:00Z" })}`);

    const log = await opened(dir, { keepInMemory: 3 });
    expect(log.loadError).toBeUndefined();
    expect(log.list().map((e) => e.action)).toEqual(["a4", "a3", "a2"]);
  });

  it("rotates at the size limit, keeps a bounded number of files, and their entries stay listed", async () => {
    const dir = tempDir();
    const maxFileBytes = 1000;
    const log = await opened(dir, { maxFileBytes, keepRotatedFiles: 2 });
    for (let i = 0; i < 30; i++) await log.append(entry(`a${i}`, i % 2 === 0 ? "web" : "api"));

    const files = [log.file, `${log.file}.1`, `${log.file}.2`];
    for (const file of files) expect(statSync(file).size).toBeLessThanOrEqual(maxFileBytes);
    expect(existsSync(`${log.file}.3`)).toBe(false);
    expect(log.list()).toHaveLength(30);
    expect(log.list({ name: "web" })).toHaveLength(15);

    // After a restart, everything the kept files hold is listed, newest first, with no gap.
    const onDisk = files.reduce((n, file) => n + linesOf(file).length, 0);
    expect(onDisk).toBeLessThan(30);
    const reopened = await opened(dir, { maxFileBytes, keepRotatedFiles: 2 });
    expect(reopened.list().map((e) => e.action)).toEqual(
      Array.from({ length: onDisk }, (_, i) => `a${29 - i}`),
    );
  });

  it("marks an action Rollscope stopped in the middle of as interrupted, once across restarts", async () => {
    const dir = tempDir();
    const before = new AuditLog(dir);
    await before.append(entry("promote", "web", "started"));
    await before.append(entry("abort", "api", "started"));
    await before.append(entry("abort", "api", "succeeded"));
    await before.append(entry("undo", "api", "refused"));

    const restarted = await opened(dir);
    expect(await restarted.markInterrupted()).toBe(1);
    expect(restarted.list()[0]).toMatchObject({
      id: "id-promote",
      action: "promote",
      identity: "ana",
      result: "interrupted",
      error: interruptedError,
    });
    expect(linesOf(restarted.file)).toHaveLength(5);

    const restartedAgain = await opened(dir);
    expect(await restartedAgain.markInterrupted()).toBe(0);
    expect(linesOf(restartedAgain.file)).toHaveLength(5);
    expect(restartedAgain.list()[0]?.result).toBe("interrupted");
  });

  it("says which file could not be read instead of listing nothing", async () => {
    const unreadable = tempDir();
    mkdirSync(join(unreadable, "audit.jsonl"));
    const log = await opened(unreadable);
    expect(log.loadError).toContain(join(unreadable, "audit.jsonl"));
    expect(log.list()).toEqual([]);

    const olderUnreadable = tempDir();
    await new AuditLog(olderUnreadable).append(entry("promote", "web"));
    mkdirSync(join(olderUnreadable, "audit.jsonl.1"));
    const partly = await opened(olderUnreadable);
    expect(partly.loadError).toContain(join(olderUnreadable, "audit.jsonl.1"));
    expect(partly.list().map((e) => e.action)).toEqual(["promote"]);
  });
});
