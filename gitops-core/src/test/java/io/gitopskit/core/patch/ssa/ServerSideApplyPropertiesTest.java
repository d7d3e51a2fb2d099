package io.gitopskit.core.patch.ssa;

import static io.gitopskit.core.patch.TestTypes.DEPLOYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.patch.DeploymentGen;
import io.gitopskit.core.patch.TestTypes;
import io.gitopskit.core.patch.TypeInfo;
import io.gitopskit.core.patch.ssa.ServerSideApply.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSideApplyPropertiesTest {

  private static final TypeInfo T = TestTypes.INSTANCE;
  private static final Instant T1 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2024-01-02T00:00:00Z");
  private static final Instant T3 = Instant.parse("2024-01-03T00:00:00Z");

  private static Result.Applied apply(JsonObject live, JsonObject config, String manager,
      boolean force, Instant now) {
    Result r = ServerSideApply.apply(T, DEPLOYMENT, live, config, manager, force, now);
    assertThat(r).isInstanceOf(Result.Applied.class);
    return (Result.Applied) r;
  }

  @Test
  void applyingTheSameConfigTwice_isANoOp_evenAmongOtherManagers() {
    qt().withExamples(300)
        .forAll(DeploymentGen.deployments(), DeploymentGen.deployments(),
            DeploymentGen.deployments())
        .checkAssert((other, mine, update) -> {
          JsonObject live = apply(null, other, "other", false, T1).merged();
          live = ServerSideApply.recordUpdate(T, DEPLOYMENT, live, update, "editor", T1);
          Result.Applied once = apply(live, mine, "gitops", true, T2);
          Result.Applied twice = apply(once.merged(), mine, "gitops", false, T3);
          assertThat(twice).isEqualTo(once);
          assertThat(once.managedFields().stream()
              .filter(e -> e.manager().equals("gitops")).findFirst().orElseThrow().fields())
              .isEqualTo(FieldSet.of(T, DEPLOYMENT, mine));
        });
  }

  /**
   * With one manager, what it applied last alone decides the object. Empty lists are not owned
   * (as in structured-merge-diff: a list has members only through its items), so a config
   * holding one leaves or loses unowned fields; such configs are left out.
   */
  @Test
  void singleManager_resultDependsOnlyOnTheLastConfig() {
    qt().withExamples(300)
        .forAll(DeploymentGen.withoutEmptyLists(), DeploymentGen.withoutEmptyLists())
        .checkAssert((a, b) -> {
          JsonObject viaA = apply(apply(null, a, "gitops", false, T1).merged(), b, "gitops",
              false, T2).merged();
          JsonObject direct = apply(null, b, "gitops", false, T2).merged();
          assertThat(ManagedFields.strip(viaA)).isEqualTo(ManagedFields.strip(direct));
          // the same owners and fields; only the time differs when b changed nothing
          assertThat(ManagedFields.of(viaA)).extracting(e -> e.withFields(e.fields()).manager(),
              ManagedFieldsEntry::fields)
              .isEqualTo(ManagedFields.of(direct).stream().map(e -> org.assertj.core.groups
                  .Tuple.tuple(e.manager(), e.fields())).toList());
        });
  }

  /**
   * A forced apply leaves every scalar or atomic field another manager still owns exactly as
   * it was (objects and keyed items it owns may gain fields others set).
   */
  @Test
  void forcedApply_neverChangesFieldsOthersKeep() {
    qt().withExamples(300).forAll(DeploymentGen.deployments(), DeploymentGen.deployments())
        .checkAssert((a, b) -> {
          Result.Applied first = apply(null, a, "first", false, T1);
          Result.Applied second = apply(first.merged(), b, "second", true, T2);
          for (ManagedFieldsEntry e : second.managedFields()) {
            if (e.manager().equals("first")) {
              for (FieldPath p : e.fields().paths()) {
                JsonValue before = valueAt(first.merged(), p);
                if (!(before instanceof JsonObject)) {
                  assertThat(valueAt(second.merged(), p)).as(p.toString()).isEqualTo(before);
                }
              }
            }
          }
        });
  }

  /** The value a path addresses, or null. */
  private static JsonValue valueAt(JsonObject root, FieldPath path) {
    Typed typed = new Typed(T, DEPLOYMENT);
    JsonValue v = root;
    List<String> fields = new ArrayList<>();
    for (PathElement e : path.elements()) {
      if (e instanceof PathElement.Field f && v instanceof JsonObject o) {
        v = o.getOrNull(f.name());
        fields.add(f.name());
      } else if (v instanceof JsonArray a) {
        JsonValue found = null;
        for (JsonValue item : a.items()) {
          if (typed.itemElement(item, List.copyOf(fields)).equals(e)) {
            found = item;
          }
        }
        v = found;
      } else {
        return null;
      }
      if (v == null) {
        return null;
      }
    }
    return v;
  }
}
