package io.github.mlmaven.maven;

/** User property names, namespaced and mirroring the XML elements; the single place they are spelled. */
public final class PropertyNames {
    public static final String SKIP = "ml.skip";
    public static final String TRAIN_SKIP = "ml.train.skip";
    public static final String EXTRACT_SKIP = "ml.extract.skip";
    public static final String TRAIN_FORCE = "ml.train.force";
    public static final String ENGINE = "ml.engine";
    public static final String SPARK_MASTER = "ml.spark.master";
    public static final String RETRAIN_WHEN_NEW_ROWS = "ml.retrainWhen.newRows";
    public static final String RETRAIN_WHEN_CODE_CHANGED = "ml.retrainWhen.codeChanged";
    public static final String RETRAIN_WHEN_MAX_AGE_DAYS = "ml.retrainWhen.maxAgeDays";
    public static final String VALIDATE_SKIP = "ml.validate.skip";
    public static final String MODEL_NAME = "ml.modelName";
    public static final String OUTPUT_DIRECTORY = "ml.outputDirectory";
    public static final String TRAINING_DATA = "ml.trainingData";
    public static final String TEST_DATA = "ml.testData";
    public static final String EXCLUDE = "ml.exclude";
    public static final String CLASS_ATTRIBUTE = "ml.classAttribute";
    public static final String POSITIVE_CLASS = "ml.positiveClass";
    public static final String ATTRIBUTE_TYPES = "ml.attributeTypes";
    public static final String ALGORITHM = "ml.algorithm";
    public static final String OPTIONS = "ml.options";
    public static final String SEED = "ml.seed";
    public static final String EVALUATION = "ml.evaluation";
    public static final String HOLDOUT_PERCENT = "ml.holdoutPercent";
    public static final String FOLDS = "ml.folds";
    public static final String THRESHOLDS = "ml.thresholds";
    public static final String SLICE_THRESHOLDS = "ml.sliceThresholds";
    public static final String MIN_SLICE_SIZE = "ml.minSliceSize";
    public static final String ALLOW_MISSING_SLICES = "ml.allowMissingSlices";
    public static final String PROMOTE_SKIP = "ml.promote.skip";
    public static final String CHAMPION_SKIP = "ml.champion.skip";
    public static final String HISTORY_SKIP = "ml.history.skip";
    public static final String ROLLBACK_SKIP = "ml.rollback.skip";
    public static final String PROMOTE_VERSION = "ml.promote.version";
    public static final String PROMOTE_FINISH = "ml.promote.finish";
    public static final String PROMOTE_REPOSITORY = "ml.promote.repository";
    public static final String PROMOTE_APPROVER = "ml.promote.approver";
    public static final String PROMOTE_REASON = "ml.promote.reason";
    public static final String PROMOTE_REQUIRE_APPROVAL = "ml.promote.requireApproval";
    public static final String PROMOTE_ARTIFACT_ID = "ml.promote.artifactId";
    public static final String PROMOTE_ALLOW_DIRTY = "ml.promote.allowDirty";
    public static final String REGISTRY_BRANCH = "ml.registry.branch";
    public static final String REGISTRY_REMOTE = "ml.registry.remote";
    public static final String REGISTRY_SERVER_ID = "ml.registry.serverId";
    public static final String ROLLBACK_VERSION = "ml.rollback.version";
    public static final String CI_REPORT_SKIP = "ml.ciReport.skip";
    public static final String CI_REPORT_COMMENT_ON_PR = "ml.ciReport.commentOnPr";
    public static final String CI_REPORT_FAIL_ON_GATE = "ml.ciReport.failOnGate";
    public static final String CI_REPORT_BUILD_OUTCOME = "ml.ciReport.buildOutcome";
    // MLflow tracking
    public static final String MLFLOW_TRACKING_URI = "ml.mlflow.trackingUri";
    public static final String MLFLOW_EXPERIMENT = "ml.mlflow.experiment";
    // monitoring: Prometheus Pushgateway
    public static final String PROMETHEUS_PUSHGATEWAY = "ml.prometheus.pushgateway";
    public static final String PROMETHEUS_JOB = "ml.prometheus.job";
    public static final String PROMETHEUS_SERVER_ID = "ml.prometheus.serverId";
    public static final String MONITORING_FAIL_ON_ERROR = "ml.monitoring.failOnError";
    // ml:monitor
    public static final String MONITOR_SKIP = "ml.monitor.skip";
    public static final String MONITOR_FAIL_ON_DECAY = "ml.monitor.failOnDecay";
    // the model report
    public static final String REPORT_SKIP = "ml.report.skip";

    private PropertyNames() {}
}
