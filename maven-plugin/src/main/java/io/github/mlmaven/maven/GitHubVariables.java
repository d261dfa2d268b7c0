package io.github.mlmaven.maven;

import io.github.mlmaven.ci.GitHubEnvironment;
import java.util.HashMap;
import java.util.Map;

/** The GitHub Actions variables of the process environment, passed to the core as a plain map. */
final class GitHubVariables {
    private GitHubVariables() {}

    static Map<String, String> read() {
        Map<String, String> variables = new HashMap<>();
        for (String name : GitHubEnvironment.VARIABLES) {
            String value = System.getenv(name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        return variables;
    }
}
