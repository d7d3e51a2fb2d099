package io.gitopskit.testkit;

import java.util.List;

/**
 * The simulated controllers (namespaces, scheduler and kubelet, volumes, ReplicaSets,
 * Deployments, StatefulSets, DaemonSets, Jobs, load balancers), run in a fixed order, pass after
 * pass, until a whole pass writes nothing. Called by the {@link Store} with its lock held. See
 * {@link SimulatedControllers} for what they do.
 */
final class Controllers {

  /** More passes than any legitimate cascade needs; reaching it means controllers fight. */
  static final int MAX_PASSES = 50;

  private final Store store;
  private final boolean enabled;
  private final NodeController nodes;
  private final List<Reconciler> order;

  Controllers(Store store, SimulatedCluster.ImagePolicy images, boolean enabled) {
    this.store = store;
    this.enabled = enabled;
    this.nodes = new NodeController(store, images);
    this.order = List.of(
        new NamespaceController(store, images),
        new VolumeController(store, images),
        new KubeletController(store, images),
        new ReplicaSetController(store, images),
        new DeploymentController(store, images),
        new StatefulSetController(store, images),
        new DaemonSetController(store, images),
        new JobController(store, images),
        new LoadBalancerController(store, images));
  }

  /** Sets up a freshly installed cluster (nodes, storage class) and runs the controllers. */
  void start() {
    if (!enabled) {
      return;
    }
    nodes.bootstrap();
    runUntilStable();
  }

  /**
   * Runs every controller until a pass changes nothing.
   *
   * @throws IllegalStateException if the controllers do not settle (a bug, or an admission hook
   *     that changes objects on every write)
   */
  void runUntilStable() {
    if (!enabled) {
      return;
    }
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      long before = store.revision();
      for (Reconciler r : order) {
        r.reconcile();
      }
      if (store.revision() == before) {
        return;
      }
    }
    throw new IllegalStateException("simulated controllers did not settle after " + MAX_PASSES
        + " passes at " + store.clock().instant());
  }
}
