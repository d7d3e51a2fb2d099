package io.gitopskit.core.appset.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.appset.ApplicationSet;
import io.gitopskit.core.appset.ApplicationSetReader;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.cluster.LabelSelector.Operator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** maxUpdate values too large for any integer type plan as "the whole step", not a crash. */
class HostileRolloutTest {

  @Test
  void limit_saturatesHugeCountsAndPercentages() {
    assertThat(RollingSyncPlanner.limit("99999999999999999999999", 5))
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(RollingSyncPlanner.limit("3000000000", 5)).isEqualTo(Integer.MAX_VALUE);
    assertThat(RollingSyncPlanner.limit("99999999999999999999999%", 5)).isEqualTo(5);
    assertThat(RollingSyncPlanner.limit("150%", 4)).isEqualTo(4);
    assertThat(RollingSyncPlanner.limit("0000000000000000000000003", 5)).isEqualTo(3);
    assertThat(RollingSyncPlanner.limit("000%", 5)).isZero();
  }

  @Test
  void hugeMaxUpdate_readAndPlanned_syncsTheWholeStep() {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: s}
        spec:
          generators: [{list: {elements: []}}]
          template: {metadata: {name: a}, spec: {project: default}}
          strategy:
            type: RollingSync
            rollingSync:
              steps:
                - matchExpressions: [{key: env, operator: In, values: [dev]}]
                  maxUpdate: '99999999999999999999999%'
                - matchExpressions: [{key: env, operator: In, values: [prod]}]
                  maxUpdate: '99999999999999999999999'
        """;
    ApplicationSet set = ApplicationSetReader.defaults().read(yaml, "s.yaml").single();
    List<RolloutApp> apps = List.of(
        new RolloutApp("d1", Map.of("env", "dev"), false, false, "old", "new", false),
        new RolloutApp("d2", Map.of("env", "dev"), false, false, "old", "new", false));
    RolloutDecision d = RollingSyncPlanner.plan(set.strategy().steps(), apps);
    assertThat(d.syncNow()).containsExactly("d1", "d2");
    RolloutStep plain = new RolloutStep(List.of(new LabelSelector.Requirement("env",
        Operator.IN, Set.of("dev"))), "3000000000");
    assertThat(RollingSyncPlanner.plan(List.of(plain), apps).syncNow()).hasSize(2);
  }
}
