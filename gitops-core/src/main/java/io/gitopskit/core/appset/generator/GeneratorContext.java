package io.gitopskit.core.appset.generator;

import io.gitopskit.core.appset.template.TemplateOptions;
import io.gitopskit.core.load.LoadLimits;
import io.gitopskit.core.source.ManifestSource;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What generators may read, how parameters are shaped, and how much they may produce.
 * Immutable.
 *
 * <p>Two limits protect the host from an ApplicationSet (or the data its generators read) that
 * would otherwise exhaust memory; exceeding either is a {@link GeneratorException}, so the
 * reconciler changes nothing:
 *
 * <ul>
 *   <li>{@link #maxParameterSets()} (default {@value #DEFAULT_MAX_PARAMETER_SETS}): the most
 *       parameter sets one generator entry, any matrix or merge child, and the whole
 *       ApplicationSet may produce. Argo CD has no such limit, but a matrix of two 1,000-element
 *       lists already asks for a million applications; an embeddable library must not let one
 *       ApplicationSet take the host down.
 *   <li>{@link #loadLimits()} (default {@link LoadLimits#defaults()}): the loader limits for the
 *       files the Git files generator parses and for {@code elementsYaml}, plus a budget of
 *       {@link LoadLimits#maxTotalBytes()} for all files one Git files generator reads
 *       together; a file's size is checked before it is read.
 * </ul>
 *
 * @since 0.1
 */
public final class GeneratorContext {

  /** The default of {@link #maxParameterSets()}. */
  public static final int DEFAULT_MAX_PARAMETER_SETS = 10_000;

  private final String applicationSetName;
  private final TemplateOptions templateOptions;
  private final ClusterRegistry clusters;
  private final @Nullable ManifestSource source;
  private final Map<String, ParameterPlugin> plugins;
  private final boolean newGitFileGlobbing;
  private final Generators generators;
  private final LoadLimits loadLimits;
  private final int maxParameterSets;
  private final int depth;

  private GeneratorContext(Builder b, int depth) {
    this.applicationSetName = b.applicationSetName;
    this.templateOptions = b.templateOptions;
    this.clusters = b.clusters;
    this.source = b.source;
    this.plugins = Collections.unmodifiableMap(new TreeMap<>(b.plugins));
    this.newGitFileGlobbing = b.newGitFileGlobbing;
    this.generators = b.generators;
    this.loadLimits = b.loadLimits;
    this.maxParameterSets = b.maxParameterSets;
    this.depth = depth;
  }

  private GeneratorContext(GeneratorContext c, int depth) {
    this.applicationSetName = c.applicationSetName;
    this.templateOptions = c.templateOptions;
    this.clusters = c.clusters;
    this.source = c.source;
    this.plugins = c.plugins;
    this.newGitFileGlobbing = c.newGitFileGlobbing;
    this.generators = c.generators;
    this.loadLimits = c.loadLimits;
    this.maxParameterSets = c.maxParameterSets;
    this.depth = depth;
  }

  /**
   * The loader limits for generator inputs (Git files, {@code elementsYaml}).
   *
   * @return the limits
   */
  public LoadLimits loadLimits() {
    return loadLimits;
  }

  /**
   * The most parameter sets a generator entry, a matrix or merge child, or a whole
   * ApplicationSet may produce.
   *
   * @return the limit
   */
  public int maxParameterSets() {
    return maxParameterSets;
  }

  /**
   * Refuses a number of parameter sets above {@link #maxParameterSets()}.
   *
   * @param count the number about to be produced
   * @param what what produces them, for the message
   * @throws GeneratorException if the count is above the limit
   */
  public void checkParameterSets(long count, String what) {
    if (count > maxParameterSets) {
      throw new GeneratorException(what + " would produce more than " + maxParameterSets
          + " parameter sets (the limit of GeneratorContext.maxParameterSets)");
    }
  }

  /**
   * A builder.
   *
   * @param applicationSetName the name of the ApplicationSet being generated
   * @return the builder
   */
  public static Builder builder(String applicationSetName) {
    return new Builder(applicationSetName);
  }

  /**
   * The ApplicationSet's name (sent to plugins).
   *
   * @return the name
   */
  public String applicationSetName() {
    return applicationSetName;
  }

  /**
   * The template mode.
   *
   * @return the options
   */
  public TemplateOptions templateOptions() {
    return templateOptions;
  }

  /**
   * Whether parameters are shaped for Go templates (nested) rather than flat strings.
   *
   * @return true in Go-template mode
   */
  public boolean goTemplate() {
    return templateOptions.goTemplate();
  }

  /**
   * The cluster registry.
   *
   * @return the registry
   */
  public ClusterRegistry clusters() {
    return clusters;
  }

  /**
   * The source the Git generators read, if any.
   *
   * @return the source
   */
  public Optional<ManifestSource> source() {
    return Optional.ofNullable(source);
  }

  /**
   * A plugin by its {@code configMapRef} name.
   *
   * @param name the name
   * @return the plugin
   */
  public Optional<ParameterPlugin> plugin(String name) {
    return Optional.ofNullable(plugins.get(name));
  }

  /**
   * Whether the Git files generator uses doublestar globbing ({@code *} within one segment,
   * {@code **} across) rather than the legacy pathspec globbing ({@code *} across segments).
   *
   * @return true for doublestar
   */
  public boolean newGitFileGlobbing() {
    return newGitFileGlobbing;
  }

  /**
   * The generator registry (for matrix and merge children).
   *
   * @return the registry
   */
  public Generators generators() {
    return generators;
  }

  /**
   * How deep in matrix/merge nesting the current generator is (0 at the top).
   *
   * @return the depth
   */
  public int depth() {
    return depth;
  }

  /**
   * This context one nesting level deeper.
   *
   * @return the nested context
   */
  public GeneratorContext nested() {
    return new GeneratorContext(this, depth + 1);
  }

  /**
   * Builds a {@link GeneratorContext}.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String applicationSetName;
    private TemplateOptions templateOptions = TemplateOptions.fast();
    private ClusterRegistry clusters = ClusterRegistry.empty();
    private @Nullable ManifestSource source;
    private final Map<String, ParameterPlugin> plugins = new TreeMap<>();
    private boolean newGitFileGlobbing;
    private Generators generators = Generators.builtIn();
    private LoadLimits loadLimits = LoadLimits.defaults();
    private int maxParameterSets = DEFAULT_MAX_PARAMETER_SETS;

    private Builder(String applicationSetName) {
      this.applicationSetName = Objects.requireNonNull(applicationSetName, "applicationSetName");
    }

    /**
     * Sets the template mode (default {@code {{param}}} mode).
     *
     * @param options the options
     * @return this builder
     */
    public Builder templateOptions(TemplateOptions options) {
      this.templateOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Sets the cluster registry (default: empty).
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder clusters(ClusterRegistry registry) {
      this.clusters = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Sets the source the Git generators read.
     *
     * @param manifestSource the source
     * @return this builder
     */
    public Builder source(ManifestSource manifestSource) {
      this.source = Objects.requireNonNull(manifestSource, "manifestSource");
      return this;
    }

    /**
     * Registers a plugin under its {@code configMapRef} name.
     *
     * @param name the name
     * @param plugin the plugin
     * @return this builder
     */
    public Builder plugin(String name, ParameterPlugin plugin) {
      plugins.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(plugin, "plugin"));
      return this;
    }

    /**
     * Selects doublestar globbing for the Git files generator (default: legacy).
     *
     * @param enabled true for doublestar
     * @return this builder
     */
    public Builder newGitFileGlobbing(boolean enabled) {
      this.newGitFileGlobbing = enabled;
      return this;
    }

    /**
     * Sets the generator registry (default {@link Generators#builtIn()}).
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder generators(Generators registry) {
      this.generators = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Sets the loader limits for generator inputs (default {@link LoadLimits#defaults()}).
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder loadLimits(LoadLimits limits) {
      this.loadLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the most parameter sets a generator entry, a matrix or merge child, or a whole
     * ApplicationSet may produce (default {@value GeneratorContext#DEFAULT_MAX_PARAMETER_SETS}).
     *
     * @param limit the limit, at least 1
     * @return this builder
     * @throws IllegalArgumentException if the limit is below 1
     */
    public Builder maxParameterSets(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("maxParameterSets must be at least 1");
      }
      this.maxParameterSets = limit;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public GeneratorContext build() {
      return new GeneratorContext(this, 0);
    }
  }
}
