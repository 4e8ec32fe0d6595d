package io.jstack.common.auth;

/** A token that does not authenticate anybody: malformed, badly signed, expired or revoked. */
public class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
