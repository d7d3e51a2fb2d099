package io.gitopskit.core.patch;

import io.gitopskit.core.model.GroupVersionKind;
import java.util.List;

/** {@link TypeInfo#JSON}: lists atomic, maps granular. */
enum JsonTypeInfo implements TypeInfo {
  INSTANCE;

  @Override
  public ListInfo list(GroupVersionKind gvk, List<String> fieldPath) {
    return ListInfo.atomic();
  }

  @Override
  public boolean atomicMap(GroupVersionKind gvk, List<String> fieldPath) {
    return false;
  }

  @Override
  public String toString() {
    return "TypeInfo.JSON";
  }
}
