/**
 * The fabric8-backed ClusterTarget (KubeClusterTarget) and cluster registry. Work in progress: see the module README.
 */
@NullMarked
package io.gitopskit.kube;

import org.jspecify.annotations.NullMarked;
