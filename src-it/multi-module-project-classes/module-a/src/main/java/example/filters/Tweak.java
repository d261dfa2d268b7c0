package example.filters;

import weka.core.Capabilities;
import weka.core.Instances;
import weka.filters.SimpleBatchFilter;

/** Module a's Tweak: passes the data through unchanged. */
public class Tweak extends SimpleBatchFilter {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Module a: passes the data through unchanged.";
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
