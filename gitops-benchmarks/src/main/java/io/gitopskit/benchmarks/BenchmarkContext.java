package io.gitopskit.benchmarks;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.ResourceOperations;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * The smallest real {@link Context} java-operator-sdk's {@code GenericKubernetesResourceMatcher}
 * needs: it only reads {@link #getClient()} for the client's serialization. The client is never
 * connected. Every other method is unsupported.
 */
final class BenchmarkContext implements Context<GenericKubernetesResource> {

  private final KubernetesClient client = new KubernetesClientBuilder().build();

  @Override
  public KubernetesClient getClient() {
    return client;
  }

  void close() {
    client.close();
  }

  /** The matcher never calls these; reaching one means the peer changed and needs a look. */
  private static IllegalStateException unsupported() {
    return new IllegalStateException("GenericKubernetesResourceMatcher only reads getClient()");
  }

  @Override
  public Optional<RetryInfo> getRetryInfo() {
    throw unsupported();
  }

  @Override
  public <R> Set<R> getSecondaryResources(Class<R> type, boolean deduplicate) {
    throw unsupported();
  }

  @Override
  public <R> Stream<R> getSecondaryResourcesAsStream(Class<R> type, boolean deduplicate) {
    throw unsupported();
  }

  @Override
  public <R> Optional<R> getSecondaryResource(Class<R> type, String name) {
    throw unsupported();
  }

  @Override
  public ControllerConfiguration<GenericKubernetesResource> getControllerConfiguration() {
    throw unsupported();
  }

  @Override
  public ManagedWorkflowAndDependentResourceContext
      managedWorkflowAndDependentResourceContext() {
    throw unsupported();
  }

  @Override
  public EventSourceRetriever<GenericKubernetesResource> eventSourceRetriever() {
    throw unsupported();
  }

  @Override
  public ResourceOperations<GenericKubernetesResource> resourceOperations() {
    throw unsupported();
  }

  @Override
  public ExecutorService getWorkflowExecutorService() {
    throw unsupported();
  }

  @Override
  public GenericKubernetesResource getPrimaryResource() {
    throw unsupported();
  }

  @Override
  public IndexedResourceCache<GenericKubernetesResource> getPrimaryCache() {
    throw unsupported();
  }

  @Override
  public boolean isNextReconciliationImminent() {
    throw unsupported();
  }

  @Override
  public boolean isPrimaryResourceDeleted() {
    throw unsupported();
  }

  @Override
  public boolean isPrimaryResourceFinalStateUnknown() {
    throw unsupported();
  }
}
