package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The durable form of a {@link SimulatedCluster}: one JSON line per committed storage change
 * ({@code put}: the stored object; {@code remove}: the object's last state; {@code reset}: the
 * cluster was wiped), each written with a single append so that a process killed at any point
 * leaves every earlier change readable. A torn last line (a kill in the middle of a write) is
 * dropped, and cut off the file, when the journal is read.
 */
final class Journal {

  /** The kinds of record. */
  enum Op {
    PUT, REMOVE, RESET
  }

  /** One record. */
  record Entry(Op op, long revision, Instant time, @Nullable Manifest object) {}

  private final Path file;

  Journal(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Appends one record (caller holds the store lock, so records keep the store's order). */
  void append(Op op, long revision, Instant time, @Nullable Manifest object) {
    JsonObject.Builder b = JsonObject.builder()
        .put("op", op.name().toLowerCase(java.util.Locale.ROOT))
        .put("revision", JsonNumber.of(revision))
        .put("time", time.toString());
    if (object != null) {
      b.put("object", object.root());
    }
    byte[] line = (b.build().toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to append to the cluster journal " + file, e);
    }
  }

  /** Whether the journal holds anything to restore. */
  boolean exists() {
    try {
      return Files.exists(file) && Files.size(file) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read the cluster journal " + file, e);
    }
  }

  /** Every complete record, in order; a torn last line is dropped and cut off the file. */
  List<Entry> read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read the cluster journal " + file, e);
    }
    List<Entry> out = new ArrayList<>();
    ManifestLoader loader = ManifestLoader.defaults();
    int start = 0;
    int lineNo = 0;
    int complete = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      lineNo++;
      String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
      try {
        out.add(entry(loader.readDocuments(line, "journal.json")));
      } catch (LoadException | IllegalArgumentException | DateTimeParseException e) {
        if (i == bytes.length - 1) {
          break; // an unreadable last line: treated as torn
        }
        throw new IllegalStateException("cluster journal " + file + ": line " + lineNo
            + " is unreadable: " + e.getMessage(), e);
      }
      start = i + 1;
      complete = start;
    }
    if (complete < bytes.length) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(complete);
      } catch (IOException e) {
        throw new UncheckedIOException("failed to cut the torn end off the cluster journal "
            + file, e);
      }
    }
    return out;
  }

  private static Entry entry(List<JsonValue> docs) {
    if (docs.size() != 1 || !(docs.get(0) instanceof JsonObject o)) {
      throw new IllegalArgumentException("expected one JSON object");
    }
    String op = o.getString("op").orElseThrow(() -> new IllegalArgumentException(
        "field op is missing"));
    Op kind;
    try {
      kind = Op.valueOf(op.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field op: unknown value", e);
    }
    if (!(o.getOrNull("revision") instanceof JsonNumber rev) || !rev.isLong()) {
      throw new IllegalArgumentException("field revision: expected an integer");
    }
    Instant time = Instant.parse(o.getString("time").orElseThrow(() ->
        new IllegalArgumentException("field time is missing")));
    JsonValue object = o.getOrNull("object");
    if (kind != Op.RESET && !(object instanceof JsonObject)) {
      throw new IllegalArgumentException("field object: expected an object");
    }
    return new Entry(kind, rev.longValue(), time,
        object instanceof JsonObject obj ? Manifest.of(obj) : null);
  }
}
