// Who the kubeconfig's credentials are, as the API server sees them (SelfSubjectReview,
// authentication.k8s.io/v1): the name and groups `--auth local` puts in the audit and the Events.
// Asked once per cluster. API servers before 1.28 do not serve it (404), and RBAC may refuse it
// (403); then the kubeconfig's user entry names the person, and a log line says so.
import { HttpMethod, type KubeConfig, type V1SelfSubjectReview } from "@kubernetes/client-node";
import type { ClusterIdentity } from "@rollscope/shared/cluster/cluster-source";
import { httpStatus, serverMessage, toClusterRequestError } from "./kube-errors";
import type { KubeHttp } from "./kube-http";
import type { KubeLogger } from "./kube-logger";

export class SelfSubjectReviewer {
  private identity: Promise<ClusterIdentity> | undefined;

  constructor(
    private readonly http: KubeHttp,
    private readonly kubeConfig: KubeConfig,
    private readonly logger: KubeLogger,
  ) {}

  /** Rejects with a ClusterRequestError when the server cannot be asked; the next call asks again. */
  whoAmI(): Promise<ClusterIdentity> {
    this.identity ??= this.review().catch((err: unknown) => {
      this.identity = undefined;
      throw err;
    });
    return this.identity;
  }

  private async review(): Promise<ClusterIdentity> {
    try {
      const review = await this.http.request<V1SelfSubjectReview>(
        HttpMethod.POST,
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        { body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" } },
      );
      const user = review.status?.userInfo;
      if (user?.username) return { name: user.username, groups: user.groups ?? [] };
      return this.kubeconfigUser("the SelfSubjectReview named no user");
    } catch (err) {
      const status = httpStatus(err);
      if (status === 404 || status === 403) {
        const detail = serverMessage(err);
        return this.kubeconfigUser(`SelfSubjectReview answered ${status}${detail ? `: ${detail}` : ""}`);
      }
      throw toClusterRequestError(err, {
        verb: "create",
        resource: "selfsubjectreviews.authentication.k8s.io",
      });
    }
  }

  private kubeconfigUser(reason: string): ClusterIdentity {
    const user = this.kubeConfig.getCurrentUser()?.name ?? this.kubeConfig.getCurrentContext();
    this.logger.info(
      { context: this.kubeConfig.getCurrentContext(), user, reason },
      "naming the kubeconfig's user entry: the API server did not say who its credentials are",
    );
    return { name: user, groups: [] };
  }
}
