package io.gitopskit.core.health;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import org.jspecify.annotations.Nullable;

/**
 * The generic, kstatus-style check for kinds without a built-in rule. Argo CD has no such check
 * (a CR without a health script has no health), so this one is deliberately narrow: it applies
 * only to objects whose {@code status.conditions} hold at least one of the kstatus condition
 * types {@code Ready}, {@code Stalled} or {@code Reconciling}, i.e. whose controller declares
 * that it follows the convention. Everything else gets no health. Reads are lenient: a field of
 * an unexpected type counts as absent, and the check never throws.
 *
 * <p>In order: {@code status.observedGeneration} behind {@code metadata.generation} is
 * Progressing; {@code Stalled} True is Degraded; {@code Reconciling} True is Progressing;
 * {@code Ready} True is Healthy (Progressing if the condition's own {@code observedGeneration}
 * is behind), {@code Ready} False or Unknown is Progressing; with only {@code Stalled} and
 * {@code Reconciling} present, neither True, Healthy. As in kstatus, a failure is only what the
 * controller reports as Stalled: a Ready False is "not there yet".
 */
final class ConditionHealth {

  private ConditionHealth() {}

  static @Nullable HealthStatus assess(Manifest live) {
    if (!(live.root().getOrNull("status") instanceof JsonObject status)
        || !(status.getOrNull("conditions") instanceof JsonArray conditions)) {
      return null;
    }
    JsonObject ready = null;
    JsonObject stalled = null;
    JsonObject reconciling = null;
    for (int i = 0; i < conditions.size(); i++) {
      if (conditions.get(i) instanceof JsonObject c
          && c.getOrNull("type") instanceof JsonString type) {
        switch (type.value()) {
          case "Ready" -> ready = ready == null ? c : ready;
          case "Stalled" -> stalled = stalled == null ? c : stalled;
          case "Reconciling" -> reconciling = reconciling == null ? c : reconciling;
          default -> { }
        }
      }
    }
    if (ready == null && stalled == null && reconciling == null) {
      return null;
    }
    long generation = number(live.metadata().getOrNull("generation"));
    long observed = number(status.getOrNull("observedGeneration"));
    if (generation >= 0 && observed >= 0 && observed < generation) {
      return HealthStatus.progressing(live.kind() + " generation is " + generation
          + ", but latest observed generation is " + observed);
    }
    if (isTrue(stalled)) {
      return HealthStatus.degraded(message(stalled));
    }
    if (isTrue(reconciling)) {
      return HealthStatus.progressing(message(reconciling));
    }
    if (ready == null) {
      return HealthStatus.healthy();
    }
    if (!isTrue(ready)) {
      return HealthStatus.progressing(message(ready));
    }
    long readyObserved = number(ready.getOrNull("observedGeneration"));
    if (generation >= 0 && readyObserved >= 0 && readyObserved < generation) {
      return HealthStatus.progressing(live.kind() + " generation is " + generation
          + ", but the Ready condition is for generation " + readyObserved);
    }
    return HealthStatus.healthy(message(ready));
  }

  private static boolean isTrue(@Nullable JsonObject condition) {
    if (condition == null) {
      return false;
    }
    JsonValue s = condition.getOrNull("status");
    return s instanceof JsonString str ? str.value().equals("True") : s == JsonBoolean.TRUE;
  }

  /** The condition's message, else its reason, else empty. */
  private static String message(JsonObject condition) {
    if (condition.getOrNull("message") instanceof JsonString m && !m.value().isEmpty()) {
      return m.value();
    }
    return condition.getOrNull("reason") instanceof JsonString r ? r.value() : "";
  }

  /** A non-negative integer, or -1 when absent or not one. */
  private static long number(@Nullable JsonValue v) {
    if (v instanceof JsonNumber n && n.isLong() && n.longValue() >= 0) {
      return n.longValue();
    }
    return -1;
  }
}
