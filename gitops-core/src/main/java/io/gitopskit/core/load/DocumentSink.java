package io.gitopskit.core.load;

import io.gitopskit.core.json.JsonValue;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Receives each parsed document: its tree (null when empty), index and field positions. */
@FunctionalInterface
interface DocumentSink {
  void accept(@Nullable JsonValue document, int index, int line, int column,
      Map<String, int[]> marks);
}
