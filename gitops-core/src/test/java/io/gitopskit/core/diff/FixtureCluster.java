package io.gitopskit.core.diff;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A cluster that answers every server-side-apply dry run with one recorded result, as
 * gitops-engine's tests answer theirs with the {@code *-predicted-live.json} fixtures. It
 * records what it was asked; anything but a dry-run apply is refused.
 */
final class FixtureCluster implements ClusterTarget {

  private final Manifest result;
  final List<ApplyOptions> applies = Collections.synchronizedList(new ArrayList<>());

  FixtureCluster(Manifest result) {
    this.result = result;
  }

  @Override
  public Manifest applyServerSide(Manifest object, ApplyOptions options) {
    if (!options.dryRun()) {
      throw new IllegalStateException("only dry runs are expected");
    }
    applies.add(options);
    return result;
  }

  @Override
  public List<ApiResource> apiResources() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<Manifest> get(GroupVersionKind gvk, String namespace, String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ResourceList list(GroupVersionKind gvk, ListOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Manifest create(Manifest object, WriteOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Manifest update(Manifest object, WriteOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Manifest updateStatus(Manifest object, WriteOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Manifest applyClientSide(Manifest object, WriteOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Manifest patch(GroupVersionKind gvk, String namespace, String name, PatchType type,
      JsonValue patch, WriteOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Manifest delete(GroupVersionKind gvk, String namespace, String name,
      DeleteOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Watch watch(GroupVersionKind gvk, WatchOptions options, Consumer<WatchEvent> listener) {
    throw new UnsupportedOperationException();
  }
}
