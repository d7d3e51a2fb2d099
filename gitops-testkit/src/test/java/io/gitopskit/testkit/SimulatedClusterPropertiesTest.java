package io.gitopskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.cluster.WatchOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Model-based properties: after any sequence of creates, label changes and deletes, lists by any
 * selector equal the same filter over a plain map, resourceVersions only grow, and a watch from
 * the start replays exactly the changes made.
 */
class SimulatedClusterPropertiesTest {

  private static final GroupVersionKind CM = new GroupVersionKind("", "v1", "ConfigMap");
  private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");
  private static final List<String> NAMESPACES = List.of("default", "kube-public");
  private static final List<String> VALUES = List.of("x", "y", "z");

  record Op(int kind, String namespace, String name, String app, String tier) {}

  static Gen<List<Op>> ops() {
    return in -> {
      int n = (int) in.next(Constraint.between(1, 40));
      List<Op> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(new Op((int) in.next(Constraint.between(0, 2)),
            NAMESPACES.get((int) in.next(Constraint.between(0, 1))),
            NAMES.get((int) in.next(Constraint.between(0, NAMES.size() - 1))),
            VALUES.get((int) in.next(Constraint.between(0, 2))),
            VALUES.get((int) in.next(Constraint.between(0, 2)))));
      }
      return out;
    };
  }

  static Manifest cm(Op op) {
    return Manifest.of(JsonObject.builder().put("apiVersion", "v1").put("kind", "ConfigMap")
        .put("metadata", JsonObject.builder().put("name", op.name())
            .put("namespace", op.namespace())
            .put("labels", JsonObject.builder().put("app", op.app()).put("tier", op.tier())
                .build()).build())
        .put("data", JsonObject.of("k", JsonString.of(op.app() + op.tier()))).build());
  }

  @Test
  void listsAgreeWithAPlainModel_underAnySequenceOfWrites() {
    qt().withExamples(150).forAll(ops()).checkAssert(ops -> {
      SimulatedCluster cluster = SimulatedCluster.builder().controllers(false).build();
      String start = cluster.list(CM, ListOptions.all()).resourceVersion();
      Map<String, Map<String, String>> model = new TreeMap<>();
      List<String> expectedEvents = new ArrayList<>();
      Map<String, Long> versions = new HashMap<>();
      for (Op op : ops) {
        String id = op.namespace() + "/" + op.name();
        boolean exists = model.containsKey(id);
        Manifest result = null;
        if (op.kind() == 0 && !exists) {
          result = cluster.create(cm(op), WriteOptions.defaults());
          expectedEvents.add("ADDED " + id);
        } else if (op.kind() == 1 && exists) {
          Manifest live = cluster.get(CM, op.namespace(), op.name()).orElseThrow();
          result = cluster.update(cm(op).with("/metadata/resourceVersion",
              live.metadata().getOrNull("resourceVersion")), WriteOptions.defaults());
          if (!Map.of("app", op.app(), "tier", op.tier()).equals(model.get(id))) {
            expectedEvents.add("MODIFIED " + id);
          }
        } else if (op.kind() == 2 && exists) {
          result = cluster.delete(CM, op.namespace(), op.name(), DeleteOptions.defaults());
          expectedEvents.add("DELETED " + id);
        } else {
          continue;
        }
        long version = Long.parseLong(result.metadata().getString("resourceVersion")
            .orElseThrow());
        assertThat(version).as("an object's resourceVersion never goes back")
            .isGreaterThanOrEqualTo(versions.getOrDefault(id, Long.parseLong(start)));
        versions.put(id, version);
        if (op.kind() == 2) {
          model.remove(id);
        } else {
          model.put(id, Map.of("app", op.app(), "tier", op.tier()));
        }
      }
      for (String selector : List.of("", "app=x", "app=y,tier=z", "tier in (x,y)",
          "app!=z", "!app", "tier")) {
        LabelSelector s = LabelSelector.parse(selector);
        List<String> expected = new ArrayList<>();
        model.forEach((id, labels) -> {
          if (s.matches(labels)) {
            expected.add(id);
          }
        });
        List<String> actual = cluster.list(CM, ListOptions.all().withSelector(s)).items()
            .stream().map(m -> m.namespace() + "/" + m.name()).sorted().toList();
        assertThat(actual).as(selector).containsExactlyElementsOf(
            expected.stream().sorted().toList());
      }
      List<String> replay = new ArrayList<>();
      cluster.watch(CM, WatchOptions.all().fromResourceVersion(start),
          e -> replay.add(e.type() + " " + e.object().namespace() + "/" + e.object().name()))
          .close();
      assertThat(replay).containsExactlyElementsOf(expectedEvents);
    });
  }
}
