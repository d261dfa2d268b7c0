// skipped, with a note, where MLflow is not installed (bash .ci/mlflow/install.sh)
return evaluate(new File(itFixtures, 'mlflow.groovy')).available(basedir, itMlflowHome)
