package io.gitopskit.core.appset.generator;

import io.gitopskit.core.json.JsonObject;
import java.util.List;

/**
 * The plugin generator's back end: what Argo CD reaches by POSTing to {@code
 * <baseUrl>/api/v1/getparams.execute}. Register one per {@code configMapRef} name with {@link
 * GeneratorContext.Builder#plugin}; an HTTP client is one possible implementation.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ParameterPlugin {

  /**
   * Returns the parameter sets for one ApplicationSet.
   *
   * @param applicationSetName the ApplicationSet's name
   * @param inputParameters the generator's {@code input.parameters}
   * @return one object per parameter set
   * @throws GeneratorException (or another unchecked exception) on failure; never an empty list
   *     in place of a failure
   */
  List<JsonObject> parameters(String applicationSetName, JsonObject inputParameters);
}
