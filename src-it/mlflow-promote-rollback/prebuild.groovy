// the shared MLflow server's URL into pom.xml first (src-it/fixtures/mlflow.groovy), so that the commit below holds it
// and the working tree stays clean; then this folder becomes a git repository with one commit, pushed to a bare
// origin.git, and release-repo/ is created empty
evaluate(new File(itFixtures, 'mlflow.groovy')).init(basedir, itMlflowHome, itMlflowDirectory)
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath)
