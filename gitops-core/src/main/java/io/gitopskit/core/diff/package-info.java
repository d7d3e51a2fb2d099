/**
 * Comparing desired objects (from Git) with live objects (from the cluster): is the cluster in
 * sync? The port of gitops-engine's {@code pkg/diff}, with the Kubernetes knowledge of {@link
 * io.gitopskit.core.schema.KubernetesSchema} and {@link io.gitopskit.core.defaults.ServerDefaults}
 * in place of Go's typed structs.
 *
 * <h2>Using it</h2>
 *
 * <p>{@link io.gitopskit.core.diff.Differ#create Differ.create}{@code (}{@link
 * io.gitopskit.core.diff.DiffOptions#defaults() DiffOptions.defaults()}{@code )} gives an
 * immutable, thread-safe differ; {@code diff(desired, live)} compares one object and {@code
 * diff(ManifestSet, List)} pairs whole sets by {@link io.gitopskit.core.model.ResourceKey}. A
 * {@link io.gitopskit.core.diff.DiffResult} says whether the object is {@code modified}, shows
 * the normalized live object and the predicted one (what live would be after applying the
 * desired object), and lists the {@link io.gitopskit.core.diff.FieldChange}s between the two in
 * document order. {@code modified} is exactly "the two differ".
 *
 * <h2>Decision flow</h2>
 *
 * <ol>
 *   <li>No live object: a creation, modified. No desired object: <em>not</em> a difference
 *       (pruning is the planner's call). Neither: an error.
 *   <li>Both inputs (and live's last-applied configuration) are normalized (below); the desired
 *       object takes live's namespace (the namespace is identity, not content).
 *   <li>{@link io.gitopskit.core.diff.DiffMode#SERVER_SIDE}: a forced server-side-apply dry run
 *       as the manager through the {@link io.gitopskit.core.cluster.ClusterTarget}; with {@code
 *       ignoreMutationWebhook} (default) every field of the result the manager does not own
 *       reverts to live: the manager's fields of the result, list items with their key fields
 *       (so {@code protocol} in a {@code containerPort+protocol} key survives), are merged onto
 *       live, and the fields the dry run removed are removed again.
 *   <li>{@link io.gitopskit.core.diff.DiffMode#FIELD_OWNERSHIP}, or {@link
 *       io.gitopskit.core.diff.DiffMode#AUTO} with the annotation {@code
 *       argocd.argoproj.io/sync-options} listing {@code ServerSideApply=true}: server-side apply
 *       computed locally ({@link io.gitopskit.core.patch.ssa.ServerSideApply}, force, as the
 *       manager, with live's {@code managedFields}): fields the manager owned and dropped go,
 *       fields of others stay.
 *   <li>Otherwise client-side apply ({@link io.gitopskit.core.diff.DiffMode#THREE_WAY_CLIENT}):
 *       with live's {@code kubectl.kubernetes.io/last-applied-configuration}, a three-way merge
 *       of it, the desired object and live; without it (or if it is unreadable, or the merge
 *       fails) the desired object stands in as its own last-applied configuration, so a field
 *       removed from Git but still live is <em>not</em> a difference: nothing records that it
 *       was ours. Built-in kinds merge strategically ({@link
 *       io.gitopskit.core.patch.StrategicMergePatch#threeWay}, list merge keys from the schema;
 *       for StatefulSets against live with {@code volumeClaimTemplates} trimmed to the
 *       last-applied fields); custom kinds as {@code kubectl} merges them, by JSON merge patch
 *       against live pruned to the last-applied fields.
 *   <li>Both the prediction and live are normalized for output and compared.
 * </ol>
 *
 * <h2>What is normalized</h2>
 *
 * <ul>
 *   <li><b>Inputs</b>: Secret {@code stringData} folded into base64 {@code data}, null data
 *       values as {@code ""}; for built-in kinds what a typed round trip does (canonical
 *       quantities: {@code 0.2} = {@code 200m}, {@code 1024Mi} = {@code 1Gi}; fields with null,
 *       empty lists and empty maps dropped; fields the schema does not know kept, so they show);
 *       no {@code metadata.creationTimestamp}; empty RBAC {@code rules}, and with {@code
 *       ignoreAggregatedRoles} the rules of aggregated roles, unset; Endpoints port protocols
 *       defaulted to TCP and subsets sorted; then the user {@link
 *       io.gitopskit.core.diff.Normalizer} (in server-side mode it runs on the outputs instead).
 *       Int-or-string values stay as they are: {@code "80"} and {@code 80} differ, as in
 *       Kubernetes.
 *   <li><b>Allocated values</b>, taken from live where the prediction lacks them (the server
 *       allocates them, or keeps them on updates that omit them): Service {@code clusterIP(s)},
 *       {@code ipFamilies}, {@code ipFamilyPolicy}, {@code nodePort}s, {@code
 *       healthCheckNodePort}; Job {@code spec.selector}; Namespace {@code spec.finalizers};
 *       PersistentVolumeClaim {@code volumeName} and {@code storageClassName}.
 *   <li><b>Outputs</b>: server defaults applied to both sides ({@link
 *       io.gitopskit.core.defaults.ServerDefaults}, plus the admission webhook configurations'
 *       defaults), so a defaulted field is never drift; the input steps again; removed: system
 *       metadata ({@code uid}, {@code resourceVersion}, {@code generation}, {@code
 *       managedFields}, {@code selfLink}, {@code creationTimestamp}, deletion fields), {@code
 *       status} (unless a custom kind without status subresource), the last-applied and
 *       controller annotations ({@code deployment.kubernetes.io/revision}, {@code
 *       deprecated.daemonset.template.generation}), the Namespace name label, the Job's
 *       generated {@code controller-uid} and {@code job-name} labels (both forms), empty
 *       labels and annotations.
 *   <li><b>Omitted zero values</b>: for built-in kinds, a {@code false}, {@code 0} or {@code ""}
 *       the prediction has in a struct field live lacks is dropped (the API server omits them).
 * </ul>
 *
 * <h2>Type knowledge</h2>
 *
 * <p>Merge keys, list types and formats come from {@link
 * io.gitopskit.core.diff.DiffOptions#schema()}: pass the built-in schema extended with the
 * cluster's CustomResourceDefinitions. Versions of built-in kinds the schema does not serve
 * ({@code apps/v1beta1}, {@code extensions/v1beta1}, {@code admissionregistration.k8s.io/v1beta1})
 * borrow the type knowledge of the served version of the same kind; server defaults are applied
 * only to served versions (older versions defaulted differently). A map-list key {@code
 * protocol} of a built-in kind defaults to {@code TCP}. Live objects should be read in the
 * desired object's version.
 *
 * <p>Everything here is pure and deterministic: no logging, no clock, no I/O except the dry
 * runs of server-side mode.
 */
@NullMarked
package io.gitopskit.core.diff;

import org.jspecify.annotations.NullMarked;
