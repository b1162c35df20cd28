// A read-only cluster loaded from files: for post-mortems and for tests with captured real objects.
import { basename } from "node:path";
import { isKnownKind } from "@rollscope/shared";
import type { AccessCheck, ClusterHealth, ClusterSource } from "../cluster/cluster-source";
import { ClusterRequestError } from "../cluster/cluster-source";
import { ObjectStore } from "../cluster/object-store";
import { loadSnapshot, type SnapshotFileError } from "./load-snapshot";

export class SnapshotClusterSource implements ClusterSource {
  readonly kind = "snapshot" as const;
  readonly store = new ObjectStore();
  readonly label: string;
  readonly readOnlyReason: string;
  readonly fileErrors: SnapshotFileError[] = [];
  private loadedAt = new Date().toISOString();
  private loaded = false;

  constructor(
    private readonly dir: string,
    readonly name = basename(dir),
    readonly prometheusUrl?: string,
  ) {
    this.label = `Snapshot ${this.name}`;
    this.readOnlyReason = `This is a snapshot loaded from ${dir}: it is read-only.`;
  }

  async start(): Promise<void> {
    const snapshot = await loadSnapshot(this.dir);
    this.fileErrors.push(...snapshot.errors);
    for (const raw of snapshot.objects) {
      const kind = (raw as { kind?: unknown }).kind;
      if (isKnownKind(kind)) this.store.upsert(kind, raw);
    }
    this.loadedAt = new Date().toISOString();
    this.loaded = true;
  }

  async stop(): Promise<void> {}

  health(): ClusterHealth {
    return {
      state: "connected",
      since: this.loadedAt,
      synced: this.loaded,
      absent: [],
      ...(this.fileErrors.length > 0
        ? {
            lastError: `${this.fileErrors.length} file(s) could not be read, e.g. ${this.fileErrors[0]?.file}: ${this.fileErrors[0]?.message}`,
          }
        : {}),
    };
  }

  async execute(): Promise<void> {
    throw new ClusterRequestError(this.readOnlyReason, "ReadOnly");
  }

  async canI(check: AccessCheck): Promise<boolean> {
    return check.verb === "get" || check.verb === "list" || check.verb === "watch";
  }

  async recordEvent(): Promise<void> {}
}
