package io.gitopskit.testkit;

import java.time.Duration;
import java.util.List;

/**
 * What the simulated controllers of a {@link SimulatedCluster} do, with the timings and
 * annotations tests can rely on. The controllers run after every write and every move of the
 * cluster's {@link ManualClock}, until nothing changes; everything they write comes from the
 * clock and the cluster's seed, so runs are repeatable.
 *
 * <ul>
 *   <li><b>Cluster:</b> three Ready {@code Node}s ({@link #NODES}) and a default
 *       {@code StorageClass} {@value #STORAGE_CLASS} (binding mode Immediate) exist from the
 *       start; nodes can be deleted or added by tests.
 *   <li><b>Namespaces:</b> every Active namespace gets ServiceAccount {@code default} and
 *       ConfigMap {@code kube-root-ca.crt}.
 *   <li><b>Pods</b> (scheduler and kubelet): a pod is bound to the least busy matching node;
 *       {@link #POD_START} after scheduling its containers run and it is Ready. An image
 *       matching {@link SimulatedCluster.Builder#failingImage} shows {@code ErrImagePull}, then
 *       {@code ImagePullBackOff} after {@link #PULL_BACKOFF}; one matching
 *       {@link SimulatedCluster.Builder#crashingImage} exits with code 1 as it starts and is
 *       restarted with back-off 10 s, 20 s, 40 s ... 300 s ({@code CrashLoopBackOff}). Pods with
 *       restart policy {@code Never} or {@code OnFailure} run for {@link #DEFAULT_RUN} (or the
 *       {@value #DURATION} annotation) and succeed, or fail with {@value #OUTCOME}{@code : fail}.
 *       Containers wait for their PersistentVolumeClaims to be bound.
 *   <li><b>Deployments</b> (one ReplicaSet per template, RollingUpdate honouring maxSurge and
 *       maxUnavailable, Recreate, pause, progress deadline, revision history), <b>ReplicaSets</b>
 *       (pods and minReadySeconds), <b>StatefulSets</b> (ordered or parallel pods, volume claim
 *       templates, RollingUpdate with partition, OnDelete), <b>DaemonSets</b> (one pod per
 *       eligible node, RollingUpdate with maxUnavailable, OnDelete) and <b>Jobs</b>
 *       (parallelism, completions, backoffLimit with retry back-off, activeDeadlineSeconds,
 *       suspend) write the status fields and conditions Kubernetes writes.
 *   <li><b>Services</b> of type LoadBalancer get an address {@code 192.0.2.N}, and
 *       <b>Ingresses</b> the address {@value #INGRESS_IP}, {@link #ADDRESS_DELAY} after creation.
 *   <li><b>PersistentVolumeClaims</b> are bound to a new volume {@code pvc-<uid>}
 *       {@link #BIND_DELAY} after creation (WaitForFirstConsumer classes: once a scheduled pod
 *       uses them); a claim naming a missing class, or class {@code ""}, stays Pending.
 * </ul>
 *
 * <p>A move of the clock is one instant: work that falls due during the move happens at its
 * end, and work it starts waits for the next move (e.g. the second wave of a rolling update).
 * Advance in steps, such as one second at a time, to watch a multi-step rollout finish.
 *
 * @since 0.1
 */
public final class SimulatedControllers {

  /** The nodes of a new cluster. */
  public static final List<String> NODES = List.of("node-1", "node-2", "node-3");

  /** The default StorageClass of a new cluster. */
  public static final String STORAGE_CLASS = "standard";

  /** How long after scheduling a pod's containers start (and, with a good image, are ready). */
  public static final Duration POD_START = Duration.ofSeconds(2);

  /** How long a failing image pull shows {@code ErrImagePull} before {@code ImagePullBackOff}. */
  public static final Duration PULL_BACKOFF = Duration.ofSeconds(10);

  /** How long a run-to-completion container (Job pods, hook pods) runs by default. */
  public static final Duration DEFAULT_RUN = Duration.ofSeconds(5);

  /** How long after creation a LoadBalancer Service or an Ingress gets its address. */
  public static final Duration ADDRESS_DELAY = Duration.ofSeconds(1);

  /** How long after creation a claim with an Immediate StorageClass is bound. */
  public static final Duration BIND_DELAY = Duration.ofSeconds(1);

  /** The address every Ingress gets. */
  public static final String INGRESS_IP = "198.51.100.10";

  /**
   * Annotation on a Pod or Job: how long its containers run, e.g. {@code 30s}, {@code 2m},
   * {@code 1h} or an ISO-8601 duration.
   */
  public static final String DURATION = "testkit.gitopskit.io/duration";

  /** Annotation on a Pod or Job: {@code fail} makes its containers exit with code 1. */
  public static final String OUTCOME = "testkit.gitopskit.io/outcome";

  private SimulatedControllers() {}
}
