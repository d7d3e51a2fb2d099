/**
 * Git for GitOps, on JGit: reading desired state ({@link io.gitopskit.git.GitSource}, a {@code
 * ManifestSource}) and writing promotions and rollbacks ({@link io.gitopskit.git.GitWriter}).
 *
 * <ul>
 *   <li>{@link io.gitopskit.git.GitSource} resolves branches, tags, commit ids, {@code HEAD} and
 *       semver constraints to one commit, reads files straight from a shared bare mirror's
 *       object database, follows only in-repository symlinks, caps sizes, verifies signatures
 *       and reports changed paths between commits;
 *   <li>{@link io.gitopskit.git.RepoCredentials} holds HTTPS tokens, SSH keys and TLS trust
 *       (custom CA certificates, or insecure) per URL prefix; secrets never appear in messages
 *       or logs;
 *   <li>every failure is a {@link io.gitopskit.git.GitException} case (sealed), retried with
 *       {@link io.gitopskit.git.RetryPolicy} when transient, never an empty result.
 * </ul>
 *
 * <p>No JGit type appears in a public signature. Values are immutable records; lists are
 * sorted or in the order documented.
 */
@NullMarked
package io.gitopskit.git;

import org.jspecify.annotations.NullMarked;
