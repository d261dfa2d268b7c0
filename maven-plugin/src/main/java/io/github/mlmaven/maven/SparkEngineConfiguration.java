package io.github.mlmaven.maven;

import java.util.List;
import java.util.Map;

/**
 * The {@code <spark>} element of ml:train, used with {@code <engine>spark</engine>}, e.g.
 * {@code <spark><master>spark://spark-master:7077</master><partitions>8</partitions>}
 * {@code <executorMemory>4g</executorMemory><conf><spark.eventLog.enabled>false</spark.eventLog.enabled></conf>}
 * {@code <dependencies><dependency>org.apache.spark:spark-kubernetes_2.13:4.2.0</dependency></dependencies></spark>}.
 * Values are checked by the core, which names the element at fault.
 */
public class SparkEngineConfiguration {
    /**
     * Spark's master URL: {@code local[*]} (the default: Spark inside the forked driver, no cluster), {@code local},
     * {@code local[N]}, {@code spark://host:port}, {@code k8s://https://host:port} or {@code yarn}.
     */
    private String master;

    /**
     * How many partitions the rows are split into, by row ordinal (default 2). The same number gives the same model
     * on every master; another number gives another model.
     */
    private String partitions;

    /** {@code spark.executor.memory}, a size such as {@code 4g}. */
    private String executorMemory;

    /** {@code spark.executor.cores}. */
    private String executorCores;

    /** The heap of the forked driver JVM, a size such as {@code 2g}; the JVM's default when not set. */
    private String driverMemory;

    /** How long the driver waits for a first executor before it fails the build (default 60). */
    private String executorWaitSeconds;

    /** Any {@code spark.*} property, one element each, e.g. {@code <spark.eventLog.enabled>false</spark.eventLog.enabled>}. */
    private Map<String, String> conf;

    /**
     * Spark modules the forked driver needs besides Spark's core, one {@code groupId:artifactId:version} each, e.g.
     * {@code <dependency>org.apache.spark:spark-kubernetes_2.13:4.2.0</dependency>} for a {@code k8s://} master or
     * {@code spark-yarn_2.13} for {@code yarn}. They are resolved with the driver (one version of each library for
     * both) and put on the driver's class path only: not on the build's, not sent to executors (the cluster has
     * Spark's modules), and not part of whether a model is up to date.
     */
    private List<String> dependencies;

    public String getMaster() {
        return master;
    }

    public void setMaster(String master) {
        this.master = master;
    }

    public String getPartitions() {
        return partitions;
    }

    public void setPartitions(String partitions) {
        this.partitions = partitions;
    }

    public String getExecutorMemory() {
        return executorMemory;
    }

    public void setExecutorMemory(String executorMemory) {
        this.executorMemory = executorMemory;
    }

    public String getExecutorCores() {
        return executorCores;
    }

    public void setExecutorCores(String executorCores) {
        this.executorCores = executorCores;
    }

    public String getDriverMemory() {
        return driverMemory;
    }

    public void setDriverMemory(String driverMemory) {
        this.driverMemory = driverMemory;
    }

    public String getExecutorWaitSeconds() {
        return executorWaitSeconds;
    }

    public void setExecutorWaitSeconds(String executorWaitSeconds) {
        this.executorWaitSeconds = executorWaitSeconds;
    }

    public Map<String, String> getConf() {
        return conf;
    }

    public void setConf(Map<String, String> conf) {
        this.conf = conf;
    }

    public List<String> getDependencies() {
        return dependencies;
    }

    public void setDependencies(List<String> dependencies) {
        this.dependencies = dependencies;
    }
}
