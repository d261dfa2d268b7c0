#!/usr/bin/env bash
# Trains, validates and promotes the credit-risk model twice into a local file:// Maven repository, with the model
# registry on a branch of a throwaway git repository whose "origin" is a local bare repository; then prints the
# history, rolls production back, and predicts with the production artifact through the runtime library
# (ml-model-runtime), as an application that depends on it would. Last, new labels arrive: ml:monitor finds production
# degraded and the data drifted, and the next build retrains because of it (and its gate judges the new model).
# No ANSI colours when the output is not a terminal.
# Everything happens under target/promote-demo/, so this checkout's own git repository is never touched.
#
# Usage (after `mvn -B -e -ntp install` at the repository root): examples/credit-risk/promote-locally.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
demo="${here}/target/promote-demo"
mvn_args=(-B -ntp)
# colours only on a terminal: in a log file or a pipe, ANSI escape codes are noise. -B and style.color=never leave
# the reset codes that Maven's console library prints around each build; jansi.noreset (read at JVM start) drops them
if [[ ! -t 1 ]]; then
  mvn_args+=(-Dstyle.color=never)
  export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"
fi

rm -rf "${demo}"
# a model version is immutable, so Maven keeps the copy it once resolved in the local repository; this demo makes a
# new release repository each run, so the versions that an earlier run left there are removed first
local_repo="$(mvn "${mvn_args[@]}" -q help:evaluate -Dexpression=settings.localRepository -DforceStdout)"
rm -rf "${local_repo}/io/github/mlmaven/examples/credit-risk-model"
mkdir -p "${demo}"
git init -q --bare "${demo}/origin.git"
mkdir -p "${demo}/project"
cp -r "${here}/pom.xml" "${here}/data" "${demo}/project/"
cd "${demo}/project"
printf 'target/\n' > .gitignore
git init -q -b main
git config user.name "Demo"
git config user.email "demo@example.invalid"
git remote add origin "${demo}/origin.git"

# the release repository the model artifacts go to; ml:validate resolves the production model from it too
mvn_args+=(-Dml.promote.repository="demo::file://${demo}/release-repo")

git add -A
git commit -q -m "credit-risk model project"
git push -q origin main

echo "== first promotion"
mvn "${mvn_args[@]}" verify
mvn "${mvn_args[@]}" ml:promote \
  -Dml.promote.approver="release-manager" -Dml.promote.reason="first credit-risk model"

echo "== a tuned model (stronger ridge): compared with production 1.0.0, then promoted as 1.0.1"
sed -i 's#<options></options>#<options>-R 1.0</options>#' pom.xml
git commit -q -am "Logistic: ridge 1.0"
mvn "${mvn_args[@]}" verify
mvn "${mvn_args[@]}" ml:promote \
  -Dml.promote.approver="release-manager" -Dml.promote.reason="ridge 1.0: better precision, same recall"

echo "== a worse model (NaiveBayes): the champion gate refuses it (this build is expected to fail)"
sed -i 's#weka.classifiers.functions.Logistic#weka.classifiers.bayes.NaiveBayes#; s#<options>-R 1.0</options>#<options></options>#' pom.xml
git commit -q -am "try NaiveBayes"
if mvn "${mvn_args[@]}" verify; then
  echo "expected the champion gate to refuse NaiveBayes" >&2
  exit 1
fi
git revert --no-edit HEAD > /dev/null

echo "== history, then roll production back to 1.0.0"
mvn "${mvn_args[@]}" ml:history
mvn "${mvn_args[@]}" ml:rollback -Dml.rollback.version=1.0.0 \
  -Dml.promote.approver="release-manager" -Dml.promote.reason="demo rollback"
mvn "${mvn_args[@]}" ml:history

echo "== registry branch and tags in origin"
git --git-dir="${demo}/origin.git" log --format='  %h %s' ml-registry
git --git-dir="${demo}/origin.git" tag -l 'ml/*' | sed 's/^/  /'
# the model's own coordinates: the project's artifactId followed by -model, never the project's
ls "${demo}/release-repo/io/github/mlmaven/examples/credit-risk-model/"

echo "== an application predicts with production 1.0.0 through the runtime library (ml-model-runtime)"
# the application depends on the promoted model and on ml-model-runtime, as any consumer would
# (docs/consuming-a-model.md); Maven resolves them from the release repository, Java runs the program
plugin_version="$(grep -A1 '<artifactId>ml-maven-plugin</artifactId>' "${here}/pom.xml" \
  | sed -n 's#.*<version>\(.*\)</version>.*#\1#p')"
mkdir -p "${demo}/app"
cat > "${demo}/app/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.github.mlmaven.examples</groupId>
  <artifactId>credit-risk-app</artifactId>
  <version>1.0-SNAPSHOT</version>
  <packaging>pom</packaging>
  <repositories>
    <repository>
      <id>demo</id>
      <url>file://${demo}/release-repo</url>
    </repository>
  </repositories>
  <dependencies>
    <dependency>
      <groupId>io.github.mlmaven.examples</groupId>
      <artifactId>credit-risk-model</artifactId>
      <version>1.0.0</version>
    </dependency>
    <dependency>
      <groupId>io.github.mlmaven</groupId>
      <artifactId>ml-model-runtime</artifactId>
      <version>${plugin_version}</version>
    </dependency>
  </dependencies>
</project>
POM
cat > "${demo}/app/Predict.java" <<'JAVA'
import io.github.mlmaven.runtime.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores the first rows of an ARFF file with the model credit-risk found on the class path. */
public class Predict {
    public static void main(String[] args) throws Exception {
        Model model = Model.load("credit-risk");
        System.out.println("loaded " + model.modelName() + " from " + model.source());
        List<String> names = new ArrayList<>();
        int shown = 0;
        boolean data = false;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank() || line.startsWith("%")) {
                continue;
            }
            if (!data) {
                if (line.toLowerCase().startsWith("@attribute")) {
                    names.add(line.split("\\s+")[1]);
                }
                data = line.toLowerCase().startsWith("@data");
                continue;
            }
            String[] values = line.split(",");
            // the runtime takes numbers for numeric attributes and labels for nominal ones
            Map<String, Object> features = new LinkedHashMap<>();
            for (int i = 0; i < names.size() - 1; i++) {
                String value = values[i].replace("'", "");
                features.put(names.get(i), value.matches("-?[0-9.]+") ? Double.valueOf(value) : value);
            }
            System.out.println("  applicant " + (shown + 1) + ": predicted " + model.predict(features)
                    + ", actual " + values[names.size() - 1]);
            if (++shown == 5) {
                break;
            }
        }
    }
}
JAVA
(
  cd "${demo}/app"
  mvn "${mvn_args[@]}" -q dependency:build-classpath -Dmdep.outputFile=classpath.txt
  java -cp "$(cat classpath.txt)" Predict.java "${demo}/project/data/credit-g-test.arff"
)

echo "== new labels arrive: ml:monitor judges production 1.0.0 on them"
# Labelled applications that came after the training data, made from the split's own rows by a fixed rule: half of
# the bad applicants now come with no checking account (to this model the surest sign of a good one), and only every
# fourth good applicant is labelled yet. So recall falls, bad applicants are far more frequent than in training, and
# checking_status drifts. As before, those made from training rows extend the training data (the rows production
# 1.0.0 was not trained on, which ml:monitor scores) and those made from test rows extend the test split.
for split in train test; do
  awk -F, -v OFS=, -v none="'no checking'" '
    rows && NF > 1 { if ($NF == "bad") { if (++bad % 2) $1 = none; print } else if (++good % 4 == 0) print }
    /^@data/ { rows = 1 }' "data/credit-g-${split}.arff" > "${demo}/new-${split}.csv"
  cat "${demo}/new-${split}.csv" >> "data/credit-g-${split}.arff"
done
git commit -q -am "$(cat "${demo}"/new-*.csv | wc -l) newly labelled applications"
mvn "${mvn_args[@]}" ml:monitor | tee "${demo}/monitor.log"
grep -q 'Production credit-risk 1.0.0 is degraded' "${demo}/monitor.log" \
  || { echo "expected ml:monitor to find production 1.0.0 degraded" >&2; exit 1; }
grep -q 'Data drift: .* drifted: checking_status' "${demo}/monitor.log" \
  || { echo "expected ml:monitor to find checking_status drifted" >&2; exit 1; }

echo "== retrain when production is degraded (<retrainWhen><degraded/>); the gate still judges the new model"
# The retrained model beats production 1.0.0 on the extended test split, yet both miss the rocAuc floor of 0.72 on
# the new applicants: the thresholds still hold after retraining, so this build is expected to fail, and production
# stays 1.0.0 until someone decides (a better model, or a new floor). report.html shows both runs' figures.
sed -i 's#^\( *\)<decay>#\1<retrainWhen>\n\1  <degraded/>\n\1</retrainWhen>\n&#' pom.xml
git commit -q -am "retrain when ml:monitor finds production degraded"
if mvn "${mvn_args[@]}" verify | tee "${demo}/retrain.log"; then
  echo "expected the gate to refuse the retrained model (rocAuc below 0.72)" >&2
  exit 1
fi
grep -q 'Retraining credit-risk (<retrainWhen>): .*found production 1.0.0 degraded' "${demo}/retrain.log" \
  || { echo "expected ml:train to retrain because production 1.0.0 is degraded" >&2; exit 1; }
