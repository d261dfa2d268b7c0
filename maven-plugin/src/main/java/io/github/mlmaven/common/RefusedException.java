package io.github.mlmaven.common;

/**
 * A verdict, not a breakage: the request was understood and refused by policy, e.g. promoting a model that did not
 * pass its gate, or without the approval that is required. The build fails; nothing was changed.
 */
public class RefusedException extends MlException {
    public RefusedException(String message) {
        super(message);
    }
}
