/**
 * Commit signature verification: {@link io.gitopskit.git.signature.SignaturePolicy} says which
 * repositories need OpenPGP-signed commits, how much history, and which keys may sign. {@link
 * io.gitopskit.git.GitSource} enforces it on every resolve; an unsigned or wrongly signed
 * commit is refused with a {@link io.gitopskit.git.GitException.SignatureRejected} naming the
 * commit and the reason.
 */
@NullMarked
package io.gitopskit.git.signature;

import org.jspecify.annotations.NullMarked;
