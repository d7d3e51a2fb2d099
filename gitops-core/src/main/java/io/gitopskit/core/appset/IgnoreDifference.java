package io.gitopskit.core.appset;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.diff.ignore.IgnoreRule;
import java.util.List;
import java.util.Objects;

/**
 * One {@code spec.ignoreApplicationDifferences} entry: fields the ApplicationSet does not
 * manage on existing applications (for example a {@code targetRevision} promoted by hand).
 *
 * <p>Argo CD turns each entry into an Application {@code ignoreDifferences} rule for group
 * {@code argoproj.io}, kind {@code Application} and the entry's name; so does {@link
 * #toIgnoreRule()}, and the reconciler applies the rules with the diff stage's {@link
 * io.gitopskit.core.diff.ignore.IgnoreRules} (JSON pointers and jq path expressions alike).
 *
 * @param name the application the entry applies to (exact name), or {@code ""} for all
 * @param jsonPointers JSON pointers into the Application ({@code /spec/source/targetRevision})
 * @param jqPathExpressions jq path expressions ({@code .spec.sources[] | select(.chart ==
 *     "web") | .targetRevision})
 * @since 0.1
 */
public record IgnoreDifference(String name, List<String> jsonPointers,
    List<String> jqPathExpressions) {

  /**
   * Validates and copies the lists.
   *
   * @throws IllegalArgumentException if a pointer is malformed or addresses the whole object,
   *     or an expression is blank
   */
  public IgnoreDifference {
    Objects.requireNonNull(name, "name");
    jsonPointers = List.copyOf(jsonPointers);
    jqPathExpressions = List.copyOf(jqPathExpressions);
    rule(name, jsonPointers, jqPathExpressions);
  }

  /**
   * Whether the entry applies to an application.
   *
   * @param application the application name
   * @return true when it applies
   */
  public boolean appliesTo(String application) {
    return name.isEmpty() || name.equals(application);
  }

  /**
   * The entry as the Application ignore rule Argo CD makes of it.
   *
   * @return a rule for {@code argoproj.io/Application} named {@link #name()} (any when empty)
   */
  public IgnoreRule toIgnoreRule() {
    return rule(name, jsonPointers, jqPathExpressions);
  }

  private static IgnoreRule rule(String name, List<String> pointers, List<String> jq) {
    return new IgnoreRule(Application.GROUP, Application.KIND, name, "", pointers, jq, List.of());
  }
}
