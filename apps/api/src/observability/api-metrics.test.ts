import { describe, expect, it } from "vitest";
import { ClusterRegistry } from "../runtime/cluster-registry";
import { backendNamed, storeBackendNames } from "../store/testing/store-matrix";
import { ApiMetrics } from "./api-metrics";

const tables = [
  "audit_entries",
  "weight_points",
  "gate_decisions",
  "follow_ups",
  "analysis_records",
  "person_settings",
  "sessions",
  "leases",
  "store_meta",
];

/** The value of one sample line in the exposition text, or undefined when it is absent. */
function sample(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe.each(storeBackendNames())("/metrics with the store on %s", (backend) => {
  it("shows the store's dialect, size and the rows of every table, read at scrape time", async () => {
    const s = await backendNamed(backend)();
    const database = await s.open();
    const metrics = new ApiMetrics(new ClusterRegistry([]), database);
    await database.db
      .insertInto("store_meta")
      .values([
        { key: "a", value: "1" },
        { key: "b", value: "2" },
      ])
      .execute();
    await database.db
      .insertInto("weight_points")
      .values({ delivery_key: "c/Rollout/ns/app", uid: "u", t: 1, revision: null, point: "{}" })
      .execute();

    const text = await metrics.registry.metrics();
    expect(sample(text, `rollscope_store_info{dialect="${backend}"}`)).toBe(1);
    const bytes = sample(text, "rollscope_store_bytes");
    expect(bytes).toBeGreaterThan(0);
    expect(Number.isInteger(bytes)).toBe(true);
    for (const table of tables)
      expect(sample(text, `rollscope_store_rows{table="${table}"}`), table).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'rollscope_store_rows{table="store_meta"}')).toBe(2);
    expect(sample(text, 'rollscope_store_rows{table="weight_points"}')).toBe(1);
    expect(sample(text, 'rollscope_store_rows{table="audit_entries"}')).toBe(0);

    await database.db.insertInto("store_meta").values({ key: "c", value: "3" }).execute();
    expect(sample(await metrics.registry.metrics(), 'rollscope_store_rows{table="store_meta"}')).toBe(3);
    await database.close();
    await s.cleanup();
  });
});
