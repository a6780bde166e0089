package dev.llmscale.autoscaler.config;

/** How one service's replicas are scaled: an entry's {@code kubernetes} or {@code local} block. */
public sealed interface TargetSpec permits KubernetesTargetSpec, LocalTargetSpec {}
