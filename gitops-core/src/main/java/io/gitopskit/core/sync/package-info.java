/**
 * Sync planning and execution: gitops-engine's {@code pkg/sync}. {@link
 * io.gitopskit.core.sync.SyncPlanner#plan SyncPlanner.plan}{@code (}{@link
 * io.gitopskit.core.sync.SyncRequest}{@code )} turns desired objects, the tracked live objects,
 * diff results and {@link io.gitopskit.core.sync.SyncOptions} into a {@link
 * io.gitopskit.core.sync.SyncPlan} of {@link io.gitopskit.core.sync.SyncStep}s. No I/O.
 *
 * <h2>What is planned</h2>
 *
 * <ul>
 *   <li>Ordinary resources are applied in the {@code Sync} phase. {@code ApplyOutOfSyncOnly}
 *       drops those whose diff is not modified; a selective sync keeps only the selected keys
 *       and runs no hooks.
 *   <li>Hooks come from {@code argocd.argoproj.io/hook} (CSV) or, only when no Argo CD type is
 *       present, {@code helm.sh/hook} ({@code pre-install}/{@code pre-upgrade} to PreSync,
 *       {@code post-install}/{@code post-upgrade} to PostSync; {@code crd-install} is no hook).
 *       {@code Skip} alone means "never apply"; a hook without a known type is ignored
 *       entirely. A hook with several types gets one step per phase; a hook without a name gets
 *       {@code generateName} + lowercase({@code <rev[0:7]>-<phase>-<start secs>}). Delete
 *       policies merge the Argo CD and Helm annotations and default to {@code
 *       BeforeHookCreation}. SyncFail hooks are listed apart ({@link
 *       io.gitopskit.core.sync.SyncPlan#syncFailHooks()}).
 *   <li>Prune candidates are the tracked live objects that are not desired (live hooks are
 *       never pruned; untracked objects are never seen). Pruning off gives {@code PruneSkipped
 *       "ignored (requires pruning)"}, {@code Prune=false} gives {@code "ignored (no prune)"},
 *       {@code Prune=confirm} waits for {@code pruneConfirmed}. With pruning on, no desired
 *       resource and {@code allowEmpty} off the plan is refused: "auto-sync will wipe out all
 *       resources".
 * </ul>
 *
 * <h2>Ordering rules</h2>
 *
 * <ol>
 *   <li>Sort by phase (PreSync, Sync, PostSync, SyncFail), then wave ({@code
 *       argocd.argoproj.io/sync-wave}, else {@code helm.sh/hook-weight}, else 0), then kind
 *       (Helm's 35-kind table from Namespace to APIService; unlisted kinds, custom resources
 *       included, come after every listed kind), then name (then namespace, group, kind).
 *   <li>Bubbling: a Namespace moves just before the first step in it, a CRD just before the
 *       first object of its {@code spec.group}/{@code spec.names.kind}; the moved step adopts
 *       that step's phase and wave.
 *   <li>Prunes run in reverse creation order: the candidates are ordered as if created, the
 *       list is reversed, and the waves are mirrored (lowest swaps with highest) so they rise
 *       again. Within a wave prunes come before applies. {@code PruneLast} (option, or on the
 *       live object) moves a prune to the last Sync wave + 1.
 *   <li>{@code CreateNamespace=true} adds a PreSync apply of the destination namespace, with
 *       the request's managed labels and annotations (Argo CD's {@code
 *       managedNamespaceMetadata}), when no manifest defines it.
 * </ol>
 *
 * <p>Waves never decrease within a phase; every kept desired resource appears exactly once.
 *
 * <h2>Execution</h2>
 *
 * <p>{@link io.gitopskit.core.sync.SyncExecutor} runs a plan against a {@link
 * io.gitopskit.core.cluster.ClusterTarget} with gitops-engine's state machine and wording:
 *
 * <ol>
 *   <li>Every written kind must be known to the server, unless a CRD of the sync defines it or
 *       {@code SkipDryRunOnMissingResource=true} (its dry run is then skipped); otherwise the
 *       operation fails: "one or more synchronization tasks are not valid".
 *   <li>A server dry run of every write (once: not again when a started operation resumes):
 *       "one or more objects failed to apply (dry run)". A failure that only an update can hit
 *       (an immutable field) is tolerated when the real run deletes and re-creates the object
 *       (Force, a BeforeHookCreation hook) and a dry-run create of it is accepted.
 *   <li>Wave by wave ("one or more tasks are running"): a wave with a prune waiting for {@code
 *       Prune=confirm} holds before anything of it runs ("Waiting for pruning confirmation of
 *       v1/ConfigMap/x"); a failed write fails the sync: "one or more objects failed to apply,
 *       reason: &lt;messages&gt;". Then the wave's hooks are waited for, and its resources when
 *       the plan has more than one wave ("waiting for healthy state of apps/Deployment/web and
 *       1 more resources", "waiting for completion of hook batch/Job/migrate", "waiting for
 *       deletion of /ConfigMap/old"); a hook Degraded or Unknown, or a resource Degraded, fails
 *       the sync: "one or more synchronization tasks completed unsuccessfully". A last wave of
 *       plain resources succeeds once applied, without waiting: "successfully synced (all tasks
 *       run)"; otherwise "successfully synced (no more tasks)".
 *   <li>On failure, SyncFail hooks run and are waited for. Hook delete policies follow the
 *       operation, not the hook: HookSucceeded hooks are deleted when the sync succeeds,
 *       HookFailed hooks when it fails, with the application's {@code PrunePropagationPolicy}.
 *   <li>{@link io.gitopskit.core.sync.SyncExecutor#terminate()} deletes the running hooks
 *       ("Deleted") and ends the operation Failed "Operation terminated".
 * </ol>
 *
 * <p>Messages never show a Secret's values: they are masked in every result. Each object is
 * written as its effective sync options say (a hook: the application's options, {@link
 * io.gitopskit.core.sync.ExecutorOptions#syncOptions()}, overridden by its annotation):
 *
 * <ul>
 *   <li>default: client-side apply ({@code kubectl apply}, last-applied annotation recorded);
 *       {@code ServerSideApply=true}: server-side apply with the executor's field manager, always
 *       forcing conflicts, as Argo CD does;
 *   <li>{@code Replace=true} (wins over server-side apply): create, or replace with live's
 *       resourceVersion; CRDs and Namespaces are updated in place;
 *   <li>{@code Force=true}: an apply refused as invalid or conflicting (an immutable field)
 *       deletes the object and creates it again, restoring the old one if that fails; with
 *       {@code Replace=true} always delete and create;
 *   <li>{@code Validate=false}: {@link io.gitopskit.core.cluster.FieldValidation#IGNORE} instead
 *       of {@link io.gitopskit.core.cluster.FieldValidation#STRICT};
 *   <li>{@code RespectIgnoreDifferences=true}: fields covered by {@link
 *       io.gitopskit.core.sync.ExecutorOptions#ignoreRules()} keep their live values.
 * </ul>
 *
 * <p>With {@link io.gitopskit.core.sync.ExecutorOptions#tracking()} ({@link
 * io.gitopskit.core.sync.ResourceTracking}) written objects are marked as the application's; an
 * object another application claims is reported in its result ({@code SharedResourceWarning:
 * <Kind>/<name> is part of applications <this> and <other>}) and still written, unless {@code
 * FailOnSharedResource=true}, which fails the operation before anything is written ({@code
 * Shared resource found: ...}); and an object this application does not track is never pruned
 * ({@code PruneSkipped}). Prunes delete with the uid just read as a precondition.
 *
 * <h2>Running and resuming</h2>
 *
 * <p>{@link io.gitopskit.core.sync.SyncExecutor} runs a plan and returns an {@link
 * io.gitopskit.core.sync.OperationState}, a plain value it also publishes after every step and
 * poll; {@link io.gitopskit.core.sync.SyncExecutor#SyncExecutor(java.util.function.Consumer)}
 * hands each one to a listener. {@link io.gitopskit.core.sync.OperationStateCodec} writes a
 * state as JSON and reads it back; {@link io.gitopskit.core.sync.StateStore} keeps the latest
 * state per operation (in memory, or one file per operation replaced atomically). After a
 * crash, {@code resume(plan, target, savedState, options)} with the same plan (the planner is
 * deterministic: same request, same plan) skips the completed waves and runs the first
 * unfinished wave again: applies and prunes are idempotent, and a live hook the operation
 * already created (its result says so, or it carries the generated name unique to this
 * operation) is waited for, never created a second time.
 *
 * <h2>Retrying whole operations</h2>
 *
 * <p>{@link io.gitopskit.core.sync.SyncExecutor#runWithRetry SyncExecutor.runWithRetry} is Argo
 * CD's {@code syncPolicy.retry}: a Failed or Error operation is planned again and re-run with
 * backoff up to the policy's limit ({@code "Retrying attempt #n at 3:04PM."}, then {@code
 * "(retried n times)."}). {@link io.gitopskit.core.sync.ExecutorOptions#retry()} retries single
 * cluster calls inside one attempt.
 *
 * <h2>Deleting an application</h2>
 *
 * <p>{@link io.gitopskit.core.sync.DeletionPlanner#plan DeletionPlanner.plan}{@code (}{@link
 * io.gitopskit.core.sync.DeletionRequest}{@code )} plans what Argo CD's controller does for an
 * application with the resources finalizer, and {@link
 * io.gitopskit.core.sync.SyncExecutor#delete SyncExecutor.delete} runs it:
 *
 * <ol>
 *   <li>{@code PreDelete} hooks ({@code argocd.argoproj.io/hook: PreDelete} or {@code
 *       helm.sh/hook: pre-delete}) are created and must all complete; a failed one ends the
 *       deletion {@code Failed} ("PreDelete hook(s) failed: ns/name") with nothing deleted.
 *   <li>The tracked live objects (only those; nothing else is ever deleted) are deleted
 *       highest sync wave first, each wave gone before the next, with the request's
 *       propagation policy (Foreground by default). CRDs, {@code Delete=false} and {@code
 *       helm.sh/resource-policy: keep} stay; {@code Delete=confirm} holds the whole deletion
 *       until confirmed. An object whose uid changed since planning is not deleted.
 *   <li>{@code PostDelete} hooks run and must complete.
 *   <li>Hooks are deleted per their delete policies; a deletion hook without one is deleted
 *       once it succeeded.
 * </ol>
 *
 * <p>PreDelete and PostDelete hooks never run during a sync. A deletion is resumed with {@link
 * io.gitopskit.core.sync.SyncExecutor#resumeDeletion}, like a sync.
 */
@NullMarked
package io.gitopskit.core.sync;

import org.jspecify.annotations.NullMarked;
