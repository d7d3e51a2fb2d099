package io.gitopskit.testkit.sync;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.cluster.PatchType;
import io.gitopskit.core.cluster.ResourceList;
import io.gitopskit.core.cluster.Watch;
import io.gitopskit.core.cluster.WatchEvent;
import io.gitopskit.core.cluster.WatchOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A cluster target that forwards every call; tests override single methods to observe them. */
class DelegatingTarget implements ClusterTarget {
  private final ClusterTarget delegate;

  DelegatingTarget(ClusterTarget delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<ApiResource> apiResources() {
    return delegate.apiResources();
  }

  @Override
  public Optional<Manifest> get(GroupVersionKind gvk, String namespace, String name) {
    return delegate.get(gvk, namespace, name);
  }

  @Override
  public ResourceList list(GroupVersionKind gvk, ListOptions options) {
    return delegate.list(gvk, options);
  }

  @Override
  public Manifest create(Manifest object, WriteOptions options) {
    return delegate.create(object, options);
  }

  @Override
  public Manifest update(Manifest object, WriteOptions options) {
    return delegate.update(object, options);
  }

  @Override
  public Manifest updateStatus(Manifest object, WriteOptions options) {
    return delegate.updateStatus(object, options);
  }

  @Override
  public Manifest applyClientSide(Manifest object, WriteOptions options) {
    return delegate.applyClientSide(object, options);
  }

  @Override
  public Manifest applyServerSide(Manifest object, ApplyOptions options) {
    return delegate.applyServerSide(object, options);
  }

  @Override
  public Manifest patch(GroupVersionKind gvk, String namespace, String name, PatchType type,
      JsonValue patch, WriteOptions options) {
    return delegate.patch(gvk, namespace, name, type, patch, options);
  }

  @Override
  public Manifest delete(GroupVersionKind gvk, String namespace, String name,
      DeleteOptions options) {
    return delegate.delete(gvk, namespace, name, options);
  }

  @Override
  public Watch watch(GroupVersionKind gvk, WatchOptions options, Consumer<WatchEvent> listener) {
    return delegate.watch(gvk, options, listener);
  }
}
