package io.gitopskit.core.internal;

import io.gitopskit.core.model.SourceLocation;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Finds the line and column of any field of a YAML (or JSON) text after the fact, for error
 * and warning messages about objects the loader has already read. Paths are dotted, with
 * {@code [i]} for list items ({@code spec.sources[1].helm.parameters[0].name}); documents are
 * counted as the loader returns them, skipping empty ones. Only used on the error path, so it
 * re-parses the text each time it is asked. Not API.
 */
public final class YamlLocator {

  private final String text;
  private final String origin;
  private @Nullable List<Doc> docs;

  private record Doc(int index, int line, int column, Map<String, int[]> marks) {}

  private static final class Frame {
    final boolean mapping;
    final String path;
    @Nullable String key;
    int items;

    Frame(boolean mapping, String path) {
      this.mapping = mapping;
      this.path = path;
    }
  }

  /**
   * A locator for one text.
   *
   * @param text the YAML or JSON text that was loaded
   * @param origin its file name
   */
  public YamlLocator(String text, String origin) {
    this.text = text;
    this.origin = origin;
  }

  /**
   * Where a field of the {@code n}-th non-empty document is, or the nearest ancestor that could
   * be found, or the document, or just the file.
   *
   * @param document the 0-based index among the non-empty documents
   * @param path the dotted field path; {@code ""} for the document itself
   * @return the location
   */
  public SourceLocation locate(int document, String path) {
    List<Doc> all = docs();
    if (document < 0 || document >= all.size()) {
      return SourceLocation.ofFile(origin);
    }
    Doc d = all.get(document);
    String p = path;
    while (!p.isEmpty()) {
      int[] m = d.marks.get(p);
      if (m != null) {
        return new SourceLocation(origin, m[0], m[1], d.index);
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return new SourceLocation(origin, d.line, d.column, d.index);
  }

  private List<Doc> docs() {
    if (docs == null) {
      List<Doc> out = new ArrayList<>();
      try {
        scan(out);
      } catch (RuntimeException e) {
        // the text was already loaded, so this is not expected; positions are best effort
      }
      docs = out;
    }
    return docs;
  }

  private void scan(List<Doc> out) {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(false);
    options.setCodePointLimit(Integer.MAX_VALUE);
    ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
    int index = 0;
    List<Frame> stack = new ArrayList<>();
    Map<String, int[]> marks = new HashMap<>();
    boolean empty = true;
    int docLine = 0;
    int docColumn = 0;
    while (true) {
      Event e = parser.getEvent();
      Mark m = e.getStartMark();
      int line = m == null ? 0 : m.getLine() + 1;
      int column = m == null ? 0 : m.getColumn() + 1;
      switch (e.getEventId()) {
        case StreamEnd -> {
          return;
        }
        case DocumentStart -> {
          index++;
          stack.clear();
          marks = new HashMap<>();
          empty = true;
          docLine = line;
          docColumn = column;
        }
        case DocumentEnd -> {
          if (!empty) {
            out.add(new Doc(index, docLine, docColumn, marks));
          }
        }
        case MappingStart, SequenceStart -> {
          String path = valuePath(stack, marks, line, column);
          if (stack.isEmpty()) {
            empty = false;
            docLine = line;
            docColumn = column;
          }
          stack.add(new Frame(e.getEventId() == Event.ID.MappingStart, path == null ? "" : path));
        }
        case MappingEnd, SequenceEnd -> {
          stack.remove(stack.size() - 1);
          advance(stack);
        }
        case Scalar -> {
          ScalarEvent s = (ScalarEvent) e;
          if (!stack.isEmpty() && stack.get(stack.size() - 1).mapping
              && stack.get(stack.size() - 1).key == null) {
            stack.get(stack.size() - 1).key = s.getValue();
          } else {
            if (stack.isEmpty()) {
              empty = isNull(s);
              docLine = line;
              docColumn = column;
            }
            valuePath(stack, marks, line, column);
            advance(stack);
          }
        }
        case Alias -> {
          valuePath(stack, marks, line, column);
          advance(stack);
        }
        default -> { }
      }
    }
  }

  /** Records the position of the value about to be read and returns its path. */
  private static @Nullable String valuePath(List<Frame> stack, Map<String, int[]> marks,
      int line, int column) {
    if (stack.isEmpty()) {
      return "";
    }
    Frame top = stack.get(stack.size() - 1);
    String path;
    if (top.mapping) {
      if (top.key == null) {
        return null;
      }
      path = top.path.isEmpty() ? top.key : top.path + "." + top.key;
    } else {
      path = top.path + "[" + top.items + "]";
    }
    marks.putIfAbsent(path, new int[] {line, column});
    return path;
  }

  /** After a value: a mapping waits for its next key, a sequence counts the item. */
  private static void advance(List<Frame> stack) {
    if (stack.isEmpty()) {
      return;
    }
    Frame top = stack.get(stack.size() - 1);
    if (top.mapping) {
      top.key = null;
    } else {
      top.items++;
    }
  }

  private static boolean isNull(ScalarEvent s) {
    if (!s.getImplicit().canOmitTagInPlainScalar()) {
      return false;
    }
    String v = s.getValue();
    return v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null")
        || v.equals("NULL");
  }
}
