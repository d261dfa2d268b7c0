import java.util.ArrayList;
import java.util.Random;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.classifiers.evaluation.ThresholdCurve;
import weka.core.Instances;

/**
 * Weka's ROC and PRC areas (ThresholdCurve) of random scored rows, for benchmarks/sklearn/jobs.py --check-areas, which
 * computes scikit-learn's roc_auc_score and average_precision_score on the same rows: the proof that those are the
 * figures ml:validate reports. Sets with few distinct probabilities (many ties) and with almost all distinct. Prints
 * per set: Weka's ROC area, Weka's PRC area, then "label,probability" for each row.
 *
 * <pre>java -cp "$(cat benchmarks/target/weka-classpath/cp.txt)" benchmarks/sklearn/WekaAreas.java >areas.txt
 * benchmarks/target/sklearn-venv/bin/python benchmarks/sklearn/jobs.py --check-areas areas.txt</pre>
 */
public class WekaAreas {
    public static void main(String[] args) throws Exception {
        Random random = new Random(7);
        for (int set = 0; set < 6; set++) {
            double levels = set % 2 == 0 ? 50 : 1e6;
            ArrayList<Prediction> predictions = new ArrayList<>();
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 2000 + 1000 * set; i++) {
                double p = Math.round(random.nextDouble() * levels) / levels;
                int actual = random.nextDouble() < 0.02 + 0.5 * p * p * p ? 1 : 0;
                predictions.add(new NominalPrediction(actual, new double[] {1 - p, p}));
                rows.append(' ').append(actual).append(',').append(p);
            }
            Instances curve = new ThresholdCurve().getCurve(predictions, 1);
            System.out.println(ThresholdCurve.getROCArea(curve) + " " + ThresholdCurve.getPRCArea(curve) + rows);
        }
    }
}
