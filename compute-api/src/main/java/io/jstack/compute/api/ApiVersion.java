package io.jstack.compute.api;

import io.jstack.common.api.ApiException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A compute API microversion, {@code 2.x}. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    private static final Pattern FORMAT = Pattern.compile("^([1-9]\\d*)\\.([1-9]\\d*|0)$");

    /** The oldest version served (what a request without a version header gets). */
    public static final ApiVersion MIN = new ApiVersion(2, 1);
    /** The newest version served: everything up to it is implemented. */
    public static final ApiVersion MAX = new ApiVersion(2, 96);

    public static ApiVersion parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw ApiException.badRequest("API Version String " + text + " is of invalid format. Must be of format "
                    + "MajorNum.MinorNum.");
        }
        try {
            return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("API Version String " + text + " is of invalid format.");
        }
    }

    /** This request's version is at least {@code 2.minor}. */
    public boolean atLeast(int minor) {
        return compareTo(new ApiVersion(2, minor)) >= 0;
    }

    /** At most {@code 2.minor}. */
    public boolean atMost(int minor) {
        return compareTo(new ApiVersion(2, minor)) <= 0;
    }

    public boolean served() {
        return compareTo(MIN) >= 0 && compareTo(MAX) <= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
