import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import { createServices } from "../runtime/create-services";
import { FollowUps } from "./follow-ups";

describe("follow-ups in read-only mode", () => {
  it("keeps saved follow-ups and sends nothing", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rollscope-followups-"));
    await new FollowUps(dataDir).add({
      cluster: "prod",
      namespace: "shop",
      name: "cart",
      lastAppliedSpec: "abc",
      requests: [
        {
          type: "patch",
          target: { kind: "Canary", namespace: "shop", name: "cart" },
          patchType: "merge",
          body: { spec: { skipAnalysis: false } },
        },
      ],
      reason: "after Promote by ana",
    });
    const running = createServices([], { dataDir, readOnly: true, log: silentLogger() });
    await running.start();
    await running.stop();
    expect(new FollowUps(dataDir).list()).toHaveLength(1);
    expect(running.services.audit.list()).toEqual([]);
  });
});
