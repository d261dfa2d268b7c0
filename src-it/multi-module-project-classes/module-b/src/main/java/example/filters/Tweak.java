package example.filters;

import weka.core.Capabilities;
import weka.core.Instances;
import weka.filters.SimpleBatchFilter;

/** Module b's Tweak: keeps only the class attribute, so any classifier can only predict the majority class. */
public class Tweak extends SimpleBatchFilter {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Module b: removes every attribute but the class.";
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
        Instances output = new Instances(inputFormat, 0);
        for (int i = output.numAttributes() - 1; i >= 0; i--) {
            if (i != output.classIndex()) {
                output.deleteAttributeAt(i);
            }
        }
        return output;
    }

    @Override
    protected Instances process(Instances instances) {
        Instances output = new Instances(instances);
        for (int i = output.numAttributes() - 1; i >= 0; i--) {
            if (i != output.classIndex()) {
                output.deleteAttributeAt(i);
            }
        }
        return output;
    }
}
