/**
 * Health assessment with Argo CD's rules: {@link io.gitopskit.core.health.HealthCode} (ordered
 * best to worst), {@link io.gitopskit.core.health.HealthStatus}, the {@link
 * io.gitopskit.core.health.HealthCheck} SPI, the registry {@link
 * io.gitopskit.core.health.HealthChecks} with the built-in checks and a generic kstatus-style
 * condition check, Lua scripts in Argo CD's format (sub-package {@code lua}), and
 * application-level aggregation ({@link io.gitopskit.core.health.ApplicationHealth}).
 *
 * <pre>{@code
 * HealthChecks checks = HealthChecks.builder()
 *     .override("*.crossplane.io", "*", crossplaneCheck)   // wins over built-ins
 *     .build();
 * Optional<HealthStatus> h = checks.assess(liveDeployment);  // Progressing: "Waiting for ..."
 * ApplicationHealth app = ApplicationHealth.builder()
 *     .desired(desiredKeys).live(liveObjects).hooks(hookKeys)
 *     .assess(checks);                                     // worst of the resources
 * }</pre>
 *
 * <h2>One object: {@code HealthChecks.assess}</h2>
 *
 * <ol>
 *   <li><b>Deletion.</b> {@code metadata.deletionTimestamp} set, and no finalizer
 *       {@code argocd.argoproj.io/hook-finalizer}: Progressing "Pending deletion".
 *   <li><b>Overrides</b>, most specific pattern first (exact beats glob beats {@code "*"}; among
 *       equals the later registration): a non-empty result wins, an exception is Unknown with
 *       its message, empty falls through.
 *   <li><b>Built-in checks</b> (gitops-engine {@code pkg/health}, rules and messages):
 *       <ul>
 *         <li>{@code apps/v1} Deployment: {@code spec.paused} is Suspended "Deployment is
 *             paused"; generation ahead of {@code status.observedGeneration} is Progressing;
 *             then the {@code Progressing} condition with reason
 *             {@code ProgressDeadlineExceeded} is Degraded; updated &lt; spec replicas, old
 *             replicas pending termination, or available &lt; updated are Progressing
 *             ("Waiting for rollout to finish: ..."); else Healthy.
 *         <li>{@code apps/v1} StatefulSet: spec not observed, pods not ready, a partitioned
 *             roll out, OnDelete ("statefulset has N ready pods"), revisions.
 *         <li>{@code apps/v1} DaemonSet and ReplicaSet ({@code ReplicaFailure} True is
 *             Degraded).
 *         <li>{@code v1} Pod: for {@code restartPolicy: Always} only, a container waiting with
 *             a reason starting with {@code Err} or ending with {@code Error} or
 *             {@code BackOff} is Degraded; then by phase (Pending Progressing, Succeeded
 *             Healthy, Failed Degraded, Running Healthy when Ready, Degraded after a container
 *             terminated, else Progressing; Running Never/OnFailure pods are Progressing).
 *         <li>{@code batch/v1} Job, {@code v1} PersistentVolumeClaim and Service
 *             (LoadBalancer waits for an address), Ingress (any version), {@code autoscaling}
 *             HPA (v1 annotation; v2beta1, v2beta2, v2 conditions), {@code
 *             apiregistration.k8s.io} APIService (v1, v1beta1), {@code argoproj.io}
 *             Workflow.
 *       </ul>
 *       Another version of a typed kind is Unknown "unsupported Deployment GVK: apps/v1beta1,
 *       Kind=Deployment"; a field the rule reads having the wrong JSON type is Unknown
 *       "failed to convert unstructured Deployment to typed: cannot unmarshal string into field
 *       .spec.replicas of type integer" (only fields a rule reads are checked; Go checks the
 *       whole object, with Go's wording).
 *   <li><b>Generic condition check</b>, only for kinds without a built-in check and only for
 *       objects whose {@code status.conditions} hold a {@code Ready}, {@code Stalled} or
 *       {@code Reconciling} condition (the kstatus convention; Argo CD itself has no generic
 *       check, so other objects keep "no health"): {@code status.observedGeneration} behind
 *       {@code metadata.generation} is Progressing; {@code Stalled} True is Degraded;
 *       {@code Reconciling} True is Progressing; {@code Ready} True is Healthy unless the
 *       condition's own {@code observedGeneration} is behind (Progressing); {@code Ready}
 *       False or Unknown is Progressing (as in kstatus, only Stalled means failed); only
 *       {@code Stalled}/{@code Reconciling} present and not True is Healthy. The message is the
 *       deciding condition's message, else its reason.
 *   <li>Otherwise <b>no health</b> (empty): ConfigMaps, Secrets, CronJobs, Argo CD
 *       Applications, CRs without kstatus conditions.
 * </ol>
 *
 * <p>Deliberate deviations from gitops-engine: a Pod without {@code restartPolicy} reads as the
 * API server's default, Always (Go reads "" and would call a running pod Unknown); a condition
 * status written as a YAML boolean reads as {@code True}/{@code False}. Kept quirks: a
 * suspended Job carries the (usually empty) failure message; a resumed Job (Suspended False) is
 * Healthy; a StatefulSet with a {@code rollingUpdate} block is Healthy "partitioned roll out
 * complete" even without a partition.
 *
 * <h2>An application: {@code ApplicationHealth}</h2>
 *
 * <p>Argo CD's {@code setApplicationHealth}: the app starts Healthy and takes the worst code of
 * its resources (Healthy &lt; Suspended &lt; Progressing &lt; Missing &lt; Degraded &lt;
 * Unknown), skipping hooks and ignored resources, live objects annotated
 * {@code argocd.argoproj.io/ignore-healthcheck: "true"}, desired resources absent from the
 * cluster (reported Missing per resource; OutOfSync already covers them), resources without
 * health, the application's own object, and child Applications that are Missing or Unknown. An
 * app that expects resources but has none of them live is Missing. Health does not roll up: a
 * Deployment's health does not include its Pods'.
 *
 * <p>Checks are pure functions of the live object; they never log and never throw out of the
 * registry. The built-in checks read the immutable tree in place (no re-serialization, no
 * regular expressions): a few hundred nanoseconds per object; about a microsecond for a v1 HPA,
 * whose conditions annotation is parsed as JSON.
 */
@NullMarked
package io.gitopskit.core.health;

import org.jspecify.annotations.NullMarked;
