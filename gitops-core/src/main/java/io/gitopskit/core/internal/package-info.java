/**
 * Implementation helpers shared by the core packages. Not API: anything here may change or
 * disappear in any release; do not use it from outside GitOpsKit.
 */
@NullMarked
package io.gitopskit.core.internal;

import org.jspecify.annotations.NullMarked;
