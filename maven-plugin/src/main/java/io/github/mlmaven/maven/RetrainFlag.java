package io.github.mlmaven.maven;

/**
 * A condition of {@code <retrainWhen>} that is on or off: {@code <degraded/>} switches it on, as do
 * {@code <degraded>true</degraded>}; {@code <degraded>false</degraded>} leaves it off. Maven sets a field of a plain type
 * only from text, so an empty element would leave a {@code Boolean} unset; a class of its own is created for an empty
 * element, and its text, when it has one, goes through {@link #set}.
 */
public class RetrainFlag {
    private String text = "";

    /** The element's text, checked by the core (which names the element when it is not true or false). */
    public void set(String text) {
        this.text = text == null ? "" : text;
    }

    /** The text as written; empty for an empty element. */
    public String text() {
        return text;
    }
}
