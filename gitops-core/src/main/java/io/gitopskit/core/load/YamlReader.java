package io.gitopskit.core.load;

import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.io.Reader;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads multi-document YAML into trees from SnakeYAML's low-level event parser. No object is
 * ever constructed from a tag: only the standard scalar and collection tags are honoured, and
 * any other tag is refused.
 */
final class YamlReader {

  private static final String TAG = "tag:yaml.org,2002:";

  private YamlReader() {}

  /** Reads every document of a YAML text, passing each (with its 1-based index) to a sink. */
  static void read(Reader input, LoadLimits limits, DocumentSink sink) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(Math.max(1, limits.maxAliases()));
    options.setNestingDepthLimit(limits.maxDepth());
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxDocumentBytes()));
    options.setProcessComments(false);
    ParserImpl parser = new ParserImpl(new StreamReader(input), options);
    int document = 0;
    int docLine = 1;
    int docColumn = 1;
    long docStart = 0;
    TreeBuilder builder = null;
    try {
      while (true) {
        Event e = parser.getEvent();
        Mark m = e.getStartMark();
        int line = m == null ? 0 : m.getLine() + 1;
        int column = m == null ? 0 : m.getColumn() + 1;
        switch (e.getEventId()) {
          case StreamStart, Comment -> { }
          case StreamEnd -> {
            return;
          }
          case DocumentStart -> {
            document++;
            builder = new TreeBuilder(limits);
            docLine = line;
            docColumn = column;
            docStart = m == null ? 0 : m.getIndex();
          }
          case DocumentEnd -> {
            Mark end = e.getEndMark();
            if (end != null && end.getIndex() - docStart > limits.maxDocumentBytes()) {
              throw new TreeBuilder.Problem("document is larger than the limit of "
                  + limits.maxDocumentBytes() + " characters", docLine, docColumn, null);
            }
            int[] root = builder.marks().get("");
            sink.accept(builder.result(), document, root != null ? root[0] : docLine,
                root != null ? root[1] : docColumn, builder.marks());
            builder = null;
          }
          case MappingStart, SequenceStart -> {
            CollectionStartEvent c = (CollectionStartEvent) e;
            boolean mapping = e.getEventId() == Event.ID.MappingStart;
            checkCollectionTag(c.getTag(), mapping, line, column);
            if (builder.expectingKey()) {
              throw new TreeBuilder.Problem("complex mapping keys are not supported", line, column,
                  null);
            }
            builder.start(mapping, c.getAnchor(), line, column);
          }
          case MappingEnd, SequenceEnd -> builder.end();
          case Scalar -> {
            ScalarEvent s = (ScalarEvent) e;
            JsonValue value = resolve(s, line, column);
            if (builder.expectingKey()) {
              boolean merge = s.isPlain() && s.getValue().equals("<<") && s.getTag() == null;
              builder.key(keyText(s, value), merge, line, column);
            } else {
              builder.scalar(value, s.getAnchor(), line, column);
            }
          }
          case Alias -> builder.alias(((AliasEvent) e).getAnchor(), line, column);
          default -> throw new TreeBuilder.Problem("unexpected YAML event " + e.getEventId(),
              line, column, null);
        }
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : "malformed YAML";
      String context = e.getContext();
      throw new TreeBuilder.Problem(
          "YAML syntax error: " + problem + (context != null ? " (" + context + ")" : ""),
          m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, null)
          .atDocument(document);
    } catch (YAMLException e) {
      throw new TreeBuilder.Problem("YAML error: " + sanitize(e.getMessage()), docLine, docColumn,
          null).atDocument(document);
    } catch (TreeBuilder.Problem p) {
      throw p.atDocument(document);
    }
  }

  private static String sanitize(@Nullable String message) {
    if (message == null) {
      return "malformed YAML";
    }
    int snippet = message.indexOf('\n');
    return snippet < 0 ? message : message.substring(0, snippet);
  }

  private static void checkCollectionTag(@Nullable String tag, boolean mapping, int line,
      int column) {
    if (tag == null || tag.equals("!")) {
      return;
    }
    String expected = TAG + (mapping ? "map" : "seq");
    if (!tag.equals(expected) && !(mapping && tag.equals(TAG + "omap"))) {
      throw new TreeBuilder.Problem("unsupported YAML tag " + tag
          + " (GitOpsKit never constructs types from tags)", line, column, null);
    }
  }

  /** The key text of a scalar, converted as sigs.k8s.io/yaml converts non-string keys. */
  private static String keyText(ScalarEvent s, JsonValue resolved) {
    if (resolved instanceof JsonString str) {
      return str.value();
    }
    if (resolved instanceof JsonNull) {
      return "null";
    }
    return resolved.toString();
  }

  private static JsonValue resolve(ScalarEvent s, int line, int column) {
    String tag = s.getTag();
    String v = s.getValue();
    if (tag != null && !tag.equals("!")) {
      return explicit(tag, v, line, column);
    }
    if (!s.isPlain()) {
      return JsonString.of(v);
    }
    JsonValue value = Scalars.resolvePlain(v);
    if (value == Scalars.NOT_FINITE) {
      throw new TreeBuilder.Problem("infinity and NaN cannot be represented in JSON", line,
          column, null);
    }
    return value;
  }

  private static JsonValue explicit(String tag, String v, int line, int column) {
    if (!tag.startsWith(TAG)) {
      throw new TreeBuilder.Problem("unsupported YAML tag " + tag
          + " (GitOpsKit never constructs types from tags)", line, column, null);
    }
    String t = tag.substring(TAG.length());
    switch (t) {
      case "str", "timestamp" -> {
        return JsonString.of(v);
      }
      case "binary" -> {
        return JsonString.of(v.replaceAll("\\s", ""));
      }
      case "null" -> {
        return JsonNull.INSTANCE;
      }
      case "bool" -> {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("yes") || lower.equals("on")
            || lower.equals("y")) {
          return JsonBoolean.TRUE;
        }
        if (lower.equals("false") || lower.equals("no") || lower.equals("off")
            || lower.equals("n")) {
          return JsonBoolean.FALSE;
        }
        throw new TreeBuilder.Problem("!!bool value is not a boolean", line, column, null);
      }
      case "int", "float" -> {
        JsonNumber n = Scalars.number(v);
        if (n == null || (t.equals("int") && !n.isLong()
            && n.decimalValue().scale() > 0)) {
          throw new TreeBuilder.Problem("!!" + t + " value is not a number", line, column, null);
        }
        return n;
      }
      default -> throw new TreeBuilder.Problem("unsupported YAML tag !!" + t
          + " (GitOpsKit never constructs types from tags)", line, column, null);
    }
  }
}
