package io.gitopskit.testkit;

/** The simulated controllers (Deployment, ReplicaSet, Pods, ...), run until stable. */
final class Controllers {

  private final Store store;
  private final SimulatedCluster.ImagePolicy images;
  private final boolean enabled;

  Controllers(Store store, SimulatedCluster.ImagePolicy images, boolean enabled) {
    this.store = store;
    this.images = images;
    this.enabled = enabled;
  }

  void runUntilStable() {
    if (!enabled) {
      return;
    }
  }
}
