/**
 * Health assessment with Argo CD's rules: {@link io.gitopskit.core.health.HealthCode} (ordered
 * best to worst), {@link io.gitopskit.core.health.HealthStatus}, the {@link
 * io.gitopskit.core.health.HealthCheck} SPI, built-in checks for the common kinds, a generic
 * kstatus-style condition check, Lua scripts in Argo CD's format (sub-package {@code lua}), and
 * application-level aggregation.
 *
 * <p>Checks are pure functions of the live object; they never log and never throw out of the
 * registry (a failing check yields Unknown with its message).
 */
@NullMarked
package io.gitopskit.core.health;

import org.jspecify.annotations.NullMarked;
