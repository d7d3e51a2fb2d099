package io.gitopskit.core.appset;

import io.gitopskit.core.appset.generator.GeneratorContext;
import io.gitopskit.core.appset.rollout.RolloutStrategy;
import io.gitopskit.core.appset.template.TemplateOptions;
import io.gitopskit.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An Argo CD {@code ApplicationSet} ({@code argoproj.io/v1alpha1}): generators, the
 * Application template and the policies that govern the applications it owns.
 *
 * <p>Generator entries and the template stay JSON trees, as written: each entry holds one
 * generator keyed by its type (and an optional {@code selector}); the template holds {@code
 * metadata} and {@code spec} of the Application.
 *
 * @param name the ApplicationSet name
 * @param namespace its namespace; generated applications are forced into it
 * @param labels the ApplicationSet's labels
 * @param annotations the ApplicationSet's annotations
 * @param generators the generator entries, in order
 * @param template the Application template ({@code metadata}, {@code spec})
 * @param goTemplate Go-template mode instead of {@code {{param}}} mode
 * @param goTemplateOptions e.g. {@code missingkey=error}
 * @param templatePatch a Go template rendering a patch over each application, or {@code ""}
 * @param applicationsSync the per-ApplicationSet policy, or null when not set (it is honoured
 *     only when the controller allows policy overrides)
 * @param preserveResourcesOnDeletion add no resources finalizer, so deleting an application
 *     leaves its resources
 * @param strategy AllAtOnce or RollingSync
 * @param preservedAnnotations annotation keys kept from the live applications on update
 * @param preservedLabels label keys kept from the live applications on update
 * @param ignoreApplicationDifferences fields not managed on existing applications
 * @since 0.1
 */
public record ApplicationSet(String name, String namespace, Map<String, String> labels,
    Map<String, String> annotations, List<JsonObject> generators, JsonObject template,
    boolean goTemplate, List<String> goTemplateOptions, String templatePatch,
    @Nullable ApplicationsSyncPolicy applicationsSync, boolean preserveResourcesOnDeletion,
    RolloutStrategy strategy, List<String> preservedAnnotations, List<String> preservedLabels,
    List<IgnoreDifference> ignoreApplicationDifferences) {

  /** Validates and copies the components. */
  public ApplicationSet {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("ApplicationSet name must not be blank");
    }
    Objects.requireNonNull(namespace, "namespace");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    generators = List.copyOf(generators);
    Objects.requireNonNull(template, "template");
    goTemplateOptions = List.copyOf(goTemplateOptions);
    Objects.requireNonNull(templatePatch, "templatePatch");
    Objects.requireNonNull(strategy, "strategy");
    preservedAnnotations = List.copyOf(preservedAnnotations);
    preservedLabels = List.copyOf(preservedLabels);
    ignoreApplicationDifferences = List.copyOf(ignoreApplicationDifferences);
  }

  /**
   * A builder.
   *
   * @param name the ApplicationSet name
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A builder holding this ApplicationSet's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name).namespace(namespace).labels(labels).annotations(annotations)
        .template(template).goTemplate(goTemplate).goTemplateOptions(goTemplateOptions)
        .templatePatch(templatePatch).preserveResourcesOnDeletion(preserveResourcesOnDeletion)
        .strategy(strategy).preservedAnnotations(preservedAnnotations)
        .preservedLabels(preservedLabels).ignoreApplicationDifferences(ignoreApplicationDifferences);
    generators.forEach(b::generator);
    if (applicationsSync != null) {
      b.applicationsSync(applicationsSync);
    }
    return b;
  }

  /**
   * The template mode of this ApplicationSet.
   *
   * @return the options
   */
  public TemplateOptions templateOptions() {
    return goTemplate ? TemplateOptions.go(goTemplateOptions) : TemplateOptions.fast();
  }

  /**
   * A generator context builder preset with this ApplicationSet's name and template mode; add
   * the clusters, source and plugins the generators read.
   *
   * @return the builder
   */
  public GeneratorContext.Builder generatorContext() {
    return GeneratorContext.builder(name).templateOptions(templateOptions());
  }

  /**
   * Builds an {@link ApplicationSet}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String name;
    private String namespace = "argocd";
    private Map<String, String> labels = Map.of();
    private Map<String, String> annotations = Map.of();
    private final List<JsonObject> generators = new ArrayList<>();
    private JsonObject template = JsonObject.empty();
    private boolean goTemplate;
    private List<String> goTemplateOptions = List.of();
    private String templatePatch = "";
    private @Nullable ApplicationsSyncPolicy applicationsSync;
    private boolean preserveResourcesOnDeletion;
    private RolloutStrategy strategy = RolloutStrategy.allAtOnce();
    private List<String> preservedAnnotations = List.of();
    private List<String> preservedLabels = List.of();
    private List<IgnoreDifference> ignoreApplicationDifferences = List.of();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the namespace (default {@code argocd}).
     *
     * @param value the namespace
     * @return this builder
     */
    public Builder namespace(String value) {
      this.namespace = Objects.requireNonNull(value, "namespace");
      return this;
    }

    /**
     * Sets the labels.
     *
     * @param value the labels
     * @return this builder
     */
    public Builder labels(Map<String, String> value) {
      this.labels = value;
      return this;
    }

    /**
     * Sets the annotations.
     *
     * @param value the annotations
     * @return this builder
     */
    public Builder annotations(Map<String, String> value) {
      this.annotations = value;
      return this;
    }

    /**
     * Adds a generator entry.
     *
     * @param entry e.g. {@code {list: {elements: [...]}}}
     * @return this builder
     */
    public Builder generator(JsonObject entry) {
      generators.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    /**
     * Sets the Application template.
     *
     * @param value {@code {metadata: ..., spec: ...}}
     * @return this builder
     */
    public Builder template(JsonObject value) {
      this.template = Objects.requireNonNull(value, "template");
      return this;
    }

    /**
     * Selects Go-template mode.
     *
     * @param value true for Go templates
     * @return this builder
     */
    public Builder goTemplate(boolean value) {
      this.goTemplate = value;
      return this;
    }

    /**
     * Sets the Go-template options.
     *
     * @param value e.g. {@code ["missingkey=error"]}
     * @return this builder
     */
    public Builder goTemplateOptions(List<String> value) {
      this.goTemplateOptions = value;
      return this;
    }

    /**
     * Sets the template patch.
     *
     * @param value a Go template rendering YAML
     * @return this builder
     */
    public Builder templatePatch(String value) {
      this.templatePatch = Objects.requireNonNull(value, "templatePatch");
      return this;
    }

    /**
     * Sets the per-ApplicationSet policy.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder applicationsSync(ApplicationsSyncPolicy value) {
      this.applicationsSync = Objects.requireNonNull(value, "applicationsSync");
      return this;
    }

    /**
     * Sets {@code preserveResourcesOnDeletion}.
     *
     * @param value true to keep resources when an application is deleted
     * @return this builder
     */
    public Builder preserveResourcesOnDeletion(boolean value) {
      this.preserveResourcesOnDeletion = value;
      return this;
    }

    /**
     * Sets the strategy.
     *
     * @param value the strategy
     * @return this builder
     */
    public Builder strategy(RolloutStrategy value) {
      this.strategy = Objects.requireNonNull(value, "strategy");
      return this;
    }

    /**
     * Sets the preserved annotation keys.
     *
     * @param value the keys
     * @return this builder
     */
    public Builder preservedAnnotations(List<String> value) {
      this.preservedAnnotations = value;
      return this;
    }

    /**
     * Sets the preserved label keys.
     *
     * @param value the keys
     * @return this builder
     */
    public Builder preservedLabels(List<String> value) {
      this.preservedLabels = value;
      return this;
    }

    /**
     * Sets the ignored application differences.
     *
     * @param value the entries
     * @return this builder
     */
    public Builder ignoreApplicationDifferences(List<IgnoreDifference> value) {
      this.ignoreApplicationDifferences = value;
      return this;
    }

    /**
     * Builds the ApplicationSet.
     *
     * @return the ApplicationSet
     * @throws IllegalArgumentException if the name is blank
     */
    public ApplicationSet build() {
      return new ApplicationSet(name, namespace, labels, annotations, generators, template,
          goTemplate, goTemplateOptions, templatePatch, applicationsSync,
          preserveResourcesOnDeletion, strategy, preservedAnnotations, preservedLabels,
          ignoreApplicationDifferences);
    }
  }
}
