package dev.llmscale.autoscaler.config;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.emulator.EmulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code targets}: one entry per scaled service, each with exactly one of {@code kubernetes}
 * or {@code local}. A ScaledObject's {@code scaleTargetRef} (and its manifest's namespace) default
 * the kubernetes target of the service it names.
 */
final class TargetReader {
  private static final List<String> ENTRY_FIELDS = List.of("service", "kubernetes", "local");
  private static final List<String> KUBERNETES_FIELDS =
      List.of(
          "apiVersion",
          "kind",
          "name",
          "namespace",
          "kubeconfig",
          "context",
          "readyReplicasPath",
          "readyReplicasFrom",
          "plural");
  private static final List<String> OBJECT_REFERENCE_FIELDS = List.of("apiVersion", "kind", "name");
  private static final List<String> LOCAL_FIELDS =
      List.of("coldStart", "drainTimeout", "upstreamsFile", "emulator");

  private final Catalog catalog;
  private final Warnings warnings;

  TargetReader(Catalog catalog, Warnings warnings) {
    this.catalog = catalog;
    this.warnings = warnings;
  }

  /**
   * @param scaleTargetRef what a ScaledObject says about its target, if the policy is one
   */
  List<ServiceTarget> read(
      ConfigNode targets, Optional<ScaledObjectReader.ScaleTargetRef> scaleTargetRef) {
    List<ConfigNode> entries = targets.requirePresent().elements();
    if (entries.isEmpty()) {
      throw targets.error("at least one target is required");
    }
    List<ServiceTarget> read = new ArrayList<>();
    Map<Path, ConfigNode> upstreamsFiles = new HashMap<>();
    for (ConfigNode entry : entries) {
      entry.allowOnly(ENTRY_FIELDS);
      String service = entry.field("service").name();
      boolean kubernetes = entry.has("kubernetes");
      if (kubernetes == entry.has("local")) {
        throw entry.error(
            "give exactly one of kubernetes or local, found " + (kubernetes ? "both" : "neither"));
      }
      Optional<ScaledObjectReader.ScaleTargetRef> ref =
          scaleTargetRef.filter(named -> named.name().equals(service));
      TargetSpec target;
      if (kubernetes) {
        target = kubernetes(entry.field("kubernetes"), service, ref);
      } else {
        ref.ifPresent(this::ignoreForLocal);
        LocalTargetSpec local = local(entry.field("local"));
        ConfigNode earlier = upstreamsFiles.putIfAbsent(local.upstreamsFile(), entry);
        if (earlier != null) {
          throw entry
              .field("local")
              .field("upstreamsFile")
              .error(
                  "also written by "
                      + earlier.path()
                      + "; each service needs its own file, or the gateway mixes them");
        }
        target = local;
      }
      read.add(new ServiceTarget(service, target));
    }
    return read;
  }

  private KubernetesTargetSpec kubernetes(
      ConfigNode node, String service, Optional<ScaledObjectReader.ScaleTargetRef> ref) {
    node.allowOnly(KUBERNETES_FIELDS);
    String apiVersion =
        agreeing(
            node.field("apiVersion"),
            ref.map(ScaledObjectReader.ScaleTargetRef::apiVersion),
            KubernetesTargetSpec.DEFAULT_API_VERSION);
    String kind =
        agreeing(
            node.field("kind"),
            ref.map(ScaledObjectReader.ScaleTargetRef::kind),
            KubernetesTargetSpec.DEFAULT_KIND);
    String name = node.field("name").textOr(service);
    Optional<String> namespace = namespace(node.field("namespace"), ref);
    Optional<Path> kubeconfig = node.field("kubeconfig").optionalReadableFile();
    Optional<String> context = node.field("context").optionalText();
    Optional<String> readyReplicasPath = node.field("readyReplicasPath").optionalText();
    ConfigNode from = node.field("readyReplicasFrom");
    Optional<KubernetesTargetSpec.ObjectReference> readyReplicasFrom = Optional.empty();
    if (from.isPresent()) {
      from.allowOnly(OBJECT_REFERENCE_FIELDS);
      String fromApiVersion = from.field("apiVersion").name();
      String fromKind = from.field("kind").name();
      String fromName = from.field("name").name();
      readyReplicasFrom =
          Optional.of(
              from.build(
                  () ->
                      new KubernetesTargetSpec.ObjectReference(
                          fromApiVersion, fromKind, fromName)));
    }
    Optional<String> plural = node.field("plural").optionalText();
    Optional<KubernetesTargetSpec.ObjectReference> readyFrom = readyReplicasFrom;
    return node.build(
        () ->
            new KubernetesTargetSpec(
                apiVersion,
                kind,
                name,
                namespace,
                kubeconfig,
                context,
                readyReplicasPath,
                readyFrom,
                plural));
  }

  /** The target's own value, else scaleTargetRef's, else KEDA's default; the two must agree. */
  private static String agreeing(
      ConfigNode own, Optional<ConfigNode> fromScaledObject, String fallback) {
    Optional<String> other = fromScaledObject.flatMap(ConfigNode::optionalText);
    if (own.isPresent() && other.isPresent() && !own.name().equals(other.get().strip())) {
      throw own.error(
          "'"
              + own.name()
              + "' contradicts "
              + fromScaledObject.get().path()
              + " '"
              + other.get()
              + "'");
    }
    return own.isPresent() ? own.name() : other.map(String::strip).orElse(fallback);
  }

  private Optional<String> namespace(
      ConfigNode own, Optional<ScaledObjectReader.ScaleTargetRef> ref) {
    Optional<ConfigNode> manifest =
        ref.map(ScaledObjectReader.ScaleTargetRef::namespace).filter(ConfigNode::isPresent);
    if (own.isPresent()) {
      manifest
          .filter(node -> !node.name().equals(own.name()))
          .ifPresent(node -> warnings.ignored(node, own.path() + " is used"));
      return Optional.of(own.name());
    }
    return manifest.map(ConfigNode::name);
  }

  private void ignoreForLocal(ScaledObjectReader.ScaleTargetRef ref) {
    for (ConfigNode node : List.of(ref.apiVersion(), ref.kind(), ref.namespace())) {
      if (node.isPresent()) {
        warnings.ignored(node, "the service's replicas are local");
      }
    }
  }

  private LocalTargetSpec local(ConfigNode node) {
    node.allowOnly(LOCAL_FIELDS);
    Duration coldStart = node.field("coldStart").durationOr(LocalTargetSpec.DEFAULT_COLD_START);
    Duration drainTimeout =
        node.field("drainTimeout").durationOr(LocalTargetSpec.DEFAULT_DRAIN_TIMEOUT);
    Path upstreamsFile = node.field("upstreamsFile").filePath();
    EmulatorOptions emulator =
        new EmulatorReader(catalog).read(node.field("emulator"), coldStart, drainTimeout);
    return node.build(() -> new LocalTargetSpec(coldStart, drainTimeout, upstreamsFile, emulator));
  }
}
