package io.jstack.common.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.function.Function;

/**
 * Tokens as compact JWS (RFC 7515) with ES256: {@code base64url(header).base64url(payload).base64url(sig)}. The
 * header names the signing key ({@code kid}) so verifiers pick the right public key across key rotations.
 * Signatures use the JDK's P1363 ECDSA encoding, which is exactly JWS's R||S form.
 */
public final class TokenCodec {

    public static final String ALGORITHM = "ES256";
    private static final String JCA = "SHA256withECDSAinP1363Format";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Bounds parsing work on hostile input; real tokens are well under 2 KiB. */
    public static final int MAX_TOKEN_LENGTH = 8192;

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record Header(String alg, String kid, String typ) {
    }

    public String sign(Token token, String keyId, PrivateKey key) {
        try {
            String header = B64.encodeToString(json.writeValueAsBytes(new Header(ALGORITHM, keyId, "JWT")));
            String payload = B64.encodeToString(json.writeValueAsBytes(token));
            String signingInput = header + "." + payload;
            Signature signer = Signature.getInstance(JCA);
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signer.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /**
     * Checks the signature with the key the header names and returns the payload. Expiry and revocation are the
     * caller's business ({@link TokenVerifier}).
     */
    public Token verifySignature(String compact, Function<String, PublicKey> keys) {
        if (compact == null || compact.isEmpty() || compact.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("The token is malformed");
        }
        int first = compact.indexOf('.');
        int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
        if (first < 0 || second < 0 || compact.indexOf('.', second + 1) >= 0) {
            throw new InvalidTokenException("The token is malformed");
        }
        try {
            Header header = json.readValue(B64D.decode(compact.substring(0, first)), Header.class);
            // "null" is valid JSON: a header or payload that decodes to nothing is as malformed as broken JSON
            if (header == null) {
                throw new InvalidTokenException("The token is malformed");
            }
            if (!ALGORITHM.equals(header.alg()) || header.kid() == null) {
                throw new InvalidTokenException("The token is not signed with a supported algorithm");
            }
            PublicKey key = keys.apply(header.kid());
            if (key == null) {
                throw new InvalidTokenException("The token was signed by an unknown key");
            }
            Signature verifier = Signature.getInstance(JCA);
            verifier.initVerify(key);
            verifier.update(compact.substring(0, second).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64D.decode(compact.substring(second + 1)))) {
                throw new InvalidTokenException("The token signature is invalid");
            }
            Token token = json.readValue(B64D.decode(compact.substring(first + 1, second)), Token.class);
            if (token == null || token.user() == null || token.issuedAt() == null || token.expiresAt() == null) {
                throw new InvalidTokenException("The token is malformed");
            }
            return token;
        } catch (IllegalArgumentException | IOException | java.security.SignatureException e) {
            throw new InvalidTokenException("The token is malformed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 is not available in this JDK", e);
        }
    }
}
