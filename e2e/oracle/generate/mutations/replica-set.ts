// Mutations of a Rollout's ReplicaSets: counts, labels, revisions, deadlines, removal, new revisions.
import { clone } from "../kube-object";
import {
  hashLabel,
  type Mutation,
  ownedBy,
  ownerRef,
  pickOwned,
  remove,
  revisionAnnotation,
  rolloutOf,
  status,
  uid,
} from "./context";

export const replicaSetMutations: Mutation[] = [
  {
    name: "rs-counters",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      rs.spec ??= {};
      rs.spec.replicas = c.random.int(0, 4);
      const s = status(rs);
      s.replicas = c.random.int(0, 4);
      s.readyReplicas = c.random.int(0, s.replicas as number);
      s.availableReplicas = c.random.int(0, s.readyReplicas as number);
      if (c.random.chance(0.2)) delete s.availableReplicas;
      return `${rs.metadata.name} ${rs.spec.replicas}/${s.replicas}/${s.readyReplicas}/${s.availableReplicas}`;
    },
  },
  {
    name: "rs-no-hash-label",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs?.metadata.labels?.[hashLabel]) return undefined;
      delete rs.metadata.labels[hashLabel];
      return `${rs.metadata.name} without ${hashLabel}`;
    },
  },
  {
    name: "rs-revision",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      const value = c.random.pick(["abc", "0", "007", "99", "-3", " 4", "4 ", "12345678901", undefined]);
      rs.metadata.annotations ??= {};
      if (value === undefined) delete rs.metadata.annotations[revisionAnnotation];
      else rs.metadata.annotations[revisionAnnotation] = value;
      return `${rs.metadata.name} revision ${JSON.stringify(value)}`;
    },
  },
  {
    name: "rs-scale-down-deadline",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      rs.metadata.annotations ??= {};
      rs.metadata.annotations["scale-down-deadline"] = c.random.chance(0.8) ? c.random.time() : "soon";
      return `${rs.metadata.name} scale-down-deadline`;
    },
  },
  {
    name: "rs-remove",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      remove(c, [rs, ...ownedBy(c, "Pod", rs)]);
      return `${rs.metadata.name} and its pods removed`;
    },
  },
  {
    name: "rs-orphan",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      delete rs.metadata.ownerReferences;
      return `${rs.metadata.name} has no owner`;
    },
  },
  {
    name: "rs-new-revision",
    apply(c) {
      const ro = rolloutOf(c);
      const owned = ro ? ownedBy(c, "ReplicaSet", ro) : [];
      if (!ro || owned.length === 0) return undefined;
      const from = c.random.pick(owned);
      const hash = c.random.hash();
      const rs = clone(from);
      const revisions = owned.map((r) => Number(r.metadata.annotations?.[revisionAnnotation]) || 0);
      rs.metadata.name = `${ro.metadata.name}-${hash}`;
      rs.metadata.uid = uid(c.random);
      rs.metadata.labels = { ...(rs.metadata.labels ?? {}), [hashLabel]: hash };
      rs.metadata.annotations = {
        ...(rs.metadata.annotations ?? {}),
        [revisionAnnotation]: String(Math.max(...revisions) + 1),
      };
      delete rs.metadata.annotations["scale-down-deadline"];
      rs.metadata.creationTimestamp = c.random.time();
      const containers = rs.spec?.template?.spec?.containers as Array<{ image?: string }> | undefined;
      for (const container of containers ?? [])
        container.image = `${(container.image ?? "app").split(":")[0]}:v${c.random.int(2, 9)}`;
      const replicas = c.random.int(0, 3);
      rs.spec = { ...rs.spec, replicas };
      rs.status = {
        replicas,
        readyReplicas: replicas,
        availableReplicas: c.random.int(0, replicas),
        observedGeneration: 1,
      };
      c.objects.push(rs);
      const podFrom = ownedBy(c, "Pod", from)[0];
      for (let i = 0; i < replicas && podFrom; i++) {
        const pod = clone(podFrom);
        pod.metadata.name = `${rs.metadata.name}-${c.random.hash().slice(0, 5)}`;
        pod.metadata.uid = uid(c.random);
        pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [hashLabel]: hash };
        pod.metadata.ownerReferences = [{ ...ownerRef(rs), apiVersion: "apps/v1" }];
        pod.metadata.creationTimestamp = c.random.time();
        c.objects.push(pod);
      }
      if (c.random.chance(0.7)) status(ro).currentPodHash = hash;
      return `new ReplicaSet ${rs.metadata.name} with ${replicas} pods`;
    },
  },
];
