package io.gitopskit.core.diff.mask;

import io.gitopskit.core.model.Manifest;
import org.jspecify.annotations.Nullable;

/**
 * Masked copies of a desired and a live object.
 *
 * @param desired the masked desired object, or null when there was none
 * @param live the masked live object, or null when there was none
 * @since 0.1
 */
public record MaskedPair(@Nullable Manifest desired, @Nullable Manifest live) {}
