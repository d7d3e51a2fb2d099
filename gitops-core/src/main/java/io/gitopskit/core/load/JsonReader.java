package io.gitopskit.core.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonString;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads JSON into trees with Jackson's streaming parser. A file may hold one object or several
 * concatenated root values; each root value is a document.
 */
final class JsonReader {

  private JsonReader() {}

  static void read(Reader input, LoadLimits limits, DocumentSink sink) {
    JsonFactory factory = JsonFactory.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth() + 2)
            .maxDocumentLength(limits.maxTotalBytes())
            .build())
        .build();
    int document = 0;
    int docLine = 1;
    int docColumn = 1;
    try (JsonParser p = factory.createParser(input)) {
      TreeBuilder builder = null;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        if (builder == null) {
          document++;
          builder = new TreeBuilder(limits);
          docLine = line;
          docColumn = column;
        }
        switch (t) {
          case START_OBJECT -> builder.start(true, null, line, column);
          case START_ARRAY -> builder.start(false, null, line, column);
          case END_OBJECT, END_ARRAY -> builder.end();
          case FIELD_NAME -> builder.key(p.currentName(), false, line, column);
          case VALUE_STRING -> builder.scalar(JsonString.of(p.getText()), null, line, column);
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
              builder.scalar(JsonNumber.parse(p.getText()), null, line, column);
          case VALUE_TRUE -> builder.scalar(JsonBoolean.TRUE, null, line, column);
          case VALUE_FALSE -> builder.scalar(JsonBoolean.FALSE, null, line, column);
          case VALUE_NULL -> builder.scalar(JsonNull.INSTANCE, null, line, column);
          default -> throw new TreeBuilder.Problem("unexpected JSON token " + t, line, column,
              null);
        }
        if (p.getParsingContext().inRoot()) {
          sink.accept(builder.result(), document, docLine, docColumn, builder.marks());
          builder = null;
        }
      }
      if (builder != null) {
        throw new TreeBuilder.Problem("unexpected end of JSON input", docLine, docColumn, null);
      }
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      boolean located = l != null && l.getLineNr() > 0;
      throw new TreeBuilder.Problem("JSON syntax error: " + redact(e.getOriginalMessage()),
          located ? l.getLineNr() : docLine, located ? l.getColumnNr() : docColumn, null)
          .atDocument(Math.max(document, 1));
    } catch (IOException e) {
      throw new TreeBuilder.Problem("failed to read JSON: " + e.getClass().getSimpleName(),
          docLine, docColumn, null).atDocument(Math.max(document, 1));
    } catch (TreeBuilder.Problem problem) {
      throw problem.atDocument(Math.max(document, 1));
    }
  }

  /** Jackson quotes offending input in its messages; that input could be a secret. */
  private static String redact(String message) {
    String first = message.lines().findFirst().orElse("malformed JSON");
    return first.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
  }
}
