package io.jstack.common.auth;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Access rules of application credentials, enforced where the token is used (as keystonemiddleware does): a token
 * whose application credential lists access rules may only make the requests one of them names, by service type,
 * HTTP method and path. In a rule's path, {@code *} or {@code {name}} stands for one path segment and {@code **}
 * for any number of them. A request that comes with a service token is part of a chain a service runs for the
 * user and is not checked; a service that does not know its own type refuses every restricted token.
 */
public final class AccessRules {

    private AccessRules() {
    }

    /** Whether the token may make this request at a service of type {@code serviceType}. */
    public static boolean permit(Token token, Optional<String> serviceType, String method, String path,
                                 boolean withServiceToken) {
        List<Token.AccessRule> rules = token.applicationCredential() == null ? null
                : token.applicationCredential().accessRules();
        if (rules == null) {
            return true;
        }
        if (serviceType.isEmpty()) {
            return false;
        }
        String type = serviceType.get();
        // a restricted token can always be validated
        if (type.equals("identity") && method.equals("GET") && path.endsWith("/v3/auth/tokens")) {
            return true;
        }
        if (withServiceToken) {
            return true;
        }
        for (Token.AccessRule rule : rules) {
            if (type.equals(rule.service()) && method.equals(rule.method()) && pathMatches(path, rule.path())) {
                return true;
            }
        }
        return false;
    }

    /** A rule's path as a regular expression: literal text, one-segment and any-segments wildcards. */
    static boolean pathMatches(String path, String pattern) {
        if (pattern == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]+");
                i++;
            } else if (c == '{' && pattern.indexOf('}', i) > 0) {
                regex.append("[^/]+");
                i = pattern.indexOf('}', i) + 1;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.append('$').toString()).matcher(path).matches();
    }
}
