package example.filters;

import weka.core.Capabilities;
import weka.core.Instances;
import weka.filters.SimpleBatchFilter;

/** A project's own Weka filter: passes the data through unchanged. */
public class Identity extends SimpleBatchFilter {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Passes the data through unchanged (version 2).";
    }

    @Override
    public Capabilities getCapabilities() {
        Capabilities capabilities = super.getCapabilities();
        capabilities.enableAllAttributes();
        capabilities.enableAllClasses();
        capabilities.enable(Capabilities.Capability.NO_CLASS);
        return capabilities;
    }

    @Override
    protected Instances determineOutputFormat(Instances inputFormat) {
        return new Instances(inputFormat, 0);
    }

    @Override
    protected Instances process(Instances instances) {
        return new Instances(instances);
    }
}
