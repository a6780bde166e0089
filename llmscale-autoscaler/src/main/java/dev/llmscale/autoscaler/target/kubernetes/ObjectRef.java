package dev.llmscale.autoscaler.target.kubernetes;

/** A namespaced object; messages name it {@code kind/namespace/name}. */
record ObjectRef(String apiVersion, String kind, String namespace, String name) {

  /** The API group, or {@code null} for the core group ({@code apiVersion: v1}). */
  String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? null : apiVersion.substring(0, slash);
  }

  String version() {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  @Override
  public String toString() {
    return kind + "/" + namespace + "/" + name;
  }
}
