// the shared MLflow server (src-it/fixtures/mlflow.groovy), started by the first MLflow IT; its URL goes into pom.xml
evaluate(new File(itFixtures, 'mlflow.groovy')).init(basedir, itMlflowHome, itMlflowDirectory)
