package io.jstack.common.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses oslo.policy's check strings: checks separated by whitespace, combined with {@code and}, {@code or} and
 * {@code not} ({@code not} binds tightest, then {@code and}, then {@code or}) and grouped with parentheses, which
 * may stick to a check ({@code (role:admin}); parentheses inside a check ({@code %(project_id)s}) are part of it.
 * An empty string is {@code @}. Where oslo.policy logs a malformed rule and denies, this refuses it, so that an
 * operator's mistake stops the service at start instead of silently denying.
 */
public final class CheckParser {

    private record Tok(String kind, String text) {
    }

    private final List<Tok> tokens;
    private final String source;
    private int at;

    private CheckParser(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    /** The check a string spells; {@link IllegalArgumentException} naming the problem when it is malformed. */
    public static Check parse(String checkString) {
        if (checkString == null || checkString.isBlank()) {
            return new Check.Always(true);
        }
        CheckParser parser = new CheckParser(checkString);
        Check check = parser.or();
        if (parser.at != parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.at).text() + "'");
        }
        return check;
    }

    private Check or() {
        List<Check> alternatives = new ArrayList<>();
        alternatives.add(and());
        while (peek("or")) {
            at++;
            alternatives.add(and());
        }
        return alternatives.size() == 1 ? alternatives.getFirst() : new Check.Or(alternatives);
    }

    private Check and() {
        List<Check> all = new ArrayList<>();
        all.add(not());
        while (peek("and")) {
            at++;
            all.add(not());
        }
        return all.size() == 1 ? all.getFirst() : new Check.And(all);
    }

    private Check not() {
        if (peek("not")) {
            at++;
            return new Check.Not(not());
        }
        return atom();
    }

    private Check atom() {
        if (at >= tokens.size()) {
            throw error("a check is missing at the end");
        }
        Tok tok = tokens.get(at++);
        switch (tok.kind()) {
            case "(" -> {
                Check inner = or();
                if (!peek(")")) {
                    throw error("a ')' is missing");
                }
                at++;
                return inner;
            }
            case "check" -> {
                return check(tok.text());
            }
            default -> throw error("unexpected '" + tok.text() + "'");
        }
    }

    private Check check(String text) {
        if (text.equals("@")) {
            return new Check.Always(true);
        }
        if (text.equals("!")) {
            return new Check.Always(false);
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw error("'" + text + "' is not a check (kind:match, @ or !)");
        }
        String kind = text.substring(0, colon);
        String match = text.substring(colon + 1);
        return switch (kind) {
            case "rule" -> new Check.RuleRef(match);
            case "role" -> new Check.Role(match);
            case "http", "https" -> throw error("remote checks (" + kind + ":) are not supported");
            default -> new Check.Generic(kind, match);
        };
    }

    private boolean peek(String kind) {
        return at < tokens.size() && tokens.get(at).kind().equals(kind);
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("malformed check string \"" + source + "\": " + problem);
    }

    /** Whitespace-separated words; leading '(' and trailing ')' peeled off as tokens of their own. */
    private static List<Tok> tokenize(String source) {
        List<Tok> tokens = new ArrayList<>();
        for (String word : source.trim().split("\\s+")) {
            int start = 0;
            while (start < word.length() && word.charAt(start) == '(') {
                tokens.add(new Tok("(", "("));
                start++;
            }
            int end = word.length();
            while (end > start && word.charAt(end - 1) == ')') {
                end--;
            }
            String clean = word.substring(start, end);
            if (!clean.isEmpty()) {
                String lowered = clean.toLowerCase(Locale.ROOT);
                if (lowered.equals("and") || lowered.equals("or") || lowered.equals("not")) {
                    tokens.add(new Tok(lowered, clean));
                } else {
                    tokens.add(new Tok("check", clean));
                }
            }
            for (int i = end; i < word.length(); i++) {
                tokens.add(new Tok(")", ")"));
            }
        }
        return tokens;
    }
}
