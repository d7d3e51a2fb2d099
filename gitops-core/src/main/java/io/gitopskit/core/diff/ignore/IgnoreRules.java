package io.gitopskit.core.diff.ignore;

import io.gitopskit.core.diff.Normalizer;
import io.gitopskit.core.diff.ignore.IgnoreRuleException.Reason;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.patch.ssa.FieldSet;
import io.gitopskit.core.patch.ssa.ManagedFields;
import io.gitopskit.core.patch.ssa.ManagedFieldsEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, ordered set of {@link IgnoreRule}s and the operations that apply them: the
 * {@linkplain #normalizer() normalizer} for the diff, {@link #stripManagedByTrusted} for
 * {@code managedFieldsManagers}, and {@link #respectIgnoreDifferences} for applying with
 * {@code RespectIgnoreDifferences=true}.
 *
 * <p>A diff with these rules runs {@code stripManagedByTrusted(desired, live)} first and then
 * normalizes both results, as Argo CD does. All jq expressions are compiled when the set is
 * built, so a malformed one fails early. Thread-safe.
 *
 * @since 0.1
 */
public final class IgnoreRules {

  /** The default jq timeout, as Argo CD's {@code ignore.normalizer.jq.timeout}. */
  public static final Duration DEFAULT_JQ_TIMEOUT = Duration.ofSeconds(1);

  private static final IgnoreRules EMPTY = new IgnoreRules(List.of(), List.of(),
      DEFAULT_JQ_TIMEOUT, Jq.DEFAULT_MAX_STEPS);

  private final List<IgnoreRule> rules;
  private final List<List<Jq.Program>> programs;
  private final List<List<JsonPointer>> pointers;
  private final Duration jqTimeout;
  private final long jqMaxSteps;

  private IgnoreRules(List<IgnoreRule> rules, List<List<Jq.Program>> programs,
      Duration jqTimeout, long jqMaxSteps) {
    this.rules = rules;
    this.programs = programs;
    this.jqTimeout = jqTimeout;
    this.jqMaxSteps = jqMaxSteps;
    List<List<JsonPointer>> p = new ArrayList<>(rules.size());
    for (IgnoreRule r : rules) {
      p.add(r.jsonPointers().stream().map(JsonPointer::parse).toList());
    }
    this.pointers = List.copyOf(p);
  }

  /**
   * The set without rules; its normalizer changes nothing.
   *
   * @return the empty set
   */
  public static IgnoreRules empty() {
    return EMPTY;
  }

  /**
   * A set of rules, applied in the given order, with the default jq timeout.
   *
   * @param rules the rules
   * @return the set
   * @throws IgnoreRuleException with {@link IgnoreRuleException.Reason#INVALID_EXPRESSION} if a
   *     jq expression does not compile
   */
  public static IgnoreRules of(Collection<IgnoreRule> rules) {
    List<IgnoreRule> copy = List.copyOf(rules);
    List<List<Jq.Program>> programs = new ArrayList<>(copy.size());
    for (IgnoreRule rule : copy) {
      List<Jq.Program> compiled = new ArrayList<>(rule.jqPathExpressions().size());
      for (String expression : rule.jqPathExpressions()) {
        try {
          compiled.add(Jq.compile(expression));
        } catch (Jq.Failure f) {
          throw new IgnoreRuleException(f.reason, rule, expression, null, f.getMessage());
        }
      }
      programs.add(List.copyOf(compiled));
    }
    return new IgnoreRules(copy, List.copyOf(programs), DEFAULT_JQ_TIMEOUT,
        Jq.DEFAULT_MAX_STEPS);
  }

  /**
   * A set of rules, applied in the given order.
   *
   * @param rules the rules
   * @return the set
   * @throws IgnoreRuleException if a jq expression does not compile
   */
  public static IgnoreRules of(IgnoreRule... rules) {
    return of(Arrays.asList(rules));
  }

  /**
   * Reads an Argo CD {@code spec.ignoreDifferences} list.
   *
   * @param ignoreDifferences the list of rule objects
   * @return the set
   * @throws IllegalArgumentException if an item is not an object or is not a valid rule
   * @throws IgnoreRuleException if a jq expression does not compile
   */
  public static IgnoreRules fromJson(JsonArray ignoreDifferences) {
    List<IgnoreRule> out = new ArrayList<>(ignoreDifferences.size());
    for (JsonValue item : ignoreDifferences.items()) {
      if (!(item instanceof JsonObject o)) {
        throw new IllegalArgumentException("ignoreDifferences items must be objects");
      }
      out.add(IgnoreRule.fromJson(o));
    }
    return of(out);
  }

  /**
   * This set followed by more rules.
   *
   * @param more the rules to add, e.g. system-wide ones
   * @return the new set, with this set's limits
   * @throws IgnoreRuleException if a jq expression does not compile
   */
  public IgnoreRules plus(Collection<IgnoreRule> more) {
    List<IgnoreRule> all = new ArrayList<>(rules);
    all.addAll(more);
    return of(all).withJqTimeout(jqTimeout).withJqMaxSteps(jqMaxSteps);
  }

  /**
   * This set with another jq timeout per expression and object.
   *
   * @param timeout the timeout, e.g. {@code Duration.ofSeconds(1)}
   * @return the new set
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public IgnoreRules withJqTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("jq timeout must be positive: " + timeout);
    }
    return new IgnoreRules(rules, programs, timeout, jqMaxSteps);
  }

  /**
   * This set with another jq step budget: the builtin calls and values they generate that one
   * evaluation may make, which bounds memory as the timeout bounds time.
   *
   * @param maxSteps the budget, at least 1
   * @return the new set
   * @throws IllegalArgumentException if the budget is not positive
   */
  public IgnoreRules withJqMaxSteps(long maxSteps) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("jq step budget must be positive: " + maxSteps);
    }
    return new IgnoreRules(rules, programs, jqTimeout, maxSteps);
  }

  /**
   * The rules, in order.
   *
   * @return an unmodifiable list
   */
  public List<IgnoreRule> rules() {
    return rules;
  }

  /**
   * The jq timeout per expression and object.
   *
   * @return the timeout; 1 s unless changed
   */
  public Duration jqTimeout() {
    return jqTimeout;
  }

  /**
   * The jq step budget per expression and object.
   *
   * @return the budget
   */
  public long jqMaxSteps() {
    return jqMaxSteps;
  }

  /**
   * Whether there are no rules.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * The rules that apply to an object.
   *
   * @param object the object
   * @return the matching rules, in order
   */
  public List<IgnoreRule> matching(Manifest object) {
    List<IgnoreRule> out = new ArrayList<>();
    for (IgnoreRule r : rules) {
      if (r.matches(object)) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The trusted managers of the rules that apply to an object.
   *
   * @param object the object
   * @return the managers in rule order, without duplicates
   */
  public Set<String> trustedManagers(Manifest object) {
    Set<String> out = new LinkedHashSet<>();
    for (IgnoreRule r : rules) {
      if (r.matches(object)) {
        out.addAll(r.managedFieldsManagers());
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * The normalizer that applies the JSON pointers and jq expressions of the matching rules,
   * then removes what they left empty. {@code managedFieldsManagers} need both objects; see
   * {@link #stripManagedByTrusted}.
   *
   * @return the normalizer; it throws {@link IgnoreRuleException} when a jq expression fails
   */
  public Normalizer normalizer() {
    return this::normalize;
  }

  /**
   * Applies the JSON pointers and jq expressions of the matching rules to one object, then
   * removes the objects and arrays they left empty.
   *
   * @param object the object (desired or live)
   * @return the normalized object, or the same object when no rule changes it
   * @throws IgnoreRuleException on a jq timeout, step-budget exhaustion, error or bad result
   */
  public Manifest normalize(Manifest object) {
    JsonObject patched = patch(object, object.root());
    if (patched == object.root()) {
      return object;
    }
    JsonObject pruned = (JsonObject) Trees.pruneLeftEmpty(object.root(), patched);
    return object.withRoot(Trees.keepIdentity(object.root(), pruned));
  }

  /**
   * The removals of the rules matching {@code object}, applied to {@code root} (the object's
   * tree or the other side's), without pruning.
   */
  private JsonObject patch(Manifest object, JsonObject start) {
    JsonObject root = start;
    for (int i = 0; i < rules.size(); i++) {
      IgnoreRule rule = rules.get(i);
      if (!rule.matches(object)) {
        continue;
      }
      for (JsonPointer p : pointers.get(i)) {
        root = (JsonObject) p.remove(root);
      }
      for (Jq.Program program : programs.get(i)) {
        try {
          root = program.apply(root, jqTimeout, jqMaxSteps);
        } catch (Jq.Failure f) {
          throw new IgnoreRuleException(f.reason, rule, program.expression, object.key(),
              f.getMessage());
        }
      }
    }
    return root;
  }

  /**
   * Removes, from both objects, every field that a trusted manager of the matching rules owns
   * in live's {@code managedFields} and whose value differs between live and desired. Only
   * object fields are compared; lists count as single values (Argo CD compares with a deduced
   * schema). Rules match desired or live.
   *
   * @param desired the desired object
   * @param live the live object
   * @return a new two-element array: desired, then live; the inputs when nothing is trusted
   * @throws IgnoreRuleException with {@link IgnoreRuleException.Reason#INVALID_MANAGED_FIELDS}
   *     if live's {@code managedFields} is malformed
   */
  public Manifest[] stripManagedByTrusted(Manifest desired, Manifest live) {
    Set<String> trusted = new LinkedHashSet<>();
    IgnoreRule first = null;
    for (IgnoreRule r : rules) {
      if (!r.managedFieldsManagers().isEmpty() && (r.matches(desired) || r.matches(live))) {
        trusted.addAll(r.managedFieldsManagers());
        first = first == null ? r : first;
      }
    }
    if (first == null) {
      return new Manifest[] {desired, live};
    }
    List<ManagedFieldsEntry> entries;
    try {
      entries = ManagedFields.of(live.root());
    } catch (IllegalArgumentException e) {
      throw new IgnoreRuleException(Reason.INVALID_MANAGED_FIELDS, first, "", live.key(),
          "cannot read metadata.managedFields");
    }
    FieldSet owned = FieldSet.empty();
    for (ManagedFieldsEntry e : entries) {
      if (trusted.contains(e.manager())) {
        owned = owned.union(e.fields());
      }
    }
    if (owned.isEmpty()) {
      return new Manifest[] {desired, live};
    }
    JsonObject[] stripped = Trees.stripOwnedDifferences(owned, desired.root(), live.root());
    return new Manifest[] {
        stripped[0] == desired.root() ? desired
            : desired.withRoot(Trees.keepIdentity(desired.root(), stripped[0])),
        stripped[1] == live.root() ? live
            : live.withRoot(Trees.keepIdentity(live.root(), stripped[1]))};
  }

  /**
   * Desired with every ignored field set to live's value, for applying with {@code
   * RespectIgnoreDifferences=true}: fields the matching rules remove (JSON pointers, jq
   * expressions, and trusted managers' differing fields) take the value live has, or are left
   * out when live has none. Items a jq expression removes from a list are taken from live at
   * their live positions. Effective only when live exists.
   *
   * @param desired the desired object
   * @param live the live object, or null when it does not exist
   * @return the object to apply; desired itself when live is null or nothing is ignored
   * @throws IgnoreRuleException as {@link #normalize} and {@link #stripManagedByTrusted}
   */
  public Manifest respectIgnoreDifferences(Manifest desired, @Nullable Manifest live) {
    if (live == null) {
      return desired;
    }
    Manifest[] stripped = stripManagedByTrusted(desired, live);
    JsonObject dn = patch(desired, stripped[0].root());
    if (dn == desired.root()) {
      return desired;
    }
    JsonObject ln = patch(desired, stripped[1].root());
    JsonValue restored = Trees.restore(desired.root(), dn, live.root(), ln);
    JsonObject out = restored instanceof JsonObject o ? o : dn;
    return desired.withRoot(Trees.keepIdentity(desired.root(), out));
  }

  /** The rules, in {@link IgnoreRule#toString()} form. */
  @Override
  public String toString() {
    return "IgnoreRules" + rules;
  }
}
