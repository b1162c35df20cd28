// The writer election on a Kubernetes Lease (coordination.k8s.io), as controllers elect their leader:
// the replica named in spec.holderIdentity writes; it renews spec.renewTime well within
// leaseDurationSeconds, and another replica takes the Lease once a renewal is overdue. Every update
// carries the resourceVersion it read, so two replicas racing for a free Lease cannot both win.
import { HttpMethod, type KubeConfig, PatchStrategy } from "@kubernetes/client-node";
import { httpStatus } from "../kube/kube-errors";
import { KubeHttp } from "../kube/kube-http";
import { RenewedLease } from "./renewed-lease";

export interface KubernetesWriterLeaseOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  name: string;
  holder: string;
  ttlMs?: number;
  now?: () => number;
}

/** `namespace/name` as given to --writer-lease. */
export function parseLeaseRef(ref: string): { namespace: string; name: string } | undefined {
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(ref);
  return match ? { namespace: match[1] as string, name: match[3] as string } : undefined;
}

/** A Lease as the API server sends it (times as MicroTime strings). */
interface Lease {
  metadata?: { resourceVersion?: string; creationTimestamp?: string };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    leaseTransitions?: number;
    acquireTime?: string;
    renewTime?: string;
  };
}

/** RFC 3339 with microseconds, as a Lease's MicroTime fields require. */
const microTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

export class KubernetesWriterLease extends RenewedLease {
  private readonly http: KubeHttp;

  constructor(private readonly options: KubernetesWriterLeaseOptions) {
    super(options.holder, options.ttlMs ?? 15_000, options.now ?? Date.now);
    // An answer slower than the Lease's duration is of no use: the election has moved on.
    this.http = new KubeHttp(options.kubeConfig, this.ttlMs);
  }

  private get leasesPath(): string {
    return `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.options.namespace)}/leases`;
  }

  private get leasePath(): string {
    return `${this.leasesPath}/${encodeURIComponent(this.options.name)}`;
  }

  /** Where the election happens, for logs. */
  get where(): string {
    return `Lease ${this.options.namespace}/${this.options.name}`;
  }

  /** Releases the Lease by emptying its holder. */
  protected async release(): Promise<void> {
    const lease = await this.read();
    if (lease?.spec?.holderIdentity === this.holder)
      await this.patch(lease, { holderIdentity: "", renewTime: null });
  }

  private async read(): Promise<Lease | undefined> {
    try {
      return await this.http.getJson<Lease>(this.leasePath, {});
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw error;
    }
  }

  /**
   * A merge patch carrying the resourceVersion that was read: the API server refuses it (409) if the
   * Lease changed since, which makes taking it a compare-and-swap. Times go as MicroTime strings with
   * microseconds, as the API server requires for a Lease.
   */
  private async patch(lease: Lease, spec: Record<string, unknown>): Promise<void> {
    await this.http.request(HttpMethod.PATCH, this.leasePath, {
      body: { metadata: { resourceVersion: lease.metadata?.resourceVersion }, spec },
      contentType: PatchStrategy.MergePatch,
    });
  }

  protected async acquireOrRenew(): Promise<boolean> {
    const durationSeconds = Math.ceil(this.ttlMs / 1000);
    let lease = await this.read();
    if (!lease) {
      try {
        // Created without times; the patch below stamps them.
        lease = await this.http.request<Lease>(HttpMethod.POST, this.leasesPath, {
          body: {
            apiVersion: "coordination.k8s.io/v1",
            kind: "Lease",
            metadata: { name: this.options.name, namespace: this.options.namespace },
            spec: { holderIdentity: this.holder, leaseDurationSeconds: durationSeconds, leaseTransitions: 0 },
          },
        });
      } catch (error) {
        if (httpStatus(error) === 409) return false; // another replica created it first
        throw error;
      }
    }
    const spec = lease.spec ?? {};
    const mine = spec.holderIdentity === this.holder;
    const renewedAt = spec.renewTime ?? lease.metadata?.creationTimestamp;
    const renewed = renewedAt ? new Date(renewedAt).getTime() : 0;
    const expired =
      !spec.holderIdentity || renewed + (spec.leaseDurationSeconds ?? durationSeconds) * 1000 < this.now();
    if (!mine && !expired) return false;
    const now = microTime(this.now());
    try {
      await this.patch(lease, {
        holderIdentity: this.holder,
        leaseDurationSeconds: durationSeconds,
        renewTime: now,
        ...(mine && spec.acquireTime ? {} : { acquireTime: now }),
        ...(mine ? {} : { leaseTransitions: (spec.leaseTransitions ?? 0) + 1 }),
      });
      return true;
    } catch (error) {
      if (httpStatus(error) === 409) return false;
      throw error;
    }
  }
}
