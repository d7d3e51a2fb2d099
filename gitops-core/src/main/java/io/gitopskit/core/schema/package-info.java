/**
 * Kubernetes type knowledge, from the real OpenAPI document: {@link
 * io.gitopskit.core.schema.KubernetesSchema} answers, for every built-in kind and every kind added
 * from a CustomResourceDefinition, the {@linkplain io.gitopskit.core.schema.Shape shape} of its
 * objects (list types and merge keys, map types, required fields, formats such as int-or-string,
 * quantity and date-time) and what discovery would report (plural, scope, verbs, the status
 * subresource). The diff, the simulated API server's apply and validation, and discovery all read
 * this one source; there are no hand-copied tables.
 *
 * <p>The built-in types come from the compact resource {@code
 * io/gitopskit/core/schema/kubernetes-1.35.json}, which {@code SchemaGenerator} (in the test
 * sources) derives from the Kubernetes 1.35.0 OpenAPI v2 document kept beside the project in
 * {@code ../shared/schemas/}. To regenerate it, from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl gitops-core test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.gitopskit.core.schema.SchemaGenerator \
 *   -Dexec.args="../shared/schemas/kubernetes-1.35.0.json gitops-core/src/main/resources/io/gitopskit/core/schema/kubernetes-1.35.json"
 * </pre>
 *
 * <p>{@code SchemaResourceUpToDateTest} regenerates it in memory and fails when the committed
 * resource differs, so a stale resource cannot pass the build.
 *
 * <p>Semantics worth knowing:
 *
 * <ul>
 *   <li>Lists carry both vocabularies: server-side apply's list type and map keys (prefer these
 *       for a structural diff) and strategic merge patch's merge key and strategy. A list with no
 *       declared list type is atomic.
 *   <li>Shapes of built-in types are built on first use and shared; references between
 *       definitions resolve lazily, so recursive types work.
 *   <li>In a custom kind, {@code apiVersion}, {@code kind} and {@code metadata} are typed by the
 *       API server ({@code metadata} is the built-in {@code ObjectMeta}), whatever the CRD says.
 * </ul>
 */
@NullMarked
package io.gitopskit.core.schema;

import org.jspecify.annotations.NullMarked;
