package io.gitopskit.core.diff.ignore;

import io.gitopskit.core.GitOpsException;
import io.gitopskit.core.model.ResourceKey;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An ignore rule could not be compiled or applied: a jq expression that does not parse, runs
 * out of time or steps, fails, or does not yield exactly one object, or a live object whose
 * {@code managedFields} cannot be read. The message names the rule, the expression and the
 * object, never a field value (jq's own messages are stripped of quoted data).
 *
 * @since 0.1
 */
public final class IgnoreRuleException extends GitOpsException {

  private static final long serialVersionUID = 1L;

  /**
   * What went wrong.
   *
   * @since 0.1
   */
  public enum Reason {
    /** The jq expression does not compile. */
    INVALID_EXPRESSION,
    /** The jq expression did not finish within the timeout. */
    TIMEOUT,
    /** The jq expression exceeded its step budget (it generated too many values). */
    TOO_MANY_STEPS,
    /** The jq expression raised an error, or recursed too deeply. */
    EVALUATION_ERROR,
    /** The jq expression did not yield exactly one object. */
    INVALID_RESULT,
    /** The live object's {@code metadata.managedFields} is malformed. */
    INVALID_MANAGED_FIELDS
  }

  private final Reason reason;
  private final String rule;
  private final String expression;
  private final @Nullable String resource;

  IgnoreRuleException(Reason reason, IgnoreRule rule, String expression,
      @Nullable ResourceKey resource, String detail) {
    super(message(reason, rule, expression, resource, detail));
    this.reason = Objects.requireNonNull(reason, "reason");
    this.rule = rule.toString();
    this.expression = expression;
    this.resource = resource == null ? null : resource.toString();
  }

  private static String message(Reason reason, IgnoreRule rule, String expression,
      @Nullable ResourceKey resource, String detail) {
    StringBuilder b = new StringBuilder("failed to ");
    b.append(reason == Reason.INVALID_EXPRESSION ? "compile" : "apply")
        .append(" ignore rule ").append(rule);
    if (!expression.isEmpty()) {
      b.append(" jq expression \"").append(expression).append('"');
    }
    if (resource != null) {
      b.append(" to ").append(resource);
    }
    return b.append(": ").append(detail).toString();
  }

  /**
   * What went wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The rule, in {@link IgnoreRule#toString()} form.
   *
   * @return e.g. {@code admissionregistration.k8s.io/MutatingWebhookConfiguration}
   */
  public String rule() {
    return rule;
  }

  /**
   * The jq expression concerned.
   *
   * @return the expression; empty for managed-fields failures
   */
  public String expression() {
    return expression;
  }

  /**
   * The object being normalized, in {@link ResourceKey} string form.
   *
   * @return the key, or empty when compiling
   */
  public Optional<String> resource() {
    return Optional.ofNullable(resource);
  }
}
