/**
 * Argo CD's {@code Application} as immutable Java values, and its YAML.
 *
 * <ul>
 *   <li>{@link io.gitopskit.core.app.Application} ({@code metadata} + {@link
 *       io.gitopskit.core.app.ApplicationSpec}): sources ({@link
 *       io.gitopskit.core.app.ApplicationSource} with {@link io.gitopskit.core.app.SourceHelm}
 *       and {@link io.gitopskit.core.app.SourceDirectory}), {@link
 *       io.gitopskit.core.app.ApplicationDestination}, {@link
 *       io.gitopskit.core.app.SyncPolicy} ({@link io.gitopskit.core.app.Automated}, sync
 *       options, {@link io.gitopskit.core.app.Retry}), ignore-differences rules, revision
 *       history limit. Builders: {@code Application.builder(name)}, {@code
 *       ApplicationSource.builder(repoURL)}, {@code SourceHelm.builder()}.
 *   <li>{@link io.gitopskit.core.app.ApplicationYaml} reads Argo CD YAML unchanged (unknown
 *       fields are warnings, invalid ones a {@code LoadException} naming file, line and field
 *       path) and writes it back deterministically: {@code read(write(app))} equals {@code
 *       app}.
 *   <li>Conversion helpers hand the spec to the other stages: {@code Application.syncOptions()},
 *       {@code retryPolicy(automated)}, {@code ignoreRules()}, {@code syncRequest(desired,
 *       automated)}, and the resource-tracking {@code instanceName} / {@code trackingId}.
 * </ul>
 *
 * <p>Guarantees: values are immutable (lists and maps copied, maps sorted by key), no component
 * is null unless documented as "or null", and null keeps Argo CD's pointer meaning ("not
 * written"), which is not the same as {@code false} or empty.
 */
@NullMarked
package io.gitopskit.core.app;

import org.jspecify.annotations.NullMarked;
