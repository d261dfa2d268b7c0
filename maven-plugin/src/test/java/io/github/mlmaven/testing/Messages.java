package io.github.mlmaven.testing;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A small, skewed text data set generated deterministically: short messages, one in ten spam, as ARFF (a string
 * attribute) or CSV (a free-text column). Spam and ham share most words, so a text classifier gets some wrong.
 */
public final class Messages {
    private static final List<String> COMMON = List.of(
            "hello",
            "today",
            "meeting",
            "please",
            "call",
            "me",
            "about",
            "the",
            "project",
            "tomorrow",
            "thanks",
            "lunch",
            "report",
            "free",
            "offer");
    private static final List<String> SPAM = List.of("win", "prize", "free", "cash", "click", "offer", "now", "urgent");

    private Messages() {}

    public record Message(String text, String label) {}

    public static List<Message> generate(int rows, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, rows)
                .mapToObj(i -> {
                    boolean spam = i > 0 && random.nextInt(10) == 0;
                    int words = 4 + random.nextInt(6);
                    String text = IntStream.range(0, words)
                            .mapToObj(w -> spam && random.nextInt(3) > 0
                                    ? SPAM.get(random.nextInt(SPAM.size()))
                                    : COMMON.get(random.nextInt(COMMON.size())))
                            .collect(Collectors.joining(" "));
                    return new Message(text + " " + i, spam ? "spam" : "ham");
                })
                .toList();
    }

    public static String arff(List<Message> messages) {
        StringBuilder arff =
                new StringBuilder("@relation messages\n@attribute text string\n@attribute class {ham,spam}\n@data\n");
        for (Message m : messages) {
            arff.append('\'').append(m.text()).append("',").append(m.label()).append('\n');
        }
        return arff.toString();
    }

    public static String csv(List<Message> messages) {
        StringBuilder csv = new StringBuilder("text,class\n");
        for (Message m : messages) {
            csv.append('"').append(m.text()).append("\",").append(m.label()).append('\n');
        }
        return csv.toString();
    }
}
