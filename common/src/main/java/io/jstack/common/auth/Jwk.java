package io.jstack.common.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** An EC P-256 public key as a JSON Web Key (RFC 7517), the form the identity service publishes its keys in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Jwk(@JsonProperty("kty") String kty, @JsonProperty("crv") String crv, @JsonProperty("kid") String kid,
                  @JsonProperty("use") String use, @JsonProperty("alg") String alg,
                  @JsonProperty("x") String x, @JsonProperty("y") String y) {

    /** A JWK set: {@code {"keys": [...]}}. */
    public record Set(@JsonProperty("keys") List<Jwk> keys) {
    }

    public static Jwk of(String keyId, ECPublicKey key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return new Jwk("EC", "P-256", keyId, "sig", TokenCodec.ALGORITHM,
                b64.encodeToString(unsigned32(key.getW().getAffineX())),
                b64.encodeToString(unsigned32(key.getW().getAffineY())));
    }

    public ECPublicKey toPublicKey() {
        if (!"EC".equals(kty) || !"P-256".equals(crv)) {
            throw new IllegalArgumentException("only EC P-256 keys are supported, not " + kty + "/" + crv);
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            ECPoint point = new ECPoint(new BigInteger(1, b64.decode(x)), new BigInteger(1, b64.decode(y)));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, p256()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid P-256 public key: " + e.getMessage(), e);
        }
    }

    static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        byte[] out = new byte[32];
        if (raw.length > 32) { // a leading sign byte
            System.arraycopy(raw, raw.length - 32, out, 0, 32);
        } else {
            System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jwk other && Arrays.equals(new String[]{kid, x, y}, new String[]{other.kid, other.x, other.y});
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new String[]{kid, x, y});
    }
}
