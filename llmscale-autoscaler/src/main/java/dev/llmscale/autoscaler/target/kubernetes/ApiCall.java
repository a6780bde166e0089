package dev.llmscale.autoscaler.target.kubernetes;

import dev.llmscale.autoscaler.target.ScaleTargetException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One API request a target makes, described the way RBAC grants it ({@code update} on {@code
 * deployments/scale} in group {@code apps}), so that a failure can say what was refused and which
 * permission is missing.
 *
 * @param verb the RBAC verb: {@code get}, {@code update}
 * @param group the API group; {@code ""} for the core group
 * @param resource the RBAC resource: {@code deployments/scale}, {@code dynamographdeployments}; for
 *     API discovery the path requested, {@code /apis/nvidia.com/v1alpha1}
 * @param object the object the request is about
 */
record ApiCall(String verb, String group, String resource, ObjectRef object) {

  /** Turns a fabric8 failure of this call into a message naming the object and the cause. */
  ScaleTargetException failed(KubernetesClientException e, Duration requestTimeout) {
    String what = verb + " " + resource + " of " + object;
    String server = serverMessage(e);
    if (isTimeout(e)) {
      return new ScaleTargetException(
          what + ": no answer within the request timeout of " + requestTimeout.toMillis() + " ms",
          e);
    }
    return new ScaleTargetException(
        switch (e.getCode()) {
          case HttpURLConnection.HTTP_NOT_FOUND -> object + " not found (" + what + ")" + server;
          case HttpURLConnection.HTTP_FORBIDDEN ->
              what + ": forbidden; " + permissionHint() + server;
          case HttpURLConnection.HTTP_UNAUTHORIZED ->
              what + ": unauthorized; the API server rejected the credentials" + server;
          case HttpURLConnection.HTTP_CONFLICT ->
              what
                  + ": conflict; the object changed after its scale was read (another writer?),"
                  + " nothing was written and the next tick retries"
                  + server;
          case 0 -> what + ": API server unreachable: " + e.getMessage();
          default -> what + ": HTTP " + e.getCode() + server;
        },
        e);
  }

  private String permissionHint() {
    if (resource.startsWith("/")) { // API discovery: a non-resource URL
      return "the autoscaler's credentials need 'get' on the non-resource URL "
          + resource
          + " (the system:discovery role grants it), or set plural to skip discovery";
    }
    return "the autoscaler's service account needs verb '"
        + verb
        + "' on resource '"
        + resource
        + "' in apiGroup '"
        + group
        + "' in namespace "
        + object.namespace()
        + " (see deploy/kubernetes/rbac.yaml)";
  }

  private static String serverMessage(KubernetesClientException e) {
    if (e.getStatus() == null || e.getStatus().getMessage() == null) {
      return "";
    }
    return ": " + e.getStatus().getMessage();
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }
}
