package io.gitopskit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.cluster.PatchType;
import io.gitopskit.core.cluster.ResourceList;
import io.gitopskit.core.cluster.Watch;
import io.gitopskit.core.cluster.WatchEvent;
import io.gitopskit.core.cluster.WatchOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour GitOpsKit relies on from any {@link ClusterTarget}. Extend it and implement
 * {@link #target()}; every test works in a fresh namespace of its own, deleted afterwards, so the
 * suite can also run against a shared real cluster.
 *
 * <pre>{@code
 * class MyTargetContractTest extends ClusterTargetContract {
 *   protected ClusterTarget target() { return myTarget; }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class ClusterTargetContract {

  /** v1 ConfigMap. */
  protected static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  /** v1 Namespace. */
  protected static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** The namespace of the running test. */
  protected String namespace = "";

  /**
   * The target under test; called once per test.
   *
   * @return the target
   */
  protected abstract ClusterTarget target();

  /**
   * How long to wait for asynchronous effects such as watch events (default 10 s).
   *
   * @return the timeout
   */
  protected Duration timeout() {
    return Duration.ofSeconds(10);
  }

  /** Creates the test's namespace. */
  @BeforeEach
  protected void createNamespace() {
    namespace = "contract-" + ProcessHandle.current().pid() % 10_000 + "-"
        + COUNTER.incrementAndGet();
    target().create(Manifest.of(JsonObject.builder().put("apiVersion", "v1")
        .put("kind", "Namespace")
        .put("metadata", JsonObject.of("name", JsonString.of(namespace))).build()),
        WriteOptions.defaults());
  }

  /** Deletes the test's namespace. */
  @AfterEach
  protected void deleteNamespace() {
    try {
      target().delete(NAMESPACE, "", namespace, DeleteOptions.defaults());
    } catch (ClusterException.NotFound e) {
      // already gone
    }
  }

  /**
   * A ConfigMap in the test namespace.
   *
   * @param name the name
   * @param labels alternating label keys and values
   * @return the manifest
   */
  protected Manifest configMap(String name, String... labels) {
    JsonObject.Builder l = JsonObject.builder();
    for (int i = 0; i < labels.length; i += 2) {
      l.put(labels[i], labels[i + 1]);
    }
    return Manifest.of(JsonObject.builder().put("apiVersion", "v1").put("kind", "ConfigMap")
        .put("metadata", JsonObject.builder().put("name", name).put("namespace", namespace)
            .put("labels", l.build()).build())
        .put("data", JsonObject.of("key", JsonString.of("value"))).build());
  }

  @Test
  public void discovery_servesCoreKindsWithTheirScope() {
    assertThat(target().apiResource(CONFIG_MAP)).hasValueSatisfying(r -> {
      assertThat(r.plural()).isEqualTo("configmaps");
      assertThat(r.namespaced()).isTrue();
      assertThat(r.supports("watch")).isTrue();
    });
    assertThat(target().apiResource(NAMESPACE)).hasValueSatisfying(r ->
        assertThat(r.namespaced()).isFalse());
    assertThat(target().apiResource(new GroupVersionKind("apps", "v1", "Deployment")))
        .isPresent();
  }

  @Test
  public void create_thenGet_returnsTheStoredObjectWithSystemMetadata() {
    Manifest created = target().create(configMap("a"), WriteOptions.defaults());
    assertThat(created.metadata().getString("uid")).isPresent();
    assertThat(created.metadata().getString("resourceVersion")).isPresent();
    assertThat(created.metadata().getString("creationTimestamp")).isPresent();
    assertThat(target().get(CONFIG_MAP, namespace, "a")).hasValueSatisfying(m ->
        assertThat(m.at("/data/key")).contains(JsonString.of("value")));
    assertThat(target().get(CONFIG_MAP, namespace, "missing")).isEmpty();
  }

  @Test
  public void create_ofAnExistingObject_isAlreadyExists() {
    target().create(configMap("a"), WriteOptions.defaults());
    assertThatThrownBy(() -> target().create(configMap("a"), WriteOptions.defaults()))
        .isInstanceOf(ClusterException.AlreadyExists.class);
  }

  @Test
  public void writesToMissingObjects_areNotFound() {
    assertThatThrownBy(() -> target().update(configMap("ghost"), WriteOptions.defaults()))
        .isInstanceOf(ClusterException.NotFound.class);
    assertThatThrownBy(() -> target().delete(CONFIG_MAP, namespace, "ghost",
        DeleteOptions.defaults())).isInstanceOf(ClusterException.NotFound.class);
  }

  @Test
  public void update_withAStaleResourceVersion_isAConflict() {
    Manifest v1 = target().create(configMap("a"), WriteOptions.defaults());
    target().update(v1.withLabel("step", "2"), WriteOptions.defaults());
    assertThatThrownBy(() -> target().update(v1.withLabel("step", "3"), WriteOptions.defaults()))
        .isInstanceOf(ClusterException.Conflict.class);
  }

  @Test
  public void list_filtersByLabelSelector_inNameOrder() {
    target().create(configMap("c", "app", "web"), WriteOptions.defaults());
    target().create(configMap("a", "app", "web", "tier", "front"), WriteOptions.defaults());
    target().create(configMap("b", "app", "db"), WriteOptions.defaults());
    ResourceList web = target().list(CONFIG_MAP,
        ListOptions.inNamespace(namespace).withSelector("app=web"));
    assertThat(web.items()).extracting(Manifest::name).containsExactly("a", "c");
    assertThat(target().list(CONFIG_MAP, ListOptions.inNamespace(namespace)
        .withSelector("app=web,tier=front")).items()).extracting(Manifest::name)
        .containsExactly("a");
    assertThat(web.resourceVersion()).isNotBlank();
  }

  @Test
  public void dryRun_storesNothing() {
    Manifest dry = target().create(configMap("a"), WriteOptions.defaults().withDryRun(true));
    assertThat(dry.name()).isEqualTo("a");
    assertThat(target().get(CONFIG_MAP, namespace, "a")).isEmpty();
  }

  @Test
  public void delete_removesTheObject_unlessAFinalizerHoldsIt() {
    target().create(configMap("plain"), WriteOptions.defaults());
    target().delete(CONFIG_MAP, namespace, "plain", DeleteOptions.defaults());
    assertThat(target().get(CONFIG_MAP, namespace, "plain")).isEmpty();

    target().create(configMap("held").with("/metadata/finalizers",
        JsonArray.of(JsonString.of("example.io/hold"))), WriteOptions.defaults());
    target().delete(CONFIG_MAP, namespace, "held", DeleteOptions.defaults());
    Manifest held = target().get(CONFIG_MAP, namespace, "held").orElseThrow();
    assertThat(held.metadata().getString("deletionTimestamp")).isPresent();
    target().update(held.without("/metadata/finalizers"), WriteOptions.defaults());
    assertThat(target().get(CONFIG_MAP, namespace, "held")).isEmpty();
  }

  @Test
  public void watch_fromAListVersion_seesLaterChangesInOrder() throws InterruptedException {
    ResourceList before = target().list(CONFIG_MAP, ListOptions.inNamespace(namespace));
    List<String> events = new CopyOnWriteArrayList<>();
    WatchOptions options = new WatchOptions(namespace,
        io.gitopskit.core.cluster.LabelSelector.everything(), before.resourceVersion());
    try (Watch w = target().watch(CONFIG_MAP, options,
        e -> events.add(e.type() + " " + e.object().name()))) {
      Manifest a = target().create(configMap("a"), WriteOptions.defaults());
      target().update(a.withLabel("x", "1"), WriteOptions.defaults());
      target().delete(CONFIG_MAP, namespace, "a", DeleteOptions.defaults());
      awaitSize(events, 3);
    }
    assertThat(events).containsExactly(WatchEvent.Type.ADDED + " a",
        WatchEvent.Type.MODIFIED + " a", WatchEvent.Type.DELETED + " a");
  }

  @Test
  public void jsonMergePatch_changesOnlyWhatItNames() {
    target().create(configMap("a", "keep", "yes"), WriteOptions.defaults());
    Manifest patched = target().patch(CONFIG_MAP, namespace, "a", PatchType.JSON_MERGE,
        JsonValue.of(Map.of("data", Map.of("key", "patched"))), WriteOptions.defaults());
    assertThat(patched.at("/data/key")).contains(JsonString.of("patched"));
    assertThat(patched.labels()).containsEntry("keep", "yes");
  }

  @Test
  public void clientSideApply_recordsTheLastAppliedConfiguration() {
    Manifest applied = target().applyClientSide(configMap("a"), WriteOptions.defaults());
    assertThat(applied.annotation(ClusterTarget.LAST_APPLIED_ANNOTATION))
        .hasValueSatisfying(v -> assertThat(v).contains("\"name\":\"a\""));
    Manifest again = target().applyClientSide(configMap("a").without("/data"),
        WriteOptions.defaults());
    assertThat(again.at("/data/key")).as("removed from config, so removed").isEmpty();
  }

  @Test
  public void serverSideApply_conflictsBetweenManagers_unlessForced() {
    ApplyOptions alice = ApplyOptions.defaults().withFieldManager("alice");
    ApplyOptions bob = ApplyOptions.defaults().withFieldManager("bob");
    target().applyServerSide(configMap("a"), alice);
    Manifest bobs = configMap("a").with("/data/key", JsonString.of("bob"));
    assertThatThrownBy(() -> target().applyServerSide(bobs, bob))
        .isInstanceOf(ClusterException.Conflict.class);
    Manifest forced = target().applyServerSide(bobs, bob.withForce(true));
    assertThat(forced.at("/data/key")).contains(JsonString.of("bob"));
  }

  private void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + timeout().toNanos();
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
