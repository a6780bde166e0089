/**
 * The Kubernetes scale target: any namespaced workload with a {@code /scale} subresource
 * (Deployment, StatefulSet, or a custom resource such as Dynamo's
 * DynamoGraphDeploymentScalingAdapter), read and written through that subresource as the HPA and
 * KEDA do. See {@code docs/kubernetes.md}.
 */
package dev.llmscale.autoscaler.target.kubernetes;
