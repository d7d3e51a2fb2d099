/**
 * Progressive sync of an ApplicationSet's applications: {@link
 * io.gitopskit.core.appset.rollout.RollingSyncPlanner} decides, from {@link
 * io.gitopskit.core.appset.rollout.RolloutStep}s and each application's {@link
 * io.gitopskit.core.appset.rollout.RolloutApp} status, which applications may sync now, so a
 * change goes dev → staging → prod and a step starts only when every application of the
 * previous step is Synced and Healthy at the new revision. Pure.
 */
@NullMarked
package io.gitopskit.core.appset.rollout;

import org.jspecify.annotations.NullMarked;
