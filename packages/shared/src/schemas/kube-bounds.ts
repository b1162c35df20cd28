// How long each kind of string a client may send can be, in one place. Kubernetes' own limits where it
// has one, else a bound Rollscope picks; every procedure input is capped with these, so nothing
// unbounded reaches a log, the audit or a request to a cluster. Shared so the web can check the same.
import { z } from "zod";

export interface StringBound {
  max: number;
  /** Completes "… is longer than N characters, <limit>". */
  limit: string;
}

export const kubeBounds = {
  /** metadata.name: a DNS subdomain (RFC 1123) for Rollouts, Canaries, Deployments. */
  objectName: { max: 253, limit: "the Kubernetes limit for an object name" },
  /** Namespaces are DNS labels (RFC 1123). */
  namespace: { max: 63, limit: "the Kubernetes limit for a namespace" },
  /** Container names are DNS labels. */
  containerName: { max: 63, limit: "the Kubernetes limit for a container name" },
  /** Label values, e.g. rollouts-pod-template-hash. */
  labelValue: { max: 63, limit: "the Kubernetes limit for a label value" },
  /** Kubernetes sets none; 512 holds any real registry/repository:tag@sha256:digest. */
  image: { max: 512, limit: "Rollscope's limit for an image reference" },
  /** A kubeconfig context name; kubeconfig sets none, so the DNS subdomain bound. */
  clusterName: { max: 253, limit: "Rollscope's limit for a cluster (kubeconfig context) name" },
  /** Phases and spec checksums in status: a few characters in practice. */
  statusValue: { max: 63, limit: "Rollscope's limit for a status value" },
  /** The overview's search language (words, "exact", key:value, !not). */
  searchText: { max: 500, limit: "Rollscope's limit for a search" },
} as const satisfies Record<string, StringBound>;

/** A string capped at `bound`, with an error that names the field and the limit. */
export function boundedString(field: string, bound: StringBound): z.ZodString {
  return z.string().max(bound.max, `${field} is longer than ${bound.max} characters, ${bound.limit}`);
}
