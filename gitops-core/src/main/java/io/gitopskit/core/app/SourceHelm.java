package io.gitopskit.core.app;

import io.gitopskit.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code source.helm}: Helm options, modelled as Argo CD writes them (rendering is done by a
 * {@code ManifestRenderer}, not here). Value precedence, highest first: {@code parameters} &gt;
 * {@code valuesObject} &gt; {@code values} &gt; {@code valueFiles} (last listed wins) &gt; the
 * chart's values.
 *
 * @param valueFiles value files, relative to the source path ({@code $ref/...} reads another
 *     source)
 * @param ignoreMissingValueFiles whether missing value files are skipped
 * @param parameters {@code --set} style parameters
 * @param fileParameters {@code --set-file} style parameters
 * @param releaseName the release name, {@code ""} for the application name
 * @param values a values block as YAML text, {@code ""} when not written
 * @param valuesObject values as an object, or null when not written
 * @param skipCrds whether CRDs are skipped
 * @param skipTests whether test manifests are skipped
 * @param skipSchemaValidation whether the chart's values schema is not checked
 * @param passCredentials whether credentials go to every domain
 * @param namespace the release namespace, {@code ""} for the destination namespace
 * @param kubeVersion the Kubernetes version to render for, {@code ""} for the cluster's
 * @param apiVersions the API versions to render for, empty for the cluster's
 * @param version the Helm version, e.g. {@code v3}, {@code ""} when not written
 * @since 0.1
 */
public record SourceHelm(List<String> valueFiles, boolean ignoreMissingValueFiles,
    List<HelmParameter> parameters, List<HelmFileParameter> fileParameters,
    String releaseName, String values, @Nullable JsonObject valuesObject, boolean skipCrds,
    boolean skipTests, boolean skipSchemaValidation, boolean passCredentials, String namespace,
    String kubeVersion, List<String> apiVersions, String version) {

  /** Checks for nulls and copies. */
  public SourceHelm {
    valueFiles = List.copyOf(valueFiles);
    parameters = List.copyOf(parameters);
    fileParameters = List.copyOf(fileParameters);
    Objects.requireNonNull(releaseName, "releaseName");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(kubeVersion, "kubeVersion");
    apiVersions = List.copyOf(apiVersions);
    Objects.requireNonNull(version, "version");
  }

  /**
   * Starts empty Helm options ({@code helm: {}}).
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.valueFiles.addAll(valueFiles);
    b.ignoreMissingValueFiles = ignoreMissingValueFiles;
    b.parameters.addAll(parameters);
    b.fileParameters.addAll(fileParameters);
    b.releaseName = releaseName;
    b.values = values;
    b.valuesObject = valuesObject;
    b.skipCrds = skipCrds;
    b.skipTests = skipTests;
    b.skipSchemaValidation = skipSchemaValidation;
    b.passCredentials = passCredentials;
    b.namespace = namespace;
    b.kubeVersion = kubeVersion;
    b.apiVersions.addAll(apiVersions);
    b.version = version;
    return b;
  }

  /** Builds {@link SourceHelm}; every setter returns this builder. */
  public static final class Builder {
    private final List<String> valueFiles = new ArrayList<>();
    private boolean ignoreMissingValueFiles;
    private final List<HelmParameter> parameters = new ArrayList<>();
    private final List<HelmFileParameter> fileParameters = new ArrayList<>();
    private String releaseName = "";
    private String values = "";
    private @Nullable JsonObject valuesObject;
    private boolean skipCrds;
    private boolean skipTests;
    private boolean skipSchemaValidation;
    private boolean passCredentials;
    private String namespace = "";
    private String kubeVersion = "";
    private final List<String> apiVersions = new ArrayList<>();
    private String version = "";

    private Builder() {}

    /** @param file a value file to add @return this */
    public Builder valueFile(String file) {
      valueFiles.add(file);
      return this;
    }

    /** @param value whether missing value files are skipped @return this */
    public Builder ignoreMissingValueFiles(boolean value) {
      ignoreMissingValueFiles = value;
      return this;
    }

    /** @param name the path @param value the value @return this */
    public Builder parameter(String name, String value) {
      parameters.add(new HelmParameter(name, value, false));
      return this;
    }

    /** @param parameter a parameter to add @return this */
    public Builder parameter(HelmParameter parameter) {
      parameters.add(parameter);
      return this;
    }

    /** @param parameter a file parameter to add @return this */
    public Builder fileParameter(HelmFileParameter parameter) {
      fileParameters.add(parameter);
      return this;
    }

    /** @param value the release name @return this */
    public Builder releaseName(String value) {
      releaseName = value;
      return this;
    }

    /** @param value a YAML values block @return this */
    public Builder values(String value) {
      values = value;
      return this;
    }

    /** @param value the values object, or null @return this */
    public Builder valuesObject(@Nullable JsonObject value) {
      valuesObject = value;
      return this;
    }

    /** @param value whether CRDs are skipped @return this */
    public Builder skipCrds(boolean value) {
      skipCrds = value;
      return this;
    }

    /** @param value whether tests are skipped @return this */
    public Builder skipTests(boolean value) {
      skipTests = value;
      return this;
    }

    /** @param value whether schema validation is skipped @return this */
    public Builder skipSchemaValidation(boolean value) {
      skipSchemaValidation = value;
      return this;
    }

    /** @param value whether credentials are passed to every domain @return this */
    public Builder passCredentials(boolean value) {
      passCredentials = value;
      return this;
    }

    /** @param value the release namespace @return this */
    public Builder namespace(String value) {
      namespace = value;
      return this;
    }

    /** @param value the Kubernetes version @return this */
    public Builder kubeVersion(String value) {
      kubeVersion = value;
      return this;
    }

    /** @param value an API version to add @return this */
    public Builder apiVersion(String value) {
      apiVersions.add(value);
      return this;
    }

    /** @param value the Helm version @return this */
    public Builder version(String value) {
      version = value;
      return this;
    }

    /** @return the options */
    public SourceHelm build() {
      return new SourceHelm(valueFiles, ignoreMissingValueFiles, parameters, fileParameters,
          releaseName, values, valuesObject, skipCrds, skipTests, skipSchemaValidation,
          passCredentials, namespace, kubeVersion, apiVersions, version);
    }
  }
}
