package io.gitopskit.core.app;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.source.SourceRef;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an application's manifests come from: {@code spec.source} or one entry of {@code
 * spec.sources}.
 *
 * <p>Kustomize and plugin options are kept exactly as written (so that definitions load and
 * write back unchanged) but are not interpreted by GitOpsKit yet.
 *
 * @param repoURL the Git URL, Helm repository URL or OCI reference; never empty
 * @param path the directory inside a Git repository, {@code ""} when not set
 * @param targetRevision branch, tag, SHA or chart version, {@code ""} for {@code HEAD}
 * @param tagPrefix filters Git tags before semver resolution of {@code targetRevision}: only
 *     tags starting with it are candidates (e.g. {@code app1/} for tags {@code app1/v1.2.0}),
 *     {@code ""} when not set
 * @param chart the chart name for a Helm repository, {@code ""} otherwise
 * @param ref the name other sources use to read value files from this one ({@code $ref}), only
 *     in {@code sources}; {@code ""} when not set
 * @param name a display name in a multi-source application, {@code ""} when not set
 * @param helm Helm options, or null
 * @param kustomize Kustomize options as written, or null
 * @param directory directory options, or null
 * @param plugin config management plugin options as written, or null
 * @since 0.1
 */
public record ApplicationSource(String repoURL, String path, String targetRevision,
    String tagPrefix, String chart, String ref, String name, @Nullable SourceHelm helm,
    @Nullable JsonObject kustomize, @Nullable SourceDirectory directory,
    @Nullable JsonObject plugin) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code repoURL} is empty or a {@code ref} source sets
   *     a {@code chart}
   */
  public ApplicationSource {
    Objects.requireNonNull(repoURL, "repoURL");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(targetRevision, "targetRevision");
    Objects.requireNonNull(tagPrefix, "tagPrefix");
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(name, "name");
    if (repoURL.isBlank()) {
      throw new IllegalArgumentException("repoURL is required");
    }
    if (!ref.isEmpty() && !chart.isEmpty()) {
      throw new IllegalArgumentException("a source with a ref cannot set a chart");
    }
  }

  /**
   * A Git directory source.
   *
   * @param repoURL the repository
   * @param path the directory
   * @param targetRevision the revision, {@code ""} for HEAD
   * @return the source
   */
  public static ApplicationSource git(String repoURL, String path, String targetRevision) {
    return new ApplicationSource(repoURL, path, targetRevision, "", "", "", "", null, null,
        null, null);
  }

  /**
   * A chart from a Helm repository.
   *
   * @param repoURL the Helm repository
   * @param chart the chart name
   * @param version the chart version (semver constraints allowed)
   * @return the source
   */
  public static ApplicationSource chart(String repoURL, String chart, String version) {
    return new ApplicationSource(repoURL, "", version, "", chart, "", "", null, null, null,
        null);
  }

  /**
   * Starts a source for a repository.
   *
   * @param repoURL the repository
   * @return a builder
   */
  public static Builder builder(String repoURL) {
    return new Builder(repoURL);
  }

  /**
   * A builder holding this source.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(repoURL);
    b.path = path;
    b.targetRevision = targetRevision;
    b.tagPrefix = tagPrefix;
    b.chart = chart;
    b.ref = ref;
    b.name = name;
    b.helm = helm;
    b.kustomize = kustomize;
    b.directory = directory;
    b.plugin = plugin;
    return b;
  }

  /** @return whether this is a chart from a Helm repository ({@code chart} set) */
  public boolean isHelmChart() {
    return !chart.isEmpty();
  }

  /** @return whether this source only provides files to others ({@code ref} set) */
  public boolean isRef() {
    return !ref.isEmpty();
  }

  /** @return the target revision, {@code HEAD} when not set */
  public String effectiveTargetRevision() {
    return targetRevision.isEmpty() ? "HEAD" : targetRevision;
  }

  /**
   * This source as a {@code ManifestSource} reference (repository, revision, path).
   *
   * @return the reference
   */
  public SourceRef toSourceRef() {
    return new SourceRef(repoURL, path, effectiveTargetRevision());
  }

  /** Builds an {@link ApplicationSource}; every setter returns this builder. */
  public static final class Builder {
    private final String repoURL;
    private String path = "";
    private String targetRevision = "";
    private String tagPrefix = "";
    private String chart = "";
    private String ref = "";
    private String name = "";
    private @Nullable SourceHelm helm;
    private @Nullable JsonObject kustomize;
    private @Nullable SourceDirectory directory;
    private @Nullable JsonObject plugin;

    private Builder(String repoURL) {
      this.repoURL = repoURL;
    }

    /** @param value the directory @return this */
    public Builder path(String value) {
      path = value;
      return this;
    }

    /** @param value the revision @return this */
    public Builder targetRevision(String value) {
      targetRevision = value;
      return this;
    }

    /** @param value the Git tag prefix for semver resolution @return this */
    public Builder tagPrefix(String value) {
      tagPrefix = value;
      return this;
    }

    /** @param value the chart name @return this */
    public Builder chart(String value) {
      chart = value;
      return this;
    }

    /** @param value the ref name @return this */
    public Builder ref(String value) {
      ref = value;
      return this;
    }

    /** @param value the display name @return this */
    public Builder name(String value) {
      name = value;
      return this;
    }

    /** @param value Helm options, or null @return this */
    public Builder helm(@Nullable SourceHelm value) {
      helm = value;
      return this;
    }

    /** @param value Kustomize options as written, or null @return this */
    public Builder kustomize(@Nullable JsonObject value) {
      kustomize = value;
      return this;
    }

    /** @param value directory options, or null @return this */
    public Builder directory(@Nullable SourceDirectory value) {
      directory = value;
      return this;
    }

    /** @param value plugin options as written, or null @return this */
    public Builder plugin(@Nullable JsonObject value) {
      plugin = value;
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     * @throws IllegalArgumentException as the record's constructor
     */
    public ApplicationSource build() {
      return new ApplicationSource(repoURL, path, targetRevision, tagPrefix, chart, ref, name,
          helm, kustomize, directory, plugin);
    }
  }
}
