package io.gitopskit.core.patch;

import static io.gitopskit.core.patch.Json.obj;
import static io.gitopskit.core.patch.TestTypes.DEPLOYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.GroupVersionKind;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

  private static final TypeInfo T = TestTypes.INSTANCE;
  private static final GroupVersionKind CR = new GroupVersionKind("example.io", "v1", "Widget");

  /** A Deployment whose pod spec is {@code podSpec}. */
  private static JsonObject deploy(String podSpec) {
    return obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
        + "'spec':{'template':{'spec':" + podSpec + "}}}");
  }

  private static JsonObject apply(JsonObject original, JsonObject patch) {
    return StrategicMergePatch.apply(T, DEPLOYMENT, original, patch);
  }

  /**
   * Items the patch names come in patch order; items only the target has keep their place
   * relative to them (apimachinery's normalizeElementOrder), so a new item lands before a
   * server-only item that followed the last merged one.
   */
  @Test
  void containers_areMergedByName_inPatchOrder() {
    JsonObject live = deploy("{'containers':[{'name':'app','image':'app:1','ports':"
        + "[{'containerPort':80}]},{'name':'log','image':'log:1'}]}");
    JsonObject patch = deploy("{'containers':[{'name':'app','image':'app:2'},"
        + "{'name':'new','image':'new:1'}]}");
    assertThat(apply(live, patch)).isEqualTo(deploy("{'containers':["
        + "{'name':'app','image':'app:2','ports':[{'containerPort':80}]},"
        + "{'name':'new','image':'new:1'},{'name':'log','image':'log:1'}]}"));
    assertThat(apply(deploy("{'containers':[{'name':'1'},{'name':'2','v':'b'},{'name':'3'}]}"),
        deploy("{'containers':[{'name':'3','v':'c'},{'name':'1','v':'a'}]}")))
        .isEqualTo(deploy("{'containers':[{'name':'2','v':'b'},{'name':'3','v':'c'},"
            + "{'name':'1','v':'a'}]}"));
  }

  @Test
  void env_isMergedByName_andNullDeletesAField() {
    JsonObject live = deploy("{'containers':[{'name':'app','image':'a','resources':{'x':1},"
        + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}");
    JsonObject patch = deploy("{'containers':[{'name':'app','resources':null,"
        + "'env':[{'name':'B','value':'3'},{'name':'C','value':'4'}]}]}");
    assertThat(apply(live, patch)).isEqualTo(deploy("{'containers':[{'name':'app','image':'a',"
        + "'env':[{'name':'A','value':'1'},{'name':'B','value':'3'},{'name':'C','value':'4'}]}]}"));
  }

  @Test
  void listsWithoutMergeStrategy_areReplaced() {
    JsonObject live = deploy("{'containers':[{'name':'app','args':['a','b']}],"
        + "'tolerations':[{'key':'x'}]}");
    JsonObject patch = deploy("{'containers':[{'name':'app','args':['c']}],'tolerations':[]}");
    assertThat(apply(live, patch)).isEqualTo(
        deploy("{'containers':[{'name':'app','args':['c']}],'tolerations':[]}"));
  }

  @Test
  void patchDelete_inAList_removesTheKeyedItem_andInAMap_emptiesIt() {
    JsonObject live = deploy("{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}],"
        + "'securityContext':{'runAsUser':1}}");
    JsonObject patch = deploy("{'containers':[{'name':'b','$patch':'delete'}],"
        + "'securityContext':{'$patch':'delete'}}");
    assertThat(apply(live, patch)).isEqualTo(
        deploy("{'containers':[{'name':'a'},{'name':'c'}],'securityContext':{}}"));
  }

  @Test
  void patchReplace_replacesAListOrAMapWhole() {
    JsonObject live = deploy("{'containers':[{'name':'a','image':'1'},{'name':'b'}],"
        + "'securityContext':{'runAsUser':1,'fsGroup':2}}");
    JsonObject patch = deploy("{'containers':[{'name':'z'},{'$patch':'replace'}],"
        + "'securityContext':{'$patch':'replace','fsGroup':3}}");
    assertThat(apply(live, patch)).isEqualTo(
        deploy("{'containers':[{'name':'z'}],'securityContext':{'fsGroup':3}}"));
    assertThat(apply(live, deploy("{'securityContext':{'$patch':'merge','fsGroup':3}}")))
        .isEqualTo(deploy("{'containers':[{'name':'a','image':'1'},{'name':'b'}],"
            + "'securityContext':{'runAsUser':1,'fsGroup':3}}"));
  }

  @Test
  void retainKeys_dropsUnlistedFields() {
    JsonObject live = obj("{'spec':{'strategy':{'type':'RollingUpdate',"
        + "'rollingUpdate':{'maxSurge':'25%'}},'replicas':1}}");
    JsonObject patch = obj("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}");
    assertThat(apply(live, patch))
        .isEqualTo(obj("{'spec':{'strategy':{'type':'Recreate'},'replicas':1}}"));
    assertThatThrownBy(() -> apply(live, obj("{'spec':{'strategy':{'$retainKeys':['type'],"
        + "'type':'Recreate','rollingUpdate':{}}}}")))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("/spec/strategy/rollingUpdate");
  }

  @Test
  void deleteFromPrimitiveList_removesValues_andMergedScalarListsAreUnions() {
    JsonObject live = obj("{'metadata':{'finalizers':['a','b','c']}}");
    assertThat(apply(live, obj("{'metadata':{'$deleteFromPrimitiveList/finalizers':['b','x'],"
        + "'finalizers':['d','a']}}")))
        .isEqualTo(obj("{'metadata':{'finalizers':['d','a','c']}}"));
  }

  @Test
  void setElementOrder_isHonoured_andServerOnlyItemsKeepTheirPlace() {
    JsonObject live = deploy("{'containers':[{'name':'a'},{'name':'side'},{'name':'b'}]}");
    JsonObject patch = deploy("{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],"
        + "'containers':[{'name':'a','image':'2'}]}");
    assertThat(apply(live, patch)).isEqualTo(
        deploy("{'containers':[{'name':'side'},{'name':'b'},{'name':'a','image':'2'}]}"));
    JsonObject scalars = obj("{'metadata':{'finalizers':['x','y']}}");
    assertThat(apply(scalars, obj("{'metadata':{'$setElementOrder/finalizers':['y','x','z'],"
        + "'finalizers':['z']}}")))
        .isEqualTo(obj("{'metadata':{'finalizers':['y','x','z']}}"));
    assertThatThrownBy(() -> apply(live, deploy("{'$setElementOrder/containers':[{'name':'a'}],"
        + "'containers':[{'name':'q'}]}")))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("/spec/template/spec/containers");
  }

  @Test
  void newValues_areCleanedOfDirectivesAndNulls() {
    JsonObject live = deploy("{'containers':[{'name':'a'}]}");
    JsonObject patch = deploy("{'containers':[{'name':'b','env':[{'name':'X','value':null}],"
        + "'stdin':null}],'volumes':[{'name':'v','$retainKeys':['name'],'emptyDir':null}]}");
    assertThat(apply(live, patch)).isEqualTo(deploy("{'containers':["
        + "{'name':'b','env':[{'name':'X'}]},{'name':'a'}],'volumes':[{'name':'v'}]}"));
  }

  @Test
  void missingMergeKey_isAPatchException_withoutValues() {
    JsonObject live = deploy("{'containers':[{'name':'a'}]}");
    assertThatThrownBy(() -> apply(live, deploy("{'containers':[{'image':'secret-ish'}]}")))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("merge key \"name\"")
        .hasMessageContaining("/spec/template/spec/containers")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-ish"));
    assertThatThrownBy(() -> apply(live, obj("{'spec':{'$patch':'explode'}}")))
        .isInstanceOf(PatchException.class).hasMessageContaining("/spec");
  }

  @Test
  void unknownTypes_replaceLists() {
    JsonObject live = obj("{'spec':{'items':[{'name':'a'}],'m':{'x':1}}}");
    assertThat(StrategicMergePatch.apply(TypeInfo.JSON, CR, live,
        obj("{'spec':{'items':[{'name':'b'}],'m':{'y':2}}}")))
        .isEqualTo(obj("{'spec':{'items':[{'name':'b'}],'m':{'x':1,'y':2}}}"));
  }

  @Test
  void twoWayDiff_createsDeletionDirectivesAndOrder() {
    JsonObject a = deploy("{'containers':[{'name':'a','image':'1'},{'name':'b'}]}");
    JsonObject b = deploy("{'containers':[{'name':'a','image':'2'}]}");
    JsonObject patch = StrategicMergePatch.diff(T, DEPLOYMENT, a, b);
    assertThat(patch).isEqualTo(obj("{'spec':{'template':{'spec':{"
        + "'$setElementOrder/containers':[{'name':'a'}],"
        + "'containers':[{'image':'2','name':'a'},{'$patch':'delete','name':'b'}]}}}}"));
    assertThat(apply(a, patch)).isEqualTo(b);
    assertThat(StrategicMergePatch.diff(T, DEPLOYMENT, a, a)).isEqualTo(JsonObject.empty());
  }
}
