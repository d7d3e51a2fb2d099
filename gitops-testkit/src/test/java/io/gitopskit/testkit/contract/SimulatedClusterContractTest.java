package io.gitopskit.testkit.contract;

import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.testkit.SimulatedCluster;

/** The simulated cluster passes the ClusterTarget contract. */
class SimulatedClusterContractTest extends ClusterTargetContract {

  private final SimulatedCluster cluster = SimulatedCluster.create();

  @Override
  protected ClusterTarget target() {
    return cluster;
  }
}
