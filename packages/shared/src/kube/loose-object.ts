// A Kubernetes object as plain JSON that code writes as well as reads (the demo's store, the
// oracle's generator): kind and the usual metadata typed, every other field left open.

export type LooseOwnerReference = {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
};

export type LooseObjectMeta = {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: LooseOwnerReference[];
  [key: string]: unknown;
};
