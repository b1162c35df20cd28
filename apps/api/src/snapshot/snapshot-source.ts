// A read-only cluster loaded from files: for post-mortems and for tests with captured real objects.
import { basename } from "node:path";
import { isKnownKind } from "@rollscope/shared";
import type {
  AccessCheck,
  AccessCheckAnyVerb,
  ClusterHealth,
  ClusterIdentity,
  ClusterSource,
} from "@rollscope/shared/cluster/cluster-source";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import { localOsIdentity } from "@rollscope/shared/cluster/local-identity";
import type { Actor } from "@rollscope/shared/identity/actor";
import { loadSnapshot } from "./load-snapshot";
import type { SnapshotFileError } from "./snapshot-file-error";
import type { SnapshotLimits } from "./snapshot-limits";
import { SnapshotObjectStore } from "./snapshot-object-store";

// The health line names a few files (each message reads after its file name); the rest are counted.
const filesNamedInHealth = 3;

function describeFileErrors(errors: readonly SnapshotFileError[]): string {
  const named = errors.slice(0, filesNamedInHealth).map((e) => `${e.file} ${e.message}`);
  const more = errors.length > filesNamedInHealth ? `; and ${errors.length - filesNamedInHealth} more` : "";
  const count = errors.length === 1 ? "1 file" : `${errors.length} files`;
  return `${count} of the snapshot could not be loaded: ${named.join("; ")}${more}`;
}

const isReadVerb = (verb: string) => verb === "get" || verb === "list" || verb === "watch";

export class SnapshotClusterSource implements ClusterSource {
  readonly kind = "snapshot" as const;
  readonly store = new SnapshotObjectStore();
  readonly label: string;
  readonly readOnlyReason: string;
  readonly fileErrors: SnapshotFileError[] = [];
  private loadedAt = new Date().toISOString();
  private loaded = false;

  constructor(
    private readonly dir: string,
    readonly name = basename(dir),
    readonly prometheusUrl?: string,
    private readonly limits: Partial<SnapshotLimits> = {},
  ) {
    this.label = `Snapshot ${this.name}`;
    this.readOnlyReason = `This is a snapshot loaded from ${dir}: it is read-only.`;
  }

  async start(): Promise<void> {
    const snapshot = await loadSnapshot(this.dir, this.limits);
    for (const error of snapshot.errors) this.fileErrors.push(error);
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
      ...(this.fileErrors.length > 0 ? { lastError: describeFileErrors(this.fileErrors) } : {}),
    };
  }

  async execute(): Promise<void> {
    throw new ClusterRequestError(this.readOnlyReason, "ReadOnly");
  }

  async canI(check: AccessCheck): Promise<boolean> {
    return isReadVerb(check.verb);
  }

  /** Files have no credentials: whoever loaded them is their user. */
  async whoAmI(): Promise<ClusterIdentity> {
    return localOsIdentity();
  }

  /** Anyone may read a snapshot; nobody may change it. */
  async reviewAccess(_actor: Actor, check: AccessCheckAnyVerb): Promise<boolean> {
    return isReadVerb(check.verb);
  }

  async recordEvent(): Promise<void> {}
}
