package io.gitopskit.core.appset.generator;

import io.gitopskit.core.json.JsonObject;
import java.util.List;

/**
 * One kind of ApplicationSet generator: turns its configuration into parameter sets.
 *
 * <p>A generator entry of an ApplicationSet holds exactly one generator, keyed by {@link
 * #type()} ({@code list}, {@code clusters}, {@code git}, {@code matrix}, {@code merge}, {@code
 * plugin}, or the key of a custom generator registered with {@link Generators#with}). {@link
 * Generators} finds the generator, adds the rendered {@code values} and applies the entry's
 * post selector; the generator itself returns the raw sets.
 *
 * <p>In {@code {{param}}} mode ({@link GeneratorContext#goTemplate()} false) every parameter
 * set is flat: dotted names with string values. In Go-template mode sets may nest.
 *
 * <p>Implementations must be pure apart from reading their declared inputs through the
 * context, and thread-safe. A failure to read an input is a {@link GeneratorException}, never
 * an empty list: an empty result deletes every generated application.
 *
 * @since 0.1
 */
public interface Generator {

  /**
   * The key of this generator in a generator entry.
   *
   * @return e.g. {@code list}
   */
  String type();

  /**
   * Generates the parameter sets.
   *
   * @param config the generator's configuration (the value under {@link #type()}), already
   *     interpolated when this generator is the second child of a matrix
   * @param context the inputs (clusters, sources, plugins) and the template mode
   * @return the parameter sets in a deterministic order
   * @throws GeneratorException if the configuration is invalid or an input cannot be read
   */
  List<JsonObject> generate(JsonObject config, GeneratorContext context);
}
