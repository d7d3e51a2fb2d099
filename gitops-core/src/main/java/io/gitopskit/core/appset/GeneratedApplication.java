package io.gitopskit.core.appset;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationYaml;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.load.LoadException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An Argo CD {@code Application} as an immutable JSON document: one rendered from an
 * ApplicationSet's template, or an existing application the ApplicationSet owns.
 *
 * @param name the application name ({@code metadata.name})
 * @param document the whole {@code argoproj.io/v1alpha1} {@code Application} object
 * @since 0.1
 */
public record GeneratedApplication(String name, JsonObject document) {

  /** Validates the components. */
  public GeneratedApplication {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(document, "document");
  }

  /**
   * Wraps a document, taking the name from {@code metadata.name}.
   *
   * @param document the Application object
   * @return the wrapper
   */
  public static GeneratedApplication of(JsonObject document) {
    String name = document.getObject("metadata").flatMap(m -> m.getString("name")).orElse("");
    return new GeneratedApplication(name, document);
  }

  /**
   * The labels of the application.
   *
   * @return the string labels, sorted
   */
  public Map<String, String> labels() {
    Map<String, String> out = new TreeMap<>();
    document.getObject("metadata").flatMap(m -> m.getObject("labels")).ifPresent(l -> {
      for (int i = 0; i < l.size(); i++) {
        if (l.valueAt(i) instanceof io.gitopskit.core.json.JsonString s) {
          out.put(l.keyAt(i), s.value());
        }
      }
    });
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * The project ({@code spec.project}).
   *
   * @return the project, or {@code ""}
   */
  public String project() {
    return document.getObject("spec").flatMap(s -> s.getString("project")).orElse("");
  }

  /**
   * The typed application, read with the same rules as an Application file.
   *
   * @return the application
   * @throws LoadException if the document is not a valid Application; the message names the
   *     application and the field
   */
  public Application application() {
    return ApplicationYaml.fromJson(document, "application " + (name.isEmpty() ? "(unnamed)"
        : name)).single();
  }
}
