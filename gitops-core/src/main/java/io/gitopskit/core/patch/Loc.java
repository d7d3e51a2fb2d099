package io.gitopskit.core.patch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a merge algorithm is in a tree: the field names for {@link TypeInfo} lookups (list items
 * transparent) and the JSON pointer for error messages.
 */
record Loc(List<String> fields, String pointer) {

  static final Loc ROOT = new Loc(List.of(), "");

  Loc child(String field) {
    List<String> f = new ArrayList<>(fields.size() + 1);
    f.addAll(fields);
    f.add(field);
    return new Loc(Collections.unmodifiableList(f),
        pointer + "/" + field.replace("~", "~0").replace("/", "~1"));
  }

  Loc item(int index) {
    return new Loc(fields, pointer + "/" + index);
  }
}
