package io.github.mlmaven.common;

/** A verdict, not a breakage: the model was evaluated and did not meet its gate. */
public class GateFailedException extends MlException {
    public GateFailedException(String message) {
        super(message);
    }
}
