package io.gitopskit.core.patch.ssa;

import static io.gitopskit.core.patch.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.patch.ssa.ManagedFieldsEntry.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

  private static ManagedFieldsEntry entry(String manager, Operation op, long time,
      String... fields) {
    return new ManagedFieldsEntry(manager, op, "apps/v1",
        time < 0 ? null : Instant.ofEpochSecond(time),
        FieldSet.ofPaths(List.of(FieldPath.fields(fields))), "");
  }

  @Test
  void order_isApplyFirst_thenTime_thenManager() {
    List<ManagedFieldsEntry> entries = List.of(
        entry("z", Operation.UPDATE, 5, "a"),
        entry("b", Operation.APPLY, 9, "b"),
        entry("a", Operation.UPDATE, 5, "c"),
        entry("c", Operation.APPLY, 1, "d"),
        entry("d", Operation.UPDATE, -1, "e"));
    assertThat(ManagedFields.sorted(entries)).extracting(ManagedFieldsEntry::manager)
        .containsExactly("c", "b", "d", "a", "z");
  }

  @Test
  void entries_roundTripThroughJson_andTimeIsSecondPrecision() {
    ManagedFieldsEntry e = new ManagedFieldsEntry("kcm", Operation.UPDATE, "apps/v1",
        Instant.parse("2024-01-02T03:04:05.678Z"), FieldSet.ofPaths(List.of(
            FieldPath.fields("status", "replicas"))), "status");
    JsonObject json = e.toJson();
    assertThat(json).isEqualTo(obj("{'manager':'kcm','operation':'Update','apiVersion':'apps/v1',"
        + "'time':'2024-01-02T03:04:05Z','fieldsType':'FieldsV1',"
        + "'fieldsV1':{'f:status':{'f:replicas':{}}},'subresource':'status'}"));
    assertThat(ManagedFieldsEntry.fromJson(json)).isEqualTo(e);
    assertThat(ManagedFieldsEntry.fromJson(obj("{'manager':'m','operation':'Apply',"
        + "'time':'2024-01-02T05:04:05+02:00'}")).time())
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
  }

  @Test
  void writeAndStrip_setAndRemoveTheMetadataField() {
    JsonObject o = obj("{'metadata':{'name':'x'}}");
    JsonObject written = ManagedFields.write(o, List.of(entry("m", Operation.APPLY, 1, "a")));
    assertThat(ManagedFields.of(written)).hasSize(1);
    assertThat(ManagedFields.strip(written)).isEqualTo(o);
    assertThat(ManagedFields.write(written, List.of())).isEqualTo(o);
    assertThat(ManagedFields.of(o)).isEmpty();
  }

  @Test
  void malformedEntries_areRefused() {
    assertThatThrownBy(() -> ManagedFieldsEntry.fromJson(obj("{'operation':'Delete'}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Delete");
    assertThatThrownBy(() -> ManagedFieldsEntry.fromJson(
        obj("{'operation':'Apply','fieldsType':'FieldsV2'}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ManagedFieldsEntry.fromJson(
        obj("{'operation':'Apply','time':'yesterday'}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ManagedFields.of(obj("{'metadata':{'managedFields':{}}}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void moreThanTenUpdateEntries_foldTheOldestIntoAncientChanges() {
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      entries.add(entry("u" + i, Operation.UPDATE, 100 + i, "f" + i));
    }
    entries.add(entry("applier", Operation.APPLY, 1, "x"));
    List<ManagedFieldsEntry> capped = ManagedFields.capUpdates(entries);
    List<ManagedFieldsEntry> updates = capped.stream()
        .filter(e -> e.operation() == Operation.UPDATE).toList();
    assertThat(updates).hasSize(10);
    ManagedFieldsEntry ancient = updates.stream()
        .filter(e -> e.manager().equals(ManagedFields.ANCIENT_CHANGES)).findFirst().orElseThrow();
    assertThat(ancient.fields().paths()).extracting(Object::toString)
        .containsExactly(".f0", ".f1", ".f2");
    assertThat(ancient.time()).isEqualTo(Instant.ofEpochSecond(102));
    assertThat(capped).extracting(ManagedFieldsEntry::manager).contains("applier", "u3", "u11")
        .doesNotContain("u0", "u1", "u2");
  }

  @Test
  void describe_matchesTheApiServersWording() {
    assertThat(entry("kubectl", Operation.APPLY, 1, "a").describe()).isEqualTo("\"kubectl\"");
    assertThat(entry("kubectl-edit", Operation.UPDATE, 1, "a").describe())
        .isEqualTo("\"kubectl-edit\" using apps/v1");
    assertThat(new ManagedFieldsEntry("kcm", Operation.UPDATE, "v1", null, FieldSet.empty(),
        "status").describe()).isEqualTo("\"kcm\" with subresource \"status\" using v1");
  }
}
